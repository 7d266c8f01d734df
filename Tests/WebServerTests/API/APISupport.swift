import Foundation
import HummingbirdTesting
import Publishing
import RegisterCore
import Testing
@testable import WebServer

/// What API tests read from a response: the body as JSON.
extension Page {
    var object: [String: Any] {
        get throws {
            try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any], "not a JSON object: \(body.prefix(200))")
        }
    }

    /// The problem's first error's parameter, when the body is a problem.
    var problemParameter: String? {
        ((try? object)?["errors"] as? [[String: Any]])?.first?["parameter"] as? String
    }
}

/// The JSON export of a register, by record, to compare the API's forms with (read-only after init, hence unchecked Sendable).
struct ExportedForms: @unchecked Sendable {
    let meetings: [Int64: NSDictionary]
    let records: [String: [Int64: NSDictionary]]

    init(_ register: Register) throws {
        let sink = BufferSink()
        try RegisterJSONExport().write(register, to: sink)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(sink.take())) as? [String: Any])
        func byId(_ key: String) -> [Int64: NSDictionary] {
            Dictionary(uniqueKeysWithValues: (document[key] as? [[String: Any]] ?? []).map { (($0["id"] as? NSNumber)?.int64Value ?? 0, $0 as NSDictionary) })
        }
        meetings = byId("meetings")
        records = Dictionary(uniqueKeysWithValues: ["units", "officials", "organisations", "issues"].map { ($0, byId($0)) })
    }
}

func int64(_ value: Any?) -> Int64? { (value as? NSNumber)?.int64Value }
