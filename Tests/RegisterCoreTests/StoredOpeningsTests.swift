import Foundation
import GRDB
import Testing
@testable import RegisterCore

/// The two stored forms of a change's openings (`StoredOpenings`): as JSON, as every
/// change was stored before `v11-importspeed2`, and compactly, as salts in bytes beside
/// the values the public body lacks.
@Suite("How a change's openings are stored")
struct StoredOpeningsTests {
    /// A register with drafts, withheld values, a private person, a correction, a
    /// redaction, a withdrawal and an import's published meetings.
    private static func populated() throws -> TestRegister {
        let fixture = try TestRegister()
        let register = fixture.register
        let secret = fixture.meeting(summary: "Hemligt.", withheld: [.summary: Withholding(ground: "OSL 19 kap. 3 §", until: Day("2031-01-01"))],
                                     people: [CounterpartPerson(name: "Rolf Hemligsson", isPrivate: true), CounterpartPerson(name: "Eva Ek")])
        let first = try register.recordAndPublishMeeting(secret, by: .shell)
        var corrected = secret
        corrected.place = "Stadshuset"
        try register.correctMeeting(first, with: corrected, reason: "Fel plats.", by: .shell)
        _ = try register.recordMeeting(fixture.meeting(summary: "Ett utkast."), by: .shell)
        let imported = try register.importMeetings([ImportRow(line: 1, meeting: fixture.meeting(summary: "Importerat."))],
                                                   publish: true, by: .shell).meetings
        try register.withdrawMeeting(imported[0], reason: "Dubblett.", by: .shell)
        return fixture
    }

    /// Rewrites every change's openings in the JSON form the register stored before `v11-importspeed2`.
    private static func storeAsJSON(_ register: Register) throws {
        try register.writer.write { db in
            let rows = try Row.fetchAll(db, sql: "SELECT \(Register.entryColumns) FROM change ORDER BY seq")
            for row in rows {
                let entry = try Register.entry(row)
                try db.execute(sql: "UPDATE change SET openings = ?, salts = NULL, kept_openings = NULL WHERE seq = ?",
                               arguments: [CanonicalJSON.string(LedgerEntry.openingsJSON(entry.openings)), entry.sequence])
            }
        }
    }

    private static func exports(_ register: Register) throws -> [String] {
        var lines: [String] = []
        for view in LedgerView.allCases {
            lines += try ledgerLines(register, view: view).map { "\(view): " + String(decoding: $0, as: UTF8.self) }
        }
        lines += try register.publicChanges(after: 0).map { "\($0.sequence) \($0.hash) \($0.type) \($0.record)" }
        return lines
    }

    @Test func newChangesAreStoredCompactlyAndReadAsTheirOpenings() throws {
        let fixture = try Self.populated()
        let stored = try fixture.register.readDatabase { db in
            try Row.fetchAll(db, sql: "SELECT openings, salts FROM change")
        }
        #expect(stored.allSatisfy { ($0["openings"] as String?) == nil && ($0["salts"] as Data?) != nil })
        #expect(verify(try ledgerLines(fixture.register, view: .auditor)) == nil)
        #expect(verify(try ledgerLines(fixture.register, view: .public)) == nil)
        #expect(try fixture.register.verifyLedger().sequence == Int64(stored.count))
    }

    @Test func aLedgerStoredWithItsOpeningsAsJSONExportsTheSameBytesAsStoredCompactly() throws {
        let fixture = try Self.populated()
        let compact = try Self.exports(fixture.register)
        try Self.storeAsJSON(fixture.register)
        #expect(try fixture.register.readDatabase { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM change WHERE salts IS NOT NULL") } == 0)
        #expect(try Self.exports(fixture.register) == compact)
        try fixture.register.verifyLedger()
    }

    @Test(arguments: [false, true])
    func aRedactionTakesTheValueOutOfPublicViewAndTheAuditorKeepsItInEitherForm(asJSON: Bool) throws {
        let fixture = try Self.populated()
        if asJSON { try Self.storeAsJSON(fixture.register) }
        let before = try ledgerLines(fixture.register, view: .auditor)
        try fixture.register.redactMeeting(1, .field(.place), ground: "OSL 21 kap. 7 §", reason: "Publicerat av misstag.", by: .shell)
        try fixture.register.redactMeeting(1, .personName(counterpart: 0, person: 1), ground: "GDPR art. 17", reason: "Begäran om radering.", by: .shell)

        let auditor = try ledgerLines(fixture.register, view: .auditor)
        #expect(Array(auditor.prefix(before.count)) == before)
        #expect(verify(auditor) == nil)
        let publicLines = try ledgerLines(fixture.register, view: .public)
        #expect(verify(publicLines) == nil)
        let published = try #require(try fixture.register.publicChanges(after: 0).first { $0.type == .meetingPublished })
        let line = try JSONValue.parse(Data(publicLines[Int(published.sequence) - 1]))
        #expect(line["openings"]?["/data/place"] == nil)
        #expect(line["openings"]?["/data/counterparts/0/people/1/name"] == nil)
        #expect(line["openings"]?["/data/subject"] != nil)
        #expect(line["openings"]?["/data/counterparts/0/people/1/private"]?["value"] == .bool(false))
        let auditorLine = try JSONValue.parse(Data(auditor[Int(published.sequence) - 1]))
        #expect(auditorLine["openings"]?["/data/place"]?["value"] == .string("Regionens hus"))
        #expect(auditorLine["openings"]?["/data/counterparts/0/people/1/name"]?["value"] == .string("Eva Ek"))
        #expect(try fixture.register.read { try $0.auditedChanges(ofMeeting: 1) }.first?.data["place"] == .string("Regionens hus"))
    }

    /// An earlier value that a redaction replaces with one equal to it as Swift compares
    /// strings ("é" and "e" with a combining accent) but not as the commitment does is
    /// kept beside the salts, so the auditor's view still opens it.
    @Test func aRedactionKeepsAnEarlierValueThatDiffersFromThePatchedOneOnlyInItsUnicodeForm() throws {
        let fixture = try TestRegister()
        let register = fixture.register
        let composed = "Caf\u{E9}", decomposed = "Cafe\u{301}"
        #expect(composed == decomposed && Array(composed.utf8) != Array(decomposed.utf8))
        let issue = try register.add(Issue(title: "Kaféer i parken", summary: "S.", position: "P.", policyAreas: [composed, "Skola"], unit: fixture.unit), by: .shell)
        try register.update(issue, with: Issue(title: "Kaféer i parken", summary: "S.", position: "P.", policyAreas: [decomposed, "Vård"], unit: fixture.unit),
                            by: .shell)
        try register.redact(Issue.self, id: issue, field: "policyAreas", ground: "OSL 21 kap. 7 §", reason: "Fel område.", by: .shell)

        let auditor = try ledgerLines(register, view: .auditor)
        #expect(verify(auditor) == nil)
        #expect(verify(try ledgerLines(register, view: .public)) == nil)
        let added = try #require(try register.publicChanges(after: 0).first { $0.type == .issueAdded && $0.entityId == issue })
        let line = try JSONValue.parse(Data(auditor[Int(added.sequence) - 1]))
        let opened = try #require(line["openings"]?["/data/policyAreas/0"]?["value"]?.stringValue)
        #expect(Array(opened.utf8) == Array(composed.utf8))
    }

    /// A compact row whose public body lost a value, or whose salts were cut, is named
    /// by the check of the ledger as the change that fails, instead of stopping the read.
    @Test(arguments: ["UPDATE change SET public_body = json_remove(public_body, '$.data.place') WHERE seq = ?",
                      "UPDATE change SET salts = substr(salts, 1, 32) WHERE seq = ?"])
    func aDamagedCompactRowIsReportedAsTheChangeThatFails(damage: String) throws {
        let fixture = try Self.populated()
        let published = try #require(try fixture.register.publicChanges(after: 0).first { $0.type == .meetingPublished })
        try fixture.register.writer.write { db in try db.execute(sql: damage, arguments: [published.sequence]) }
        let failure = try #require(throws: LedgerFailure.self) { try fixture.register.verifyLedger() }
        #expect(failure.sequence == published.sequence)
        #expect(failure.reason.contains("has no opening"))
    }
}
