import Foundation
import GRDB
import Hummingbird
import RegisterCore
@testable import WebServer

/// A register on a file (tamper tests need a connection of their own) on 25 November
/// 2026 with: a meeting published on its deadline day, one published a day late with a
/// withheld summary and then corrected by a registrar, and a stale draft with a vague
/// subject and no issue; and signed-in sessions for each role.
struct AuditFixture {
    static let secretSummary = "CANARY-AUDIT-SUMMARY"
    static let ground = "OSL 19 kap. 3 §"
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("insyn-audit-\(UUID().uuidString).sqlite").path
    let clock = ManualClock(Timestamp.parse("2026-11-01T08:00:00Z")!)
    let register: Register
    let onDeadline: Int64
    let late: Int64
    let draft: Int64
    let recorder: Session
    let registrar: Session
    let auditor: Session

    init() async throws {
        let clock = clock
        register = try Register.open(path: path, clock: { clock.now })
        let unit = try register.add(RegisterCore.Unit(name: "Regionstyrelsen", kind: .board), by: .shell)
        let official = try register.add(Official(name: "Anna Lindqvist", title: "Regionråd", kind: .elected, unit: unit,
                                                 activeFrom: Day("2020-01-01")!), by: .shell)
        let organisation = try register.add(Organisation(name: "Klarälvens Energi AB", kind: .company, organisationNumber: "5567101232"), by: .shell)
        let issue = try register.add(Issue(title: "Dubbelspår på Exempelbanan", summary: "Utbyggnad.", position: "För.", unit: unit), by: .shell)
        try register.addLegalGround(LegalGround(ground: Self.ground, description: "Affärssekretess"), by: .shell)
        func meeting(_ start: String, subject: String, issues: [Int64], withheld: [MeetingField: Withholding] = [:]) -> Meeting {
            Meeting(startsAt: Timestamp.parse(start)!, durationMinutes: 60, place: "Regionens hus", format: .inPerson, direction: .inbound,
                    initiator: .counterpart, participants: [official], counterparts: [Counterpart(organisation: organisation)],
                    issues: issues, subject: subject, summary: Self.secretSummary, withheld: withheld)
        }
        clock.now = Timestamp.parse("2026-11-15T20:00:00Z")!
        onDeadline = try register.recordAndPublishMeeting(meeting("2026-11-01T10:00:00Z", subject: "Godstrafiken på Värmlandsbanan", issues: [issue],
                                                                  withheld: [.summary: Withholding(ground: Self.ground, until: Day("2027-06-30"))]), by: .shell)
        clock.now = Timestamp.parse("2026-11-16T09:00:00Z")!
        let lateMeeting = meeting("2026-11-01T10:00:00Z", subject: "Elförsörjningen längs banan", issues: [issue],
                                  withheld: [.summary: Withholding(ground: Self.ground, until: Day("2027-06-30"))])
        late = try register.recordAndPublishMeeting(lateMeeting, by: .shell)
        clock.now = Timestamp.parse("2026-11-25T09:00:00Z")!
        recorder = try await Self.session(register, "Rolf Registrerare", "rolf@region.example.se", .recorder, [official])
        registrar = try await Self.session(register, "Rut Registrator", "rut@region.example.se", .registrar, [])
        auditor = try await Self.session(register, "Ulf Revisor", "ulf@region.example.se", .auditor, [])
        let rut = registrar.principal
        var corrected = lateMeeting
        corrected.subject = "Elförsörjningen längs Värmlandsbanan"
        try register.correctMeeting(late, with: corrected, reason: "Rättat ämne", by: rut)
        draft = try register.recordMeeting(meeting("2026-11-05T10:00:00Z", subject: "Möte", issues: []), by: .shell)
    }

    static func session(_ register: Register, _ name: String, _ email: String, _ role: Role, _ officials: [Int64]) async throws -> Session {
        let account = try register.addAccount(NewAccount(name: name, email: email, role: role, officials: officials))
        _ = try await register.setPassword(resetSecret: try register.passwordResetLink(for: account.id).secret, password: "ett långt lösenord")
        return try await register.signIn(email: email, password: "ett långt lösenord", address: "192.0.2.1")
    }

    static func cookie(_ session: Session) -> HTTPFields {
        [.cookie: "\(SessionCookies.name)=\(session.id)"]
    }

    /// Runs `sql` on a connection of its own, as someone changing the file behind the register's back would.
    func tamper(_ sql: String) throws {
        let connection = try DatabaseQueue(path: path)
        try connection.write { db in try db.execute(sql: sql) }
        try connection.close()
    }

    func remove() {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
