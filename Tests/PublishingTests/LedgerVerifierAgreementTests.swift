import Foundation
import RegisterCore
import Testing

/// Our verifier and one written in Python from Data/docs/ledger-hashing.md alone
/// (Fixtures/verify_ledger.py) must give the same verdict on every ledger.
@Suite("An independent verifier agrees with insyn verify")
struct LedgerVerifierAgreementTests {
    /// The first change that fails in our verifier, or nil when the ledger verifies.
    func ours(_ lines: [[UInt8]], view: LedgerView) -> Int64? {
        var verifier = LedgerVerifier(view: view)
        for (index, line) in lines.enumerated() {
            do { try verifier.check(line: line, lineNumber: index + 1) } catch { return error.sequence }
        }
        return nil
    }

    func python(_ lines: [[UInt8]], view: LedgerView) throws -> Int64? {
        let python = try executable(named: "python3", install: "apt-get install python3")
        let file = try temporaryFile(lines.flatMap { $0 + [0x0A] }, suffix: ".jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try runTool(python, [try Fixtures.url("verify_ledger.py").path, file.path, view.rawValue])
        let words = run.standardOutput.split(separator: " ")
        switch (run.status, words.first) {
        case (0, "ok"): return nil
        case (1, "fail"): return Int64(words[1])
        default: throw MissingTool(description: "verify_ledger.py failed: \(run.standardError)")
        }
    }

    func tamperings(of lines: [[UInt8]]) -> [(String, [[UInt8]])] {
        func replacing(_ index: Int, _ old: String, _ new: String) -> [[UInt8]] {
            var copy = lines
            copy[index] = Array(String(decoding: copy[index], as: UTF8.self).replacingOccurrences(of: old, with: new).utf8)
            return copy
        }
        var deleted = lines
        deleted.remove(at: 4)
        var reordered = lines
        reordered.swapAt(7, 8)
        var blank = lines
        blank.insert([], at: 2)
        let saltEdit = String(decoding: lines[10], as: UTF8.self)
        let salt = saltEdit.firstRange(of: /"salt":"[0-9a-f]{64}"/).map { String(saltEdit[$0]) } ?? "\"salt\":\"\""
        return [
            ("untouched", lines),
            ("a deleted change", deleted),
            ("two changes swapped", reordered),
            ("a blank line", blank),
            ("an altered hash", replacing(3, "\"hash\":\"", "\"hash\":\"0")),
            ("an altered commitment", replacing(6, "{\"$commitment\":\"", "{\"$commitment\":\"f")),
            ("an uppercase salt", replacing(10, salt, salt.uppercased().replacingOccurrences(of: "SALT", with: "salt"))),
            ("an altered opened value", replacing(10, "\"value\":\"", "\"value\":\"x")),
            ("an actor of an unknown role", replacing(5, "\"role\":\"admin\"", "\"role\":\"mayor\"")),
            ("an actor without its commitment", replacing(5, "\"who\":{\"$commitment\"", "\"who\":{\"name\"")),
            ("an opening where nothing is committed", replacing(10, "\"openings\":{", "\"openings\":{\"ignored\":0,")),
        ]
    }

    @Test(arguments: LedgerView.allCases)
    func bothVerifiersGiveTheSameVerdictOnUntouchedAndTamperedLedgers(view: LedgerView) throws {
        let fixture = try ExportFixture()
        let register = fixture.register
        try register.redactMeeting(fixture.published, .field(.subject), ground: "GDPR art. 17", reason: "Ett namn i ämnet", by: .shell)
        var lines: [[UInt8]] = []
        try register.forEachLedgerEntry { lines.append($0.line(view: view)) }
        #expect(ours(lines, view: view) == nil)
        for (name, ledger) in tamperings(of: lines) {
            let verdict = ours(ledger, view: view)
            #expect(try python(ledger, view: view) == verdict, "the verifiers disagree on \(name)")
            #expect((verdict == nil) == (name == "untouched"), "\(name): \(verdict.map { "fails at \($0)" } ?? "verifies")")
        }
    }

    /// A draft sent for review, returned with a comment, sent again and approved: the
    /// review changes verify in both verifiers, and tampering with one is caught by both.
    @Test(arguments: LedgerView.allCases)
    func bothVerifiersAgreeOnReviewChangesUntouchedAndTampered(view: LedgerView) throws {
        let fixture = try ExportFixture()
        let register = fixture.register
        var settings = try register.settings()
        settings.reviewRequired = "yes"
        try register.update(settings: settings, by: .shell)
        let recorder = Principal(kind: .account, id: 7, name: "Rut Recorder", role: .recorder, officials: [fixture.official])
        let registrar = Principal(kind: .account, id: 8, name: "Greta Registrar", role: .registrar)
        let id = try register.recordMeeting(ExportFixture.meeting(participants: [fixture.official], counterparts: [Counterpart(organisation: fixture.client)],
                                                                  issues: [fixture.issue], subject: "Granskas först", summary: "Sammanfattning."), by: recorder)
        #expect(try register.publishMeeting(id, by: recorder) == .sentForReview)
        try register.returnMeeting(id, comment: "Skriv vad mötet gällde", by: registrar)
        #expect(try register.publishMeeting(id, by: recorder) == .sentForReview)
        try register.approveMeeting(id, by: registrar)
        var lines: [[UInt8]] = []
        try register.forEachLedgerEntry { lines.append($0.line(view: view)) }
        let text = lines.map { String(decoding: $0, as: UTF8.self) }
        let submitted = try #require(text.firstIndex { $0.contains("\"type\":\"meeting.submitted\"") })
        let returned = try #require(text.firstIndex { $0.contains("\"type\":\"meeting.returned\"") })
        func replacing(_ index: Int, _ old: String, _ new: String) -> [[UInt8]] {
            var copy = lines
            copy[index] = Array(text[index].replacingOccurrences(of: old, with: new).utf8)
            return copy
        }
        var removed = lines
        removed.remove(at: returned)
        let cases: [(String, [[UInt8]])] = [
            ("untouched", lines),
            ("a submission's hash altered", replacing(submitted, "\"hash\":\"", "\"hash\":\"0")),
            ("a return's comment commitment altered", replacing(returned, "\"data\":{\"$commitment\":\"", "\"data\":{\"$commitment\":\"e")),
            ("a return made into an unknown type", replacing(returned, "meeting.returned", "meeting.rejected")),
            ("a return's actor made a recorder", replacing(returned, "\"role\":\"registrar\"", "\"role\":\"recorder\"")),
            ("a return removed", removed),
        ]
        for (name, ledger) in cases {
            let verdict = ours(ledger, view: view)
            #expect(try python(ledger, view: view) == verdict, "the verifiers disagree on \(name)")
            #expect((verdict == nil) == (name == "untouched"), "\(name): \(verdict.map { "fails at \($0)" } ?? "verifies")")
        }
        if view == .auditor {
            let opened = replacing(returned, "Skriv vad mötet gällde", "Allt var bra")
            #expect(ours(opened, view: view) != nil)
            #expect(try python(opened, view: view) == ours(opened, view: view))
        }
    }
}
