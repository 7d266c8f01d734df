import Foundation
import PropertyBased
import RegisterCore
import Testing
@testable import Publishing

/// Valid input as a user could send it: text in many scripts (right-to-left marks,
/// emoji, combining accents, quotes, line breaks), IRIs, withheld fields and
/// private persons.
enum GeneratedInput {
    static let firsts = ["A", "Ä", "Ω", "😀", "\u{200F}שלום", "名", "مرحبا", "e\u{301}", "Ж", "\u{200B}Z"]
    static let pieces = ["a", "Ö", "å", "ß", "Ж", "😀", "👩‍👩‍👧", "名前", "\u{200F}", "\u{200E}", "עברית", "e\u{301}",
                         "\u{200B}", " ", "\"", "\\", "<&>", "\n", "\t", "'", "]]>", "🇸🇪"]
    static let pathPieces = ["a", "ä", "Ö", "😀", "名", "-", "_", "~", "%", "{x}", "|", "^", "ab", "%C3%A5", "¿"]
    static let fields = MeetingField.allCases.map(\.rawValue)

    static func pick(_ pool: [String]) -> Generator<String, some Sequence & SendableMetatype> {
        Gen.int(in: 0...(pool.count - 1)).map { pool[$0] }
    }

    static var text: Generator<String, some Sequence & SendableMetatype> {
        zip(pick(firsts), pick(pieces).array(of: 0...8)).map { $0 + $1.joined() }
    }

    static var iri: Generator<String, some Sequence & SendableMetatype> {
        zip(pick(pathPieces).array(of: 1...6), pick(pathPieces).array(of: 0...3), Gen.bool)
            .map { "https://dok.example/" + $0.joined() + ($1.isEmpty ? "" : "?q=" + $1.joined()) + ($2 ? "#" + $0.joined() : "") }
    }

    /// Minutes from 1900-01-02 to 2200-12-30, UTC, and an offset to write the time with.
    static var instant: Generator<String, some Sequence & SendableMetatype> {
        zip(Gen.int(in: 0...(300 * 365 * 24 * 60)), Gen.int(in: -14 * 4...14 * 4)).map { minutes, quarters in
            let date = Timestamp.earliest.addingTimeInterval(TimeInterval(86_400 + minutes * 60))
            let offset = quarters * 15 * 60
            let wall = Timestamp.format(date.addingTimeInterval(TimeInterval(offset))).dropLast()
            return wall + (offset == 0 ? "Z" : Timestamp.offsetText(offset))
        }
    }

    static var meeting: Generator<Meeting.Generated, some Sequence & SendableMetatype> {
        zip(zip(text, text, text), zip(text, text, Gen.bool), zip(iri, Gen.bool.array(of: fields.count), text),
            zip(instant, Gen.int(in: 1...600), Gen.bool))
            .map { texts, person, document, time in
                Meeting.Generated(place: texts.0, subject: texts.1, summary: texts.2, person: person.0, role: person.1,
                                  isPrivate: person.2, documentURL: document.0,
                                  withheld: zip(fields, document.1).filter(\.1).map(\.0), ground: document.2,
                                  startsAt: time.0, durationMinutes: time.1, givesEndsAt: time.2)
            }
    }
}

extension Meeting {
    /// The generated values of one meeting's input.
    struct Generated: Sendable {
        var place, subject, summary, person, role: String
        var isPrivate: Bool
        var documentURL: String
        var withheld: [String]
        var ground: String
        var startsAt: String
        var durationMinutes: Int
        var givesEndsAt: Bool

        func json(official: Int64, organisation: Int64, issue: Int64) throws -> Data {
            var object: [String: Any] = [
                "startsAt": startsAt, "durationMinutes": durationMinutes, "place": place, "format": "in-person",
                "direction": "inbound", "initiator": "counterpart", "participants": [official],
                "counterparts": [["organisation": organisation, "people": [["name": person, "role": role, "private": isPrivate]]]],
                "issues": [issue], "subject": subject, "summary": summary,
                "documents": [["title": subject, "direction": "received", "url": documentURL]],
                "withheld": Dictionary(uniqueKeysWithValues: withheld.enumerated().map { index, field in
                    (field, index % 2 == 0 ? ground as Any : ["ground": ground, "until": "2199-06-30"] as Any)
                }),
            ]
            if givesEndsAt {
                let start = try Timestamp.read(startsAt, timeZone: .gmt)
                object["endsAt"] = Timestamp.format(start.addingTimeInterval(TimeInterval(durationMinutes * 60)))
            }
            return try JSONSerialization.data(withJSONObject: object)
        }
    }
}

@Suite("Generated valid input, through the write path, gives exports valid against their schemas")
struct GeneratedInputExportTests {
    @Test func everyExportOfGeneratedInputIsValidAgainstItsSchema() async throws {
        await propertyCheck(count: 12, input: GeneratedInput.meeting, GeneratedInput.meeting, GeneratedInput.text, GeneratedInput.iri) {
            recorded, corrected, name, website in
            let register = try Register.inMemory()
            let zone = try register.settings().timeZone
            func read<T: InputShaped>(_ type: T.Type, _ object: [String: Any]) throws -> T {
                try RegisterInput.decode(type, from: try JSONSerialization.data(withJSONObject: object), timeZone: zone)
            }
            let unit = try register.add(read(RegisterCore.Unit.self, ["name": name, "kind": "board"]), by: .shell)
            let official = try register.add(read(Official.self, ["name": name, "title": name, "kind": "elected", "party": name,
                                                                 "unit": unit, "activeFrom": "1900-01-01"]), by: .shell)
            let organisation = try register.add(read(Organisation.self, ["name": name, "kind": "consultancy", "website": website]), by: .shell)
            let issue = try register.add(read(Issue.self, ["title": name, "summary": name, "position": name,
                                                           "policyAreas": [name, name + "2"], "unit": unit]), by: .shell)
            let id = try register.recordMeeting(meeting(recorded, official: official, organisation: organisation, issue: issue), by: .shell)
            try register.publishMeeting(id, by: .shell)
            try register.correctMeeting(id, with: meeting(corrected, official: official, organisation: organisation, issue: issue),
                                        reason: name, by: .shell)

            let export = try validateJSON(Export.json(register), schema: Schemas.register)
            #expect(export.isValid, "\(export)")
            let lines = try validateJSONLines(Export.lines(register, after: 0).lines, schema: Schemas.change)
            #expect(lines.isValid, "\(lines)")
        }
    }
}

private func meeting(_ generated: Meeting.Generated, official: Int64, organisation: Int64, issue: Int64) throws -> Meeting {
    try RegisterInput.decode(Meeting.self, from: generated.json(official: official, organisation: organisation, issue: issue),
                             timeZone: RegisterSettings.defaultTimeZone)
}
