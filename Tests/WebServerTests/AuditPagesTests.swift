import Foundation
import Hummingbird
import HummingbirdTesting
import RegisterCore
import Testing
@testable import WebServer

@Suite("The auditor's pages and the compliance report")
struct AuditPagesTests {
    static let auditPaths = ["/audit", "/audit/meetings/1", "/audit/ledger.jsonl", "/audit/verify", "/audit/access-log"]
    static let reportPaths = ["/audit/compliance", "/audit/compliance.csv", "/audit/compliance.json"]

    @Test func anonymousReadersAndRecordersAreRefusedTheReportAndTheAuditPages() async throws {
        let fixture = try await AuditFixture()
        defer { fixture.remove() }
        try await buildApplication(register: fixture.register).test(.router) { client in
            for path in Self.auditPaths + Self.reportPaths {
                let anonymous = try await client.page(path)
                #expect(anonymous.status == .seeOther, "\(path)")
                #expect(anonymous.headers[.location]?.hasPrefix("/sign-in?return=") == true, "\(path)")
                let recorder = try await client.page(path, headers: AuditFixture.cookie(fixture.recorder))
                #expect(recorder.status == .forbidden, "\(path)")
                #expect(!recorder.body.contains(AuditFixture.secretSummary), "\(path)")
            }
            for path in Self.reportPaths {
                #expect(try await client.page(path, headers: AuditFixture.cookie(fixture.registrar)).status == .ok, "\(path)")
            }
            for path in Self.auditPaths {
                #expect(try await client.page(path, headers: AuditFixture.cookie(fixture.registrar)).status == .forbidden, "\(path)")
            }
        }
        #expect(try fixture.register.accessLog().map(\.what) == ["compliance report", "compliance report", "compliance report"],
                "only the registrar's reads of the report, none of the refused requests")
    }

    @Test func thePageTheCSVAndTheJSONGiveTheSameFindings() async throws {
        let fixture = try await AuditFixture()
        defer { fixture.remove() }
        try await buildApplication(register: fixture.register).test(.router) { client in
            let headers = AuditFixture.cookie(fixture.auditor)
            let json = try await client.page("/audit/compliance.json", headers: headers)
            #expect(json.headers[.contentType] == "application/json")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.body.utf8)) as? [String: Any])
            let findings = try #require(object["findings"] as? [[String: Any]])
            let fromJSON = findings.map { "\($0["category"]!) \($0["meeting"].map { "\($0)" } ?? "")" }
            #expect(fromJSON == ["late-publication \(fixture.late)", "overdue-draft \(fixture.draft)",
                                 "no-issue \(fixture.draft)", "vague-subject \(fixture.draft)"])
            #expect(findings.first?["days"] as? Int == 1)
            let csv = try await client.page("/audit/compliance.csv", headers: headers)
            #expect(csv.headers[.contentDisposition] == "attachment; filename=\"compliance.csv\"")
            let fromCSV = csv.body.split(separator: "\r\n").dropFirst().map { line in
                let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                return "\(fields[0]) \(fields[1])"
            }
            #expect(fromCSV == fromJSON)
            let page = try await client.page("/audit/compliance", headers: headers)
            #expect(page.status == .ok && page.headers[.cacheControl] == "no-store")
            for category in ["late-publication", "overdue-draft", "no-issue", "vague-subject"] {
                let section = try #require(page.body.components(separatedBy: "id=\"compliance-\(category)\"").dropFirst().first?
                    .components(separatedBy: "</section>").first)
                let linked = section.components(separatedBy: "href=\"/audit/meetings/").dropFirst().map { $0.prefix { $0.isNumber } }
                #expect(linked.map { "\(category) \($0)" } == fromJSON.filter { $0.hasPrefix(category + " ") }, "\(category)")
            }
            #expect(page.body.contains("id=\"compliance-missing-organisation-number\"") && page.body.contains("Inget att anmärka."))
        }
    }

    @Test func theReportIsFilteredByUnitOfficialAndPeriodAndRefusesAnUnknownUnit() async throws {
        let fixture = try await AuditFixture()
        defer { fixture.remove() }
        try await buildApplication(register: fixture.register).test(.router) { client in
            let headers = AuditFixture.cookie(fixture.auditor)
            let period = try await client.page("/audit/compliance.csv?from=2026-11-02&to=2026-11-30", headers: headers)
            #expect(!period.body.contains("late-publication") && period.body.contains("overdue-draft"))
            #expect(try await client.page("/audit/compliance.json?official=1", headers: headers).body.contains("late-publication"))
            #expect(try await client.page("/audit/compliance?unit=99", headers: headers).status == .badRequest)
            #expect(try await client.page("/audit/compliance?from=igår", headers: headers).status == .badRequest)
            let filtered = try await client.page("/audit/compliance?unit=1&from=2026-11-02", headers: headers)
            #expect(filtered.body.contains("href=\"/audit/compliance.csv?unit=1&amp;from=2026-11-02\""))
        }
    }

    @Test func theMeetingPageShowsTheRecordInFullWithHistoryDifferencesAndActorsAndLogsTheRead() async throws {
        let fixture = try await AuditFixture()
        defer { fixture.remove() }
        try await buildApplication(register: fixture.register).test(.router) { client in
            let page = try await client.page("/audit/meetings/\(fixture.late)", headers: AuditFixture.cookie(fixture.auditor))
            #expect(page.status == .ok)
            #expect(page.body.contains(AuditFixture.secretSummary), "the auditor sees the withheld summary")
            #expect(page.body.contains("Sekretess: OSL 19 kap. 3 § till 2027-06-30"))
            #expect(page.body.contains("<td>meeting.corrected</td><td>Rut Registrator, account"))
            #expect(page.body.contains("<td>Rättat ämne</td>"))
            #expect(page.body.contains("subject: &quot;Elförsörjningen längs banan&quot; → &quot;Elförsörjningen längs Värmlandsbanan&quot;"))
            #expect(page.body.contains("<td>meeting.published</td><td>shell (administratör)</td>"))
            #expect(try await client.page("/audit/meetings/999", headers: AuditFixture.cookie(fixture.auditor)).status == .notFound)
            let draft = try await client.page("/audit/meetings/\(fixture.draft)", headers: AuditFixture.cookie(fixture.auditor))
            #expect(draft.body.contains("meeting.drafted") && draft.body.contains("<dd>Möte</dd>"))
        }
        let log = try fixture.register.accessLog()
        #expect(log.map(\.entityID) == [fixture.late, fixture.draft])
        #expect(log.first?.reader.name == "Ulf Revisor" && log.first?.entity == "meeting")
    }

    @Test func theLedgerDownloadIsTheAuditorsViewAndIsLogged() async throws {
        let fixture = try await AuditFixture()
        defer { fixture.remove() }
        try await buildApplication(register: fixture.register).test(.router) { client in
            let download = try await client.page("/audit/ledger.jsonl", headers: AuditFixture.cookie(fixture.auditor))
            #expect(download.status == .ok)
            #expect(download.headers[.contentDisposition] == "attachment; filename=\"ledger-auditor.jsonl\"")
            var lines: [[UInt8]] = []
            try fixture.register.forEachLedgerEntry { lines.append($0.line(view: .auditor) + [0x0A]) }
            #expect(Array(download.body.utf8) == Array(lines.joined()))
            #expect(download.body.contains(AuditFixture.secretSummary))
        }
        #expect(try fixture.register.accessLog().map(\.what) == ["auditor ledger export (audit page)"])
    }

    @Test func theVerifyPageReportsAnIntactLedgerAndATamperedOneAsFailed() async throws {
        let fixture = try await AuditFixture()
        defer { fixture.remove() }
        let head = try fixture.register.ledgerHead()
        try await buildApplication(register: fixture.register).test(.router) { client in
            let intact = try await client.page("/audit/verify", headers: AuditFixture.cookie(fixture.auditor))
            #expect(intact.status == .ok)
            #expect(intact.body.contains("id=\"verify-intact\""))
            #expect(intact.body.contains("\(head.sequence) \(head.hash)"))
            #expect(intact.body.hasSuffix("</html>\n") || intact.body.hasSuffix("</html>"))
            try fixture.tamper("UPDATE change SET body = replace(body, '\"meeting.corrected\"', '\"meeting.released\"') WHERE type = 'meeting.corrected'")
            let tampered = try await client.page("/audit/verify", headers: AuditFixture.cookie(fixture.auditor))
            #expect(tampered.body.contains("id=\"verify-failed\""))
            #expect(tampered.body.contains("Kontrollen misslyckades"))
            #expect(!tampered.body.contains("id=\"verify-intact\""))
        }
    }

    @Test func theAccessLogIsShownNewestFirstPageByPage() async throws {
        let fixture = try await AuditFixture()
        defer { fixture.remove() }
        for _ in 0..<(AuditController.logPage + 5) {
            try await fixture.register.logAccess(by: .shell, entity: "meeting", id: fixture.late, what: "full record")
        }
        try await buildApplication(register: fixture.register).test(.router) { client in
            let first = try await client.page("/audit/access-log", headers: AuditFixture.cookie(fixture.auditor))
            #expect(first.count("<tr><th scope=\"row\">") == AuditController.logPage)
            #expect(first.body.contains("<th scope=\"row\">105</th>") && !first.body.contains("<th scope=\"row\">5</th>"))
            #expect(first.body.contains("href=\"/audit/access-log?before=6\""))
            let older = try await client.page("/audit/access-log?before=6", headers: AuditFixture.cookie(fixture.auditor))
            #expect(older.count("<tr><th scope=\"row\">") == 5)
            #expect(!older.body.contains("Äldre poster"))
        }
    }

    @Test func theStatisticsShowTimelinessWithNoConfidentialValue() async throws {
        let fixture = try await AuditFixture()
        defer { fixture.remove() }
        try await buildApplication(register: fixture.register).test(.router) { client in
            let page = try await client.page("/statistics")
            #expect(page.status == .ok)
            #expect(page.body.contains("<h2 id=\"statistics-timeliness-heading\">Publicerat i tid</h2>"))
            #expect(page.body.contains("Av 2 möten publicerades 1 i tid (50\u{00A0}%)."))
            #expect(page.body.contains("<tr><th scope=\"row\">2026-11</th><td>2</td><td>1</td><td>50\u{00A0}%</td></tr>"))
            #expect(page.body.contains("<tr><th scope=\"row\">Regionstyrelsen</th><td>2</td><td>1</td><td>50\u{00A0}%</td></tr>"))
            #expect(!page.body.contains(AuditFixture.secretSummary))
            #expect(!page.body.contains("Möte</td>"), "a draft is never counted or named")
        }
    }
}
