import Foundation
import Hummingbird
import NIOPosix
import Publishing
import RegisterCore

/// `/registrar/review`: the drafts waiting for the registrar's review. Showing them
/// reads their full records, so each is written to the access log. POST
/// `/registrar/review/:id` approves (publishes) or returns the draft with a comment
/// (required); a draft changed since the page was shown is refused, unchanged.
struct ReviewQueueController: SiteController {
    let pages: SignedInPages

    func addRoutes(to router: Router<InsynRequestContext>) {
        router.get(RouterPath(SiteURL.reviewQueue.routePattern)) { request, context in
            try await pages.guarded(request, context, roles: SignedInPages.registrars) { actor in
                let notice = request.uri.queryParameters.get("done").flatMap { ["approved": "registrarReviewApproved", "returned": "registrarReviewReturned"][String($0)] }
                return try await queue(actor: actor, failed: nil, notice: notice, request, context)
            }
        }
        router.post(RouterPath(SiteURL.pattern(SiteURL.reviewDecision))) { request, context in
            try await pages.guarded(request, context, roles: SignedInPages.registrars) { actor in
                try await decide(actor: actor, request, context)
            }
        }
    }

    private func decide(actor: Principal, _ request: Request, _ context: InsynRequestContext) async throws -> Response {
        let id = try context.pathId()
        var request = request
        let posted = try await FormBody.read(&request)
        let revision = posted["version"].flatMap(Int64.init).map(MeetingRevision.init)
        let comment = posted["comment"] ?? ""
        let register = pages.register
        let returning = posted["decision"] == "return"
        do {
            try await NIOThreadPool.singleton.runIfActive {
                if returning {
                    try register.returnMeeting(id, comment: comment, by: actor, basedOn: revision)
                } else {
                    try register.approveMeeting(id, by: actor, basedOn: revision)
                }
            }
        } catch let invalid as ValidationError {
            let page = try await pages.pageContext(request, context)
            let message = invalid.problems.first { $0.field == "comment" } != nil ? page["registrarReviewCommentRequired"]
                : invalid.problems.map(\.message).joined(separator: "; ")
            return try await queue(actor: actor, failed: (id, comment, message), notice: nil, request, context, status: .badRequest)
        } catch is StaleRevision {
            let page = try await pages.pageContext(request, context)
            return try await queue(actor: actor, failed: (id, comment, page["registrarReviewStale"]), notice: nil, request, context,
                                   status: .conflict)
        }
        return SignedInPages.seeOther(SiteURL.reviewQueue.path + "?done=" + (returning ? "returned" : "approved"))
    }

    private func queue(actor: Principal, failed: (id: Int64, comment: String, error: String)?, notice: String?, _ request: Request,
                       _ context: InsynRequestContext, status: HTTPResponse.Status = .ok) async throws -> Response {
        let page = try await pages.pageContext(request, context)
        let (queue, names) = try await pages.register.read { snapshot in (try snapshot.reviewQueue(), try CatalogueNames(snapshot)) }
        for queued in queue {
            _ = try await pages.register.logAccess(by: actor, entity: "meeting", id: queued.stored.id, what: "full record (review queue)")
        }
        let view = ReviewQueueView(queue, names: names, failed: failed, notice: notice.map { page[$0] }, csrf: pages.csrf(context),
                                   context: page)
        return try await pages.render(view, status: status, request: request, context: context)
    }
}
