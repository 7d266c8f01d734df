import Foundation
import Testing
@testable import RegisterCore

/// Edits one exported line and, when asked, gives it the hash of its new content, so
/// that a test reaches the check it is about rather than the hash comparison.
private func edit(_ line: [UInt8], rehash: Bool = true, _ change: (inout JSONObject) -> Void) throws -> [UInt8] {
    guard case .object(var members) = try JSONValue.parse(Data(line)) else { throw ValidationError("line", "not an object") }
    change(&members)
    if rehash {
        var body = members
        body.removeValue(forKey: "hash")
        body.removeValue(forKey: "openings")
        members["hash"] = .string(LedgerEntry.hash(ofBody: .object(body)))
    }
    return CanonicalJSON.bytes(.object(members))
}

private func verify(_ lines: [[UInt8]], view: LedgerView) -> LedgerFailure? {
    var verifier = LedgerVerifier(view: view)
    for (index, line) in lines.enumerated() {
        do { try verifier.check(line: line, lineNumber: index + 1) } catch { return error }
    }
    return nil
}

@Suite("The ledger's form: every check of Data/docs/ledger-hashing.md")
struct LedgerFormTests {
    /// Catalogue (5 changes), then a meeting of 45 minutes drafted (6) and published (7).
    func lines(view: LedgerView) throws -> [[UInt8]] {
        let fixture = try TestRegister()
        var meeting = fixture.meeting()
        meeting.durationMinutes = 45
        try fixture.register.publishMeeting(try fixture.register.recordMeeting(meeting, by: .shell), by: .shell)
        return try ledgerLines(fixture.register, view: view)
    }

    @Test func everyValueOfAPublicChangeStandsAsACommitmentOpenedInThePublicView() throws {
        let published = try JSONValue.parse(Data(try lines(view: .public)[6]))
        let text = CanonicalJSON.string(published["data"] ?? .null)
        #expect(!text.contains("Regionens hus"))
        #expect(!text.contains("\"durationMinutes\":45"))
        #expect(published["openings"]?["/data/place"]?["value"] == .string("Regionens hus"))
        #expect(published["openings"]?["/data/durationMinutes"]?["value"] == .int(45))
        #expect(verify(try lines(view: .public), view: .public) == nil)
        #expect(verify(try lines(view: .auditor), view: .auditor) == nil)
    }

    @Test func anOpeningWhoseDigitsMovedIntoTheSaltIsRefused() throws {
        var lines = try lines(view: .public)
        lines[6] = try edit(lines[6], rehash: false) { members in
            guard case .object(var openings) = members["openings"], let opening = openings["/data/durationMinutes"],
                  let salt = opening["salt"]?.stringValue else { return }
            openings["/data/durationMinutes"] = .object(["salt": .string(salt + "4"), "value": .int(5)])
            members["openings"] = .object(openings)
        }
        let failure = try #require(verify(lines, view: .public))
        #expect(failure.sequence == 7)
        #expect(failure.reason.contains("salt is not 64 lowercase hexadecimal characters"))
    }

    @Test(arguments: [
        JSONValue.object(["$commitment": .string(String(repeating: "A", count: 64))]),
        .object(["$commitment": .string(String(repeating: "a", count: 63))]),
        .object(["$commitment": .string(String(repeating: "a", count: 64)), "x": .int(1)]),
        .object(["$commitment": .int(1)]),
    ])
    func aMalformedCommitmentIsRefused(placeholder: JSONValue) throws {
        var lines = try lines(view: .public)
        lines[6] = try edit(lines[6]) { members in
            members["openings"] = .object([:])
            var data = members["data"] ?? .null
            data.set(placeholder, at: JSONPointer(["place"]))
            members["data"] = data
        }
        let failure = try #require(verify(lines, view: .public))
        #expect(failure.sequence == 7)
        #expect(failure.reason.contains("$commitment"))
    }

    @Test func anOpeningWithAnotherMemberIsRefused() throws {
        var lines = try lines(view: .public)
        lines[6] = try edit(lines[6], rehash: false) { members in
            guard case .object(var openings) = members["openings"], case .object(var opening) = openings["/data/place"] else { return }
            opening["note"] = .string("extra")
            openings["/data/place"] = .object(opening)
            members["openings"] = .object(openings)
        }
        #expect(verify(lines, view: .public)?.reason.contains("not exactly {\"salt\": …, \"value\": …}") == true)
    }

    @Test func anOpeningWhereNothingIsCommittedIsRefused() throws {
        var lines = try lines(view: .public)
        lines[6] = try edit(lines[6], rehash: false) { members in
            guard case .object(var openings) = members["openings"], let opening = openings["/data/place"] else { return }
            openings["/data/elsewhere"] = opening
            members["openings"] = .object(openings)
        }
        #expect(verify(lines, view: .public)?.reason.contains("no value is committed") == true)
    }

    @Test func aBlankLineIsRefused() throws {
        var lines = try lines(view: .public)
        lines.insert([], at: 3)
        let failure = try #require(verify(lines, view: .public))
        #expect(failure.line == 4)
        #expect(failure.reason.contains("blank line"))
    }

    @Test func anUnknownTypeIsRefused() throws {
        var lines = try lines(view: .public)
        lines[6] = try edit(lines[6]) { $0["type"] = .string("meeting.deleted") }
        #expect(verify(lines, view: .public)?.reason.contains("type is not one of the documented change types") == true)
    }

    @Test(arguments: ["2026-11-23T12:00:00+00:00", "2026-11-23 12:00:00Z", "2026-02-30T12:00:00Z", "2026-11-23T12:00Z", "2026-11-23T12:00:00.5Z"])
    func anInstantNotInTheDocumentedFormIsRefused(at: String) throws {
        var lines = try lines(view: .public)
        lines[6] = try edit(lines[6]) { $0["at"] = .string(at) }
        #expect(verify(lines, view: .public)?.reason.contains("YYYY-MM-DDTHH:MM:SSZ") == true)
    }

    @Test func aMemberAChangeDoesNotHaveIsRefused() throws {
        var lines = try lines(view: .public)
        lines[6] = try edit(lines[6]) { $0["note"] = .string("added") }
        #expect(verify(lines, view: .public)?.reason.contains("a member 'note'") == true)
    }

    @Test func theAuditorsViewRequiresAnOpeningForEveryCommitmentOnEveryLine() throws {
        var lines = try lines(view: .auditor)
        lines[6] = try edit(lines[6], rehash: false) { $0["openings"] = .object([:]) }
        let failure = try #require(verify(lines, view: .auditor))
        #expect(failure.sequence == 7)
        #expect(failure.reason.contains("has no opening"))
        #expect(verify(lines, view: .public) == nil)
    }

    @Test func integersBeyondTwoToTheFiftyThirdAreRefused() throws {
        var lines = try lines(view: .public)
        let text = String(decoding: lines[0], as: UTF8.self).replacingOccurrences(of: "\"seq\":1", with: "\"seq\":9007199254740993")
        lines[0] = Array(text.utf8)
        #expect(verify(lines, view: .public)?.reason.contains("2^53") == true)
    }

    @Test func memberNamesAreComparedByUnicodeScalarsNotByCanonicalEquivalence() throws {
        let composed = "\u{e9}", decomposed = "e\u{301}"
        let parsed = try JSONValue.parse(Data("{\"\(composed)\":1,\"\(decomposed)\":2}".utf8))
        guard case .object(let members) = parsed else { Issue.record("not an object"); return }
        #expect(members.count == 2)
        #expect(members[composed] == .int(1))
        #expect(members[decomposed] == .int(2))
        #expect(throws: (any Error).self) { try JSONValue.parse(Data("{\"\(composed)\":1,\"\(composed)\":2}".utf8)) }

        var lines = try lines(view: .public)
        lines[6] = try edit(lines[6]) { members in
            var data = members["data"] ?? .null
            data.set(.object([composed: .int(1), decomposed: .int(2)]), at: JSONPointer(["extra"]))
            members["data"] = data
        }
        #expect(verify(lines, view: .public) == nil)
    }
}
