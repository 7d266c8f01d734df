import Foundation
import RegisterCore
import Testing
@testable import Publishing

@Suite("The JSON Schemas of the exports")
struct ExportSchemaTests {
    private func load(_ url: URL) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
    }

    /// Each schema stands alone for its readers, so the record definitions appear in
    /// both; they must never drift apart.
    @Test func bothSchemasDefineTheRecordsAlike() throws {
        let register = try #require(try load(Schemas.register)["$defs"] as? [String: Any])
        let change = try #require(try load(Schemas.change)["$defs"] as? [String: Any])
        #expect(!change.isEmpty)
        for (name, definition) in change {
            let shared = try #require(register[name], "register.schema.json lacks $defs/\(name)")
            #expect(try canonical(definition) == canonical(shared), "$defs/\(name) differs between the schemas")
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
