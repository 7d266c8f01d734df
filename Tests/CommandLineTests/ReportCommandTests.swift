import Foundation
import Testing

@Suite("insyn report compliance")
struct ReportCommandTests {
    /// The findings' category and meeting (or organisation), from either format.
    static func rows(json: String) throws -> [String] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        return try #require(object["findings"] as? [[String: Any]]).map { finding in
            "\(finding["category"]!) \(finding["meeting"].map { "\($0)" } ?? "") \(finding["organisation"].map { "\($0)" } ?? "")"
        }
    }

    static func rows(csv: String) -> [String] {
        csv.split(separator: "\r\n").dropFirst().map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            return "\(fields[0]) \(fields[1]) \(fields[13])"
        }
    }

    @Test func theJSONAndTheCSVGiveTheSameFindingsAndTheFiltersNarrowThem() throws {
        let insyn = Insyn()
        defer { insyn.cleanUp() }
        #expect(try insyn.run(["demo"]).status == 0)
        let json = try insyn.run(["report", "compliance", "--format", "json"])
        #expect(json.status == 0, "\(json.error)")
        let csv = try insyn.run(["report", "compliance", "--format", "csv"])
        let all = try Self.rows(json: json.output)
        #expect(!all.isEmpty)
        #expect(Self.rows(csv: csv.output) == all)
        #expect(all.contains { $0.hasPrefix("overdue-draft ") })
        let narrowed = try insyn.run(["report", "compliance", "--unit", "1", "--from", "2026-11-01", "--to", "2026-11-30"])
        let some = try Self.rows(json: narrowed.output)
        #expect(some.count < all.count && Set(some).isSubset(of: Set(all)))
        let log = try insyn.run(["access-log"])
        #expect(log.output.components(separatedBy: "compliance report").count - 1 == 3, "each report is logged")
    }

    @Test func aBadDayIsAUsageError() throws {
        let insyn = Insyn()
        defer { insyn.cleanUp() }
        #expect(try insyn.run(["demo"]).status == 0)
        let run = try insyn.run(["report", "compliance", "--from", "2026-13-01"])
        #expect(run.status == 64)
        #expect(run.error.contains("--from"))
    }
}
