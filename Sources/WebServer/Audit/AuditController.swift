import Foundation
import Hummingbird
import Publishing
import RegisterCore

/// The auditor's pages under /audit/ (the auditor and the admin): the index with the
/// meetings changed last, every meeting in full with its history, the auditor's
/// ledger export as a download, the access log page by page. Each read of
/// confidential values goes in the access log before it is sent.
struct AuditController: SiteController {
    let register: Register
    let forms: FormPages

    static let logPage = 100
    static let recentMeetings = 50

    func addRoutes(to router: Router<InsynRequestContext>) {
        router.get(RouterPath(SiteURL.audit.routePattern)) { request, context in
            try await AuditAccess.guarded(AuditAccess.auditors, forms, request, context) { _ in
                if let id = try QueryParameters(request).integer("meeting", minimum: 1) {
                    return Response(status: .seeOther, headers: [.location: SiteURL.auditMeeting(id).path, .cacheControl: "no-store"])
                }
                let page = try await forms.pageContext(request, context)
                let meetings = try await register.read { try $0.storedMeetings(limit: Self.recentMeetings) }
                return try await forms.render(AuditIndexView(meetings: meetings, context: page), request: request, context: context)
            }
        }
        router.get(RouterPath(SiteURL.pattern(SiteURL.auditMeeting))) { request, context in
            try await AuditAccess.guarded(AuditAccess.auditors, forms, request, context) { principal in
                guard let id = Int64(try context.parameters.require("id")), id > 0, String(id) == context.parameters.get("id") else {
                    throw HTTPError(.notFound)
                }
                guard try await register.read({ try $0.storedMeeting(id) }) != nil else { throw HTTPError(.notFound) }
                try await register.logAccess(by: principal, entity: "meeting", id: id, what: "full record and history (audit page)")
                let page = try await forms.pageContext(request, context)
                let view = try await register.read { snapshot in
                    try AuditMeetingView(stored: snapshot.storedMeeting(id)!, changes: snapshot.auditedChanges(ofMeeting: id),
                                         catalogue: AuditMeetingView.Catalogue(snapshot), context: page)
                }
                return try await forms.render(view, request: request, context: context)
            }
        }
        router.get(RouterPath(SiteURL.auditLedger.routePattern)) { request, context in
            try await AuditAccess.guarded(AuditAccess.auditors, forms, request, context) { principal in
                try await register.logAccess(by: principal, entity: "export", id: nil, what: "auditor ledger export (audit page)")
                let body = StreamedBody.make(register: register) { snapshot, sink in
                    try snapshot.forEachLedgerEntry { entry in try sink.write(entry.line(view: .auditor) + [0x0A]) }
                }
                return Response(status: .ok, headers: [.contentType: "application/jsonl; charset=utf-8", .cacheControl: "no-store",
                                                       .contentDisposition: "attachment; filename=\"ledger-auditor.jsonl\""],
                                body: body)
            }
        }
        router.get(RouterPath(SiteURL.auditAccessLog.routePattern)) { request, context in
            try await AuditAccess.guarded(AuditAccess.auditors, forms, request, context) { _ in
                let before = try QueryParameters(request).integer("before", minimum: 1)
                let entries = try await register.read { try $0.accessLog(before: before, limit: Self.logPage + 1) }
                let page = try await forms.pageContext(request, context)
                let view = AccessLogView(entries: Array(entries.prefix(Self.logPage)), hasOlder: entries.count > Self.logPage,
                                         isFirstPage: before == nil, context: page)
                return try await forms.render(view, request: request, context: context)
            }
        }
    }
}
