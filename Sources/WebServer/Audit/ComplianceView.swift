import Publishing
import RegisterCore

/// The compliance report's page: what the findings were judged by, the filter form,
/// the downloads of the same report, a summary that links to each category, and a
/// table per category.
struct ComplianceView: PageView {
    static let template = "compliance"
    let title: String
    let intro: String
    let rule: String
    let form: Form
    let csvHref: String
    let jsonHref: String
    let summary: [SummaryItem]
    let sections: [AuditTable]
    let logged: String

    struct Option: Sendable {
        let value: String
        let text: String
        let selected: Bool
    }

    struct Select: Sendable {
        let name: String
        let label: String
        let options: [Option]
    }

    struct Form: Sendable {
        let action = SiteURL.compliance.path
        let from: String
        let to: String
        let selects: [Select]
    }

    struct SummaryItem: Sendable {
        let text: String
        let href: String
    }

    init(report: ComplianceReport, units: [PublicUnit], officials: [PublicOfficial], linksMeetings: Bool, context: PageContext) {
        let number = { (value: Int) in StatisticsView.number(value, context.language) }
        title = context["auditComplianceTitle"]
        intro = context.strings.format("auditComplianceIntro", String(report.deadlineDays), report.today.description)
        rule = context.strings.format("auditComplianceRule", report.vaguePhrases.map { "”\($0)”" }.joined(separator: ", "),
                                      String(report.minimumSubjectWords))
        func select(_ name: String, _ label: String, _ choices: [(Int64, String)], _ chosen: Int64?) -> Select {
            Select(name: name, label: context[label],
                   options: [Option(value: "", text: context["auditComplianceAny"], selected: chosen == nil)]
                       + choices.map { Option(value: String($0.0), text: $0.1, selected: $0.0 == chosen) })
        }
        form = Form(from: report.filter.from?.description ?? "", to: report.filter.to?.description ?? "", selects: [
            select("unit", "auditComplianceUnit", units.map { ($0.id, $0.name) }, report.filter.unit),
            select("official", "auditComplianceOfficial", officials.map { ($0.id, $0.name) }, report.filter.official),
        ])
        let query = ComplianceController.query(report.filter)
        csvHref = SiteURL.complianceCSV.path + query
        jsonHref = SiteURL.complianceJSON.path + query
        summary = ComplianceCategory.allCases.map { category in
            SummaryItem(text: context["auditCategory_" + category.rawValue] + ": " + number(report.findings(category).count),
                        href: "#compliance-\(category.rawValue)")
        }
        sections = ComplianceCategory.allCases.map { category in
            Self.table(category, report.findings(category), linksMeetings: linksMeetings, context: context, number: number)
        }
        logged = context["auditLogged"]
    }

    private static func table(_ category: ComplianceCategory, _ findings: [ComplianceFinding], linksMeetings: Bool,
                              context: PageContext, number: (Int) -> String) -> AuditTable {
        typealias Cell = AuditTable.Cell
        func meeting(_ finding: ComplianceFinding) -> Cell {
            let id = finding.meeting ?? 0
            return Cell(String(id), href: linksMeetings ? SiteURL.auditMeeting(id).path : nil)
        }
        func day(_ finding: ComplianceFinding) -> Cell { Cell(finding.meetingDay?.description ?? "") }
        func officials(_ finding: ComplianceFinding) -> Cell { Cell(finding.officials.joined(separator: ", ")) }
        func subject(_ finding: ComplianceFinding) -> Cell { Cell(finding.subject ?? "") }
        func days(_ finding: ComplianceFinding) -> Cell { Cell(finding.days.map(number) ?? "") }
        let headers: [String]
        let rows: [[Cell]]
        switch category {
        case .latePublication:
            headers = ["auditMeeting", "auditMeetingDay", "auditPublishedDay", "auditDaysLate", "auditOfficials", "auditSubject"]
            rows = findings.map { [meeting($0), day($0), Cell($0.publishedDay?.description ?? ""), days($0), officials($0), subject($0)] }
        case .overdueDraft:
            headers = ["auditMeeting", "auditMeetingDay", "auditDaysPast", "auditOfficials", "auditSubject"]
            rows = findings.map { [meeting($0), day($0), days($0), officials($0), subject($0)] }
        case .noIssue:
            headers = ["auditMeeting", "auditMeetingDay", "auditStatus", "auditOfficials", "auditSubject"]
            rows = findings.map { [meeting($0), day($0), Cell(context["auditStatus_" + ($0.status?.rawValue ?? "")]), officials($0), subject($0)] }
        case .vagueSubject:
            headers = ["auditMeeting", "auditMeetingDay", "auditStatus", "auditSubject", "auditWhy"]
            rows = findings.map { finding in
                let why = finding.phrase.map { context.strings.format("auditPhrase", $0) }
                    ?? context.strings.format("auditTooShort", String(finding.words ?? 0))
                return [meeting(finding), day(finding), Cell(context["auditStatus_" + (finding.status?.rawValue ?? "")]), subject(finding), Cell(why)]
            }
        case .missingOrganisationNumber:
            headers = ["auditOrganisation", "auditOrganisationKind", "auditMeetings"]
            rows = findings.map { finding in
                [Cell(finding.organisationName ?? "", href: finding.organisation.map { SiteURL.organisation($0).path }),
                 Cell(context["searchValue_kind_" + (finding.organisationKind?.rawValue ?? "")]), Cell(finding.meetings.map(number) ?? "")]
            }
        case .withheldWithoutEnd:
            headers = ["auditMeeting", "auditMeetingDay", "auditField", "auditGround", "auditDaysSince"]
            rows = findings.map { [meeting($0), day($0), Cell($0.field.map(context.strings.field) ?? ""), Cell($0.ground ?? ""), days($0)] }
        }
        return AuditTable(id: "compliance-\(category.rawValue)", caption: context["auditCategory_" + category.rawValue],
                          headers: headers.map { context[$0] }, rows: rows)
    }
}
