import Foundation
import Publishing
import RegisterCore
import Testing

@Suite("The compliance report's CSV and JSON")
struct ComplianceExportTests {
    static var schema: URL { Fixtures.repositoryRoot.appendingPathComponent("Data/schema/compliance.schema.json") }

    /// A report with a finding of every category, each filled as the query fills it.
    static func report() -> ComplianceReport {
        func meeting(_ category: ComplianceCategory, status: MeetingStatus = .published, _ fill: (inout ComplianceFinding) -> Void = { _ in }) -> ComplianceFinding {
            var finding = ComplianceFinding(category: category)
            finding.meeting = 4
            finding.status = status
            finding.meetingDay = Day("2026-11-01")
            finding.subject = "Möte, \"avstämning\""
            finding.officials = ["Anna Lindqvist", "=Bo"]
            finding.units = ["Regionstyrelsen"]
            fill(&finding)
            return finding
        }
        var organisation = ComplianceFinding(category: .missingOrganisationNumber)
        organisation.organisation = 9
        organisation.organisationName = "Utan Nummer AB"
        organisation.organisationKind = .company
        organisation.meetings = 2
        return ComplianceReport(
            today: Day("2026-11-25")!, deadlineDays: 14, minimumSubjectWords: 3, vaguePhrases: ["möte", "avstämning"],
            filter: ComplianceFilter(unit: 1, from: Day("2026-01-01")), head: LedgerHead.empty,
            findings: [
                meeting(.latePublication) { $0.publishedDay = Day("2026-11-16"); $0.days = 1 },
                meeting(.overdueDraft, status: .draft) { $0.days = 3 },
                meeting(.noIssue),
                meeting(.vagueSubject) { $0.phrase = "möte"; $0.words = 2 },
                meeting(.vagueSubject) { $0.words = 1 },
                organisation,
                meeting(.withheldWithoutEnd) { $0.field = .summary; $0.ground = "OSL 19 kap. 3 §"; $0.days = 400 },
            ])
    }

    @Test func theJSONValidatesAgainstItsSchema() throws {
        let sink = BufferSink()
        try ComplianceExport.writeJSON(Self.report(), to: sink)
        let validation = try validateJSON(sink.bytes, schema: Self.schema)
        #expect(validation.isValid, "\(validation.messages)")
        let object = try Export.object(sink.bytes)
        #expect((object["findings"] as? [Any])?.count == 7)
    }

    @Test func theSchemaRefusesAFindingWithoutItsMembers() throws {
        let sink = BufferSink()
        var report = Self.report()
        report.findings[0].days = nil
        try ComplianceExport.writeJSON(report, to: sink)
        #expect(!(try validateJSON(sink.bytes, schema: Self.schema).isValid), "a late publication needs its days")
    }

    @Test func theCSVHasOneRecordPerFindingWithTheJSONsValues() throws {
        let sink = BufferSink()
        try ComplianceExport.writeCSV(Self.report(), to: sink)
        let rows = try readCSVWithPython(sink.bytes)
        #expect(rows.first == ComplianceExport.columns)
        #expect(rows.count == 8)
        #expect(rows.dropFirst().allSatisfy { $0.count == ComplianceExport.columns.count })
        #expect(rows[1][0] == "late-publication" && rows[1][8] == "1" && rows[1][7] == "2026-11-16")
        #expect(rows[1][5] == "Anna Lindqvist; =Bo", "a list is one field; the formula guard only looks at a field's start")
        #expect(rows[1][4] == "Möte, \"avstämning\"")
        #expect(rows[6][13] == "9" && rows[6][16] == "2")
    }

    @Test func theDemoRegistersReportValidates() throws {
        let register = try DemoFixture.register()
        let report = try register.read { try $0.complianceReport(today: Day("2026-12-01")!) }
        #expect(!report.findings.isEmpty)
        let sink = BufferSink()
        try ComplianceExport.writeJSON(report, to: sink)
        let validation = try validateJSON(sink.bytes, schema: Self.schema)
        #expect(validation.isValid, "\(validation.messages.prefix(5))")
    }
}
