import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import RegisterCore
@testable import WebServer

/// A register for the officials' pages: two officials, a consultancy and its
/// client with organisationsnummer, an issue, a legal ground; a draft of each
/// official, a published meeting of the first; and a signed-in session for a
/// recorder acting for the first official, a registrar and an auditor. Times are
/// relative to now, so the deadlines the pages show are real.
struct OfficialsPagesFixture {
    static let password = "ett långt lösenord"
    let register: Register
    let official: Int64
    let other: Int64
    let consultancy: Int64
    let client: Int64
    let issue: Int64
    let draft: Int64
    let otherDraft: Int64
    let published: Int64
    let recorder: Session
    let registrar: Session
    let auditor: Session

    static let ground = "OSL 19 kap. 3 §"


    init(now: Date = Date()) async throws {
        register = try Register.inMemory(clock: { Date() })
        let unit = try register.add(RegisterCore.Unit(name: "Regionstyrelsen", kind: .board), by: .shell)
        official = try register.add(Official(name: "Anna Lindqvist", title: "Regionråd", kind: .elected, party: "S", unit: unit,
                                             activeFrom: Day("2020-01-01")!), by: .shell)
        other = try register.add(Official(name: "Bo Berg", title: "Regionråd", kind: .elected, party: "M", unit: unit,
                                          activeFrom: Day("2020-01-01")!), by: .shell)
        consultancy = try register.add(Organisation(name: "Nordvind Kommunikation AB", kind: .consultancy, organisationNumber: "5568023450"),
                                       by: .shell)
        client = try register.add(Organisation(name: "Klarälvens Energi AB", kind: .company, organisationNumber: "5567101232"), by: .shell)
        issue = try register.add(Issue(title: "Dubbelspår på Exempelbanan", summary: "Utbyggnad.", position: "För.", unit: unit), by: .shell)
        try register.addLegalGround(LegalGround(ground: Self.ground, description: "Affärssekretess"), by: .shell)
        let lastWeek = now.addingTimeInterval(-7 * 86400)
        draft = try register.recordMeeting(Self.meeting(official, organisation: consultancy, issue: issue, at: lastWeek,
                                                        subject: "Utkast om banan"), by: .shell)
        otherDraft = try register.recordMeeting(Self.meeting(other, organisation: client, issue: issue, at: lastWeek,
                                                             subject: "Bos utkast"), by: .shell)
        published = try register.recordAndPublishMeeting(Self.meeting(official, organisation: client, issue: issue,
                                                                      at: now.addingTimeInterval(-30 * 86400), subject: "Godstrafiken"),
                                                         by: .shell)
        recorder = try await Self.session(register, "Anna Lindqvist", "anna@region.example.se", .recorder, [official])
        registrar = try await Self.session(register, "Rut Registrator", "rut@region.example.se", .registrar, [])
        auditor = try await Self.session(register, "Ulf Revisor", "ulf@region.example.se", .auditor, [])
    }

    static func meeting(_ official: Int64, organisation: Int64, issue: Int64, at start: Date, subject: String) -> Meeting {
        Meeting(startsAt: start, durationMinutes: 60, place: "Regionens hus", format: .inPerson, direction: .inbound,
                initiator: .counterpart, participants: [official],
                counterparts: [Counterpart(organisation: organisation, people: [CounterpartPerson(name: "Ulrika Fors", role: "VD")])],
                issues: [issue], subject: subject, summary: "Samtal om tidplanen.")
    }

    static func session(_ register: Register, _ name: String, _ email: String, _ role: Role, _ officials: [Int64]) async throws -> Session {
        let account = try register.addAccount(NewAccount(name: name, email: email, role: role, officials: officials))
        _ = try await register.setPassword(resetSecret: try register.passwordResetLink(for: account.id).secret, password: password)
        return try await register.signIn(email: email, password: password, address: "192.0.2.1")
    }

    /// The headers of a signed-in GET.
    static func cookie(_ session: Session) -> HTTPFields {
        [.cookie: "\(SessionCookies.name)=\(session.id)"]
    }

    /// The headers of a signed-in form POST.
    static func form(_ session: Session) -> HTTPFields {
        [.cookie: "\(SessionCookies.name)=\(session.id)", .contentType: "application/x-www-form-urlencoded"]
    }

    /// The meeting tables and the ledger, to show that a refused request changed nothing.
    func snapshot() throws -> [String] {
        try register.readDatabase { db in
            try ["change", "meeting_record", "meeting", "organisation"].map { table in
                "\(table): " + (try Row.fetchAll(db, sql: "SELECT * FROM \(table)").map(\.description).joined(separator: "|"))
            }
        }
    }
}

extension TestClientProtocol {
    /// POSTs a form of `fields` and returns the response's parts.
    func post(_ uri: String, headers: HTTPFields, _ fields: [(String, String)]) async throws -> Page {
        try await execute(uri: uri, method: .post, headers: headers, body: encode(fields)) { response in
            Page(status: response.status, headers: response.headers, body: String(buffer: response.body))
        }
    }
}
