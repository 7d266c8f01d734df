import Foundation
import Testing

@Suite("Input errors on the command line: one bounded line, documented status")
struct InputErrorTests {
    /// A register with one unit, official, organisation and issue.
    static func catalogued() throws -> Insyn {
        let insyn = Insyn()
        _ = try insyn.run(["init"])
        _ = try insyn.run(["unit", "add", "--from", "-"], input: #"{"name": "Regionstyrelsen", "kind": "board"}"#)
        _ = try insyn.run(["official", "add", "--from", "-"], input: #"{"name": "Anna", "title": "Regionråd", "kind": "elected", "unit": 1, "activeFrom": "2022-01-01"}"#)
        _ = try insyn.run(["org", "add", "--from", "-"], input: #"{"name": "Nordvind AB", "kind": "consultancy", "organisationNumber": "5568023450"}"#)
        _ = try insyn.run(["issue", "add", "--from", "-"], input: #"{"title": "Banan", "summary": "S", "position": "P", "unit": 1}"#)
        return insyn
    }

    static func meeting(_ extra: String) -> String {
        #"{"startsAt": "2026-11-20T14:30", "durationMinutes": 60, "place": "Rum", "format": "video", "direction": "inbound", "initiator": "us", "participants": [1], "counterparts": [{"organisation": 1}], "issues": [1], "subject": "Banan", "summary": "Samtal""# + extra + "}"
    }

    @Test func aMisspeltWithheldIsRefusedAndChangesNothing() throws {
        let insyn = try Self.catalogued()
        defer { insyn.cleanUp() }
        let head = try insyn.run(["ledger", "head"]).output
        let result = try insyn.run(["meeting", "add", "--from", "-", "--publish"], input: Self.meeting(#", "witheld": {"summary": "OSL 19 kap. 3 §"}"#))
        #expect(result.status == 1)
        #expect(result.error == "Error: witheld: unknown member; did you mean 'withheld'?\n")
        #expect(try insyn.run(["ledger", "head"]).output == head)
    }

    @Test func anExportedMeetingCanBeEditedAndSentBack() throws {
        let insyn = try Self.catalogued()
        defer { insyn.cleanUp() }
        #expect(try insyn.run(["meeting", "add", "--from", "-", "--publish"], input: Self.meeting("")).status == 0)
        let export = try JSONSerialization.jsonObject(with: Data(try insyn.run(["export", "--format", "json"]).output.utf8)) as? [String: Any]
        var meeting = try #require((export?["meetings"] as? [[String: Any]])?.first)
        #expect(meeting["uri"] != nil && meeting["recordedAt"] != nil)
        meeting["subject"] = "Banan, rättad"
        let edited = String(decoding: try JSONSerialization.data(withJSONObject: meeting), as: UTF8.self)
        let result = try insyn.run(["meeting", "correct", "1", "--from", "-", "--reason", "Rättat ämne"], input: edited)
        #expect(result.status == 0, "\(result.error)")
        #expect(try insyn.run(["meeting", "list"]).output.contains("v2"))
        let shown = try insyn.run(["meeting", "show", "1"]).output
        #expect(try insyn.run(["meeting", "correct", "1", "--from", "-", "--reason", "Igen"], input: shown).status == 0)
    }

    @Test func aMeetingWithTenThousandBadParticipantsPrintsOneShortLine() throws {
        let insyn = try Self.catalogued()
        defer { insyn.cleanUp() }
        let participants = (1_000..<11_000).map(String.init).joined(separator: ", ")
        let input = Self.meeting("").replacingOccurrences(of: #""participants": [1]"#, with: #""participants": [\#(participants)]"#)
        let result = try insyn.run(["meeting", "add", "--from", "-"], input: input)
        #expect(result.status == 1)
        #expect(result.error.hasSuffix("; and 9995 more problems\n"), "\(result.error.prefix(300))")
        #expect(result.error.utf8.count < 500)
        #expect(result.error.split(separator: "\n").count == 1)
    }

    @Test(arguments: [
        (["meeting", "edit", "1"], "Error: Missing expected argument '--from <file>'; see 'insyn meeting edit --help' for more information.\n"),
        (["meeting", "publish", "abc"], "Error: The value 'abc' is invalid for '<id>'; see 'insyn meeting publish --help' for more information.\n"),
        (["meeting", "frobnicate"], "Error: Unexpected argument 'frobnicate'; see 'insyn meeting --help' for more information.\n"),
    ])
    func anArgumentErrorIsOneLineWithStatus64(arguments: [String], message: String) throws {
        let insyn = Insyn()
        defer { insyn.cleanUp() }
        let result = try insyn.run(arguments)
        #expect(result.status == 64)
        #expect(result.error == message)
    }

    @Test func changingTheTagDateOnceMeetingsExistNamesTagDate() throws {
        let insyn = try Self.catalogued()
        defer { insyn.cleanUp() }
        #expect(try insyn.run(["meeting", "add", "--from", "-", "--publish"], input: Self.meeting("")).status == 0)
        let result = try insyn.run(["config", "set", "tag-date", "2020"])
        #expect(result.status == 1)
        #expect(result.error == "Error: tag-date: cannot change once meetings are published: their Atom ids would change\n")
        let authority = try insyn.run(["config", "set", "tag-authority", "other.example.se"])
        #expect(authority.error.hasPrefix("Error: tag-authority: cannot change"))
    }
}
