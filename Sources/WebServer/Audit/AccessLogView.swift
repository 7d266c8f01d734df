import Publishing
import RegisterCore

/// The access log, newest first, a page at a time (`?before=ID` for older entries).
struct AccessLogView: PageView {
    static let template = "audit-access-log"
    let title: String
    let intro: String
    let table: AuditTable
    let olderHref: String?
    let newestHref: String?

    init(entries: [AccessLogEntry], hasOlder: Bool, isFirstPage: Bool, context: PageContext) {
        title = context["auditAccessLogTitle"]
        intro = context["auditAccessLogIntro"]
        table = AuditTable(
            id: "audit-access-log", caption: context["auditAccessLogCaption"],
            headers: ["#", context["auditTime"], context["auditReader"], context["auditWhat"]],
            rows: entries.map { entry in
                let reader = entry.reader
                let who = "\(reader.name) (\(context["role_" + reader.role.rawValue]), \(reader.kind.rawValue)\(reader.id.map { " \($0)" } ?? ""))"
                let what = entry.entity == "meeting" && entry.entityID != nil
                    ? AuditTable.Cell("\(entry.entity) \(entry.entityID!): \(entry.what)", href: SiteURL.auditMeeting(entry.entityID!).path)
                    : AuditTable.Cell(entry.entity + (entry.entityID.map { " \($0)" } ?? "") + ": " + entry.what)
                return [.init(String(entry.id)), .init(context.dates.rfc3339(entry.at)), .init(who), what]
            })
        olderHref = hasOlder ? entries.last.map { SiteURL.auditAccessLog.path + "?before=\($0.id)" } : nil
        newestHref = isFirstPage ? nil : SiteURL.auditAccessLog.path
    }
}
