import Publishing
import RegisterCore

/// The audit index: the auditor's pages, a form to open a meeting by its number, and
/// the meetings changed last with drafts.
struct AuditIndexView: PageView {
    static let template = "audit"
    let title: String
    let intro: String
    let links: [PageLink]
    let action = SiteURL.audit.path
    let recent: AuditTable

    init(meetings: [StoredMeeting], context: PageContext) {
        title = context["auditTitle"]
        intro = context["auditIntro"]
        links = [PageLink(context["auditComplianceTitle"], .compliance), PageLink(context["auditVerifyTitle"], .auditVerify),
                 PageLink(context["auditLedgerDownload"], .auditLedger), PageLink(context["auditAccessLogTitle"], .auditAccessLog)]
        recent = AuditTable(
            id: "audit-recent", caption: context["auditRecentHeading"],
            headers: [context["auditMeeting"], context["auditStatus"], context["auditMeetingDay"], context["auditSubject"]],
            rows: meetings.map { stored in
                [.init(String(stored.id), href: SiteURL.auditMeeting(stored.id).path), .init(context["auditStatus_" + stored.status.rawValue]),
                 .init(context.dates.day(stored.meeting.startsAt)), .init(stored.meeting.subject)]
            })
    }
}
