import Foundation
import GRDB
import Testing
@testable import RegisterCore

@Suite("The ledger is tamper-evident, in the database and in both exported views")
struct LedgerTests {
    func populated(onFile: Bool = false) throws -> TestRegister {
        let fixture = try TestRegister(onFile: onFile)
        let first = try fixture.register.recordMeeting(fixture.meeting(withheld: [.summary: Withholding(ground: "OSL 19 kap. 3 §")]), by: .shell)
        try fixture.register.publishMeeting(first, by: .shell)
        let second = try fixture.register.recordMeeting(fixture.meeting(summary: "Andra mötet."), by: .shell)
        try fixture.register.publishMeeting(second, by: .shell)
        try fixture.register.correctMeeting(second, with: fixture.meeting(summary: "Andra mötet, rättat."), reason: "Rättad sammanfattning", by: .shell)
        try fixture.register.withdrawMeeting(first, reason: "Dubblett", by: .shell)
        return fixture
    }

    @Test func intactLedgerVerifies() throws {
        let fixture = try populated()
        let head = try fixture.register.verifyLedger()
        #expect(head == (try fixture.register.ledgerHead()))
        #expect(head.sequence == 11)
        for view in LedgerView.allCases { #expect(verify(try ledgerLines(fixture.register, view: view)) == nil) }
    }

    @Test func changedStoredChangeIsDetected() throws {
        let fixture = try populated(onFile: true)
        try fixture.tamper("UPDATE change SET body = replace(body, '\"withheld\":{}', '\"withheld\":{\"x\":1}') WHERE seq = 9")
        let failure = try #require(throws: LedgerFailure.self) { try fixture.register.verifyLedger() }
        #expect(failure.sequence == 9)
    }

    @Test func deletedStoredChangeIsDetected() throws {
        let fixture = try populated(onFile: true)
        try fixture.tamper("DELETE FROM change WHERE seq = 7")
        let failure = try #require(throws: LedgerFailure.self) { try fixture.register.verifyLedger() }
        #expect(failure.sequence == 7)
    }

    @Test func reorderedStoredChangesAreDetected() throws {
        let fixture = try populated(onFile: true)
        try fixture.tamper("""
            UPDATE change SET seq = -1 WHERE seq = 9;
            UPDATE change SET seq = 9 WHERE seq = 10;
            UPDATE change SET seq = 10 WHERE seq = -1;
            """)
        let failure = try #require(throws: LedgerFailure.self) { try fixture.register.verifyLedger() }
        #expect(failure.sequence == 9)
    }

    @Test func alteredConfidentialValueIsDetectedInTheDatabase() throws {
        let fixture = try populated(onFile: true)
        try fixture.tamper("""
            UPDATE change SET openings = replace(openings, 'Vi diskuterade', 'Vi beslutade'),
                kept_openings = replace(kept_openings, 'Vi diskuterade', 'Vi beslutade') WHERE seq = 7
            """)
        let failure = try #require(throws: LedgerFailure.self) { try fixture.register.verifyLedger() }
        #expect(failure.sequence == 7)
        #expect(failure.reason.contains("opening"))
    }

    @Test(arguments: LedgerView.allCases)
    func tamperedExportIsDetected(view: LedgerView) throws {
        let lines = try ledgerLines(try populated().register, view: view)

        var changed = lines
        let text = String(decoding: changed[8], as: UTF8.self).replacingOccurrences(of: "Andra", with: "andra")
        changed[8] = Array(text.utf8)
        #expect(verify(changed)?.sequence == 9)

        var oneByte = lines
        let index = oneByte[4].firstIndex(of: UInt8(ascii: "D"))!
        oneByte[4][index] = UInt8(ascii: "d")
        #expect(verify(oneByte)?.sequence == 5)

        var deleted = lines
        deleted.remove(at: 5)
        #expect(verify(deleted)?.sequence == 6)

        var reordered = lines
        reordered.swapAt(6, 7)
        #expect(verify(reordered)?.sequence == 7)
    }

    @Test func auditorOpeningsAreChecked() throws {
        let lines = try ledgerLines(try populated().register, view: .auditor)
        var altered = lines
        let text = String(decoding: altered[6], as: UTF8.self)
        #expect(text.contains("Vi diskuterade tidplanen."))
        altered[6] = Array(text.replacingOccurrences(of: "Vi diskuterade tidplanen.", with: "Vi diskuterade inget.").utf8)
        let failure = try #require(verify(altered))
        #expect(failure.sequence == 7)
        #expect(failure.reason.contains("opening"))
    }

    @Test func canonicalFormFollowsRFC8785() {
        let value = JSONValue.object([
            "\u{20ac}": .string("Euro Sign"), "\r": .string("Carriage Return"), "\u{fb33}": .string("Hebrew Letter Dalet With Dagesh"),
            "1": .string("One"), "\u{1f600}": .string("Emoji: Grinning Face"), "\u{80}": .string("Control"),
            "\u{f6}": .string("Latin Small Letter O With Diaeresis"),
        ])
        // RFC 8785 section 3.2.3: names sorted by UTF-16 code units.
        #expect(CanonicalJSON.string(value) == "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u{80}\":\"Control\",\"\u{f6}\":\"Latin Small Letter O With Diaeresis\",\"\u{20ac}\":\"Euro Sign\",\"\u{1f600}\":\"Emoji: Grinning Face\",\"\u{fb33}\":\"Hebrew Letter Dalet With Dagesh\"}")
        #expect(CanonicalJSON.string(.array([.int(-7), .bool(true), .null, .string("\u{1}\t\"\\/")])) == "[-7,true,null,\"\\u0001\\t\\\"\\\\/\"]")
    }

    @Test func documentedHashRuleHolds() throws {
        let lines = try ledgerLines(try populated().register, view: .public)
        let first = try JSONValue.parse(Data(lines[0]))
        guard case .object(var members) = first else { Issue.record("not an object"); return }
        let hash = members.removeValue(forKey: "hash")?.stringValue
        #expect(members.removeValue(forKey: "openings") != nil)
        #expect(members["prev"]?.stringValue == String(repeating: "0", count: 64))
        #expect(LedgerEntry.hash(ofBody: .object(members)) == hash)
    }
}
