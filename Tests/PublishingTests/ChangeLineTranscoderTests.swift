import Foundation
import RegisterCore
import Testing
@testable import Publishing

/// The change stream's fast path writes a change from its stored form: it
/// must write PublicJSON's bytes exactly, or decline so the change is decoded.
@Suite("Change lines from the stored form")
struct ChangeLineTranscoderTests {
    /// Every stored change through the transcoder: each line it writes, and how many it declined.
    private func transcode(_ register: Register) throws -> (checked: Int, declined: Int, meetings: Int) {
        try register.read { snapshot in
            let publication = Publication(settings: try snapshot.settings())
            let transcoder = ChangeLineTranscoder(publication)
            let records = PublicJSON(publication)
            var result = (checked: 0, declined: 0, meetings: 0)
            try snapshot.forEachStoredPublicChange(after: 0) { row in
                let change = try row.decoded()
                if change.entity == "meeting" { result.meetings += 1 }
                let buffer = ChangeLineBuffer(capacity: 64)
                guard transcoder.append(row, to: buffer) else {
                    #expect(buffer.count == 0, "a declined change leaves nothing behind")
                    result.declined += 1
                    return
                }
                let line = buffer.array()
                #expect(line == (try records.changeBytes(change)) + [0x0A],
                        "change \(change.sequence):\n\(String(decoding: line, as: UTF8.self))")
                result.checked += 1
            }
            return result
        }
    }

    @Test func linesFromTheStoredFormAreThePublicJSONOfTheDemo() throws {
        let result = try transcode(try DemoFixture.register())
        #expect(result.checked > (result.checked + result.declined) * 9 / 10, "most changes are copied, not decoded: \(result)")
        #expect(result.checked > result.meetings, "catalogue changes are copied too: \(result)")
    }

    @Test func hostileTextAndEveryKindOfValueAreWrittenAlikeOrDeclined() throws {
        let fixture = try ExportFixture()
        let register = fixture.register
        var recorded = 0
        for (index, text) in Hostile.strings.enumerated() where !text.contains("\u{0}") && !text.isEmpty {
            var meeting = fixture.meeting(subject: "Möte \(index): " + String(text.prefix(200)))
            meeting.summary = String(String.UnicodeScalarView(text.unicodeScalars.prefix(5000)))
            meeting.place = index % 3 == 0 ? "Regionens hus" : String(String.UnicodeScalarView(text.unicodeScalars.prefix(250)))
            meeting.counterparts = [Counterpart(organisation: nil, people: [CounterpartPerson(name: "Person " + String(text.prefix(50)), role: text.isEmpty ? nil : String(text.prefix(80)), isPrivate: index % 2 == 0)])]
            if index % 4 == 1 { meeting.withheld = [.summary: Withholding(ground: "OSL 19 kap. 3 §", until: Day("2027-06-30")!)] }
            // Text the register refuses (control characters in a one-line field) is not a case to write.
            guard let id = try? register.recordMeeting(meeting, by: .shell) else { continue }
            recorded += 1
            try register.publishMeeting(id, by: .shell)
            if index % 5 == 2 { try register.withdrawMeeting(id, reason: text, by: .shell) }
            if index % 5 == 3 { try register.redactMeeting(id, .field(.place), ground: "GDPR art. 17", reason: "Platsen var en bostad", by: .shell) }
        }
        #expect(recorded >= 8)
        let result = try transcode(register)
        #expect(result.checked > 0)
        #expect(result.declined > 0, "the hostile strings with escapes are decoded")
    }
}
