import Foundation
import RegisterCore
import Testing
@testable import Publishing

@Suite("The JSON Schemas of the exports")
struct ExportSchemaTests {
    private func load(_ url: URL) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
    }

    /// The records are defined once, in definitions.schema.json: both export schemas
    /// take every record and value from there, and define none of their own.
    @Test func bothSchemasTakeTheRecordsFromTheSharedDefinitions() throws {
        let definitions = try #require(try load(Schemas.definitions)["$defs"] as? [String: Any])
        for name in ["unit", "official", "organisation", "issue", "meeting", "timestamp", "uriTemplate"] {
            #expect(definitions[name] != nil, "definitions.schema.json lacks $defs/\(name)")
        }
        for url in [Schemas.register, Schemas.change] {
            let text = try String(contentsOf: url, encoding: .utf8)
            #expect(try load(url)["$defs"] == nil, "\(url.lastPathComponent) defines records of its own")
            #expect(!text.contains("\"#/$defs/"), "\(url.lastPathComponent) refers to a local definition")
            let references = text.components(separatedBy: "\"definitions.schema.json#/$defs/").dropFirst().map { $0.prefix { $0 != "\"" } }
            #expect(!references.isEmpty)
            for name in references { #expect(definitions[String(name)] != nil, "\(url.lastPathComponent): no $defs/\(name)") }
        }
    }

    /// The schema is strict enough to catch a leak: an extra member, a withheld field
    /// with a value, a private person's name or a sole trader's number.
    @Test func schemaRejectsLeaks() throws {
        let fixture = try ExportFixture()
        let valid = try Export.object(try Export.json(fixture.register))
        #expect(try validateJSON(Array(try JSONSerialization.data(withJSONObject: valid)), schema: Schemas.register).isValid)

        func meetingEdited(_ edit: (inout [String: Any]) -> Void) -> [String: Any] {
            var document = valid
            var meetings = document["meetings"] as! [[String: Any]]
            edit(&meetings[0])
            document["meetings"] = meetings
            return document
        }
        var soleTrader = valid
        var organisations = soleTrader["organisations"] as! [[String: Any]]
        organisations[2]["personnummer"] = "800101-0001"
        soleTrader["organisations"] = organisations

        let leaks: [String: [String: Any]] = [
            "an extra member of a meeting": meetingEdited { $0["internalNote"] = "x" },
            "a withheld summary with its value": meetingEdited { $0["summary"] = "hemligt" },
            "a private person's name": meetingEdited { meeting in
                var counterparts = meeting["counterparts"] as! [[String: Any]]
                var people = counterparts[1]["people"] as! [[String: Any]]
                people[0]["name"] = "Rolf"
                counterparts[1]["people"] = people
                meeting["counterparts"] = counterparts
            },
            "a disclosed field left out": meetingEdited { $0["subject"] = NSNull() },
            "a draft status": meetingEdited { $0["status"] = "draft" },
            "a sole trader's personnummer": soleTrader,
        ]
        for (leak, document) in leaks {
            let report = try validateJSON(Array(try JSONSerialization.data(withJSONObject: document)), schema: Schemas.register)
            #expect(!report.isValid, "the schema accepts \(leak)")
        }
    }
}
