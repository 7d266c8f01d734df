import Hummingbird
import Publishing
import RegisterCore

/// The page of one meeting at `/meetings/ID`: 200 with the meeting as published, 410
/// with the withdrawal notice and its reason for a withdrawn one, 404 for a draft or
/// an id not in use (drafts are never public).
struct MeetingController: SiteController {
    let pages: PageResponder
    /// Renders the page for a signed-in person who records meetings, uncached, with
    /// the links to correct or withdraw it when they may.
    var signedIn: SignedInPages?

    func addRoutes(to router: Router<InsynRequestContext>) {
        router.get(RouterPath(SiteURL.pattern(SiteURL.meeting))) { request, context in
            let id = try context.pathId()
            if let signedIn, let principal = context.principal, SignedInPages.meetingWriters.contains(principal.role) {
                return try await forWriter(id, principal, signedIn, request, context)
            }
            return try await pages.respond(to: request, context: context) { snapshot, page in
                try meetingPage(id, snapshot, page) { _ in }
            }
        }
    }

    /// The meeting's page (410 for a withdrawn one); `adding` may add links to a published meeting's view.
    private func meetingPage(_ id: Int64, _ snapshot: RegisterSnapshot, _ page: PageContext,
                             adding actions: (inout MeetingView) throws -> Void) throws -> PageResult {
        guard let meeting = try snapshot.publicMeeting(id) else { throw HTTPError(.notFound) }
        if meeting.status == .withdrawn {
            return PageResult(WithdrawnMeetingView(meeting, context: page), status: 410)
        }
        let history = MeetingHistory(try snapshot.publicChanges(ofMeeting: id), context: page)
        var view = MeetingView(meeting, catalogue: try pages.catalogue(snapshot), history: history, context: page)
        try actions(&view)
        return PageResult(view)
    }

    private func forWriter(_ id: Int64, _ principal: Principal, _ signedIn: SignedInPages, _ request: Request, _ context: InsynRequestContext) async throws -> Response {
        let page = try await signedIn.pageContext(request, context)
        let result = try await signedIn.register.read { snapshot in
            try meetingPage(id, snapshot, page) { view in
                if (try? snapshot.storedMeeting(id, toChangeBy: principal)) != nil {
                    view.actions.append(PageLink(page["deskCorrectMeetingLink"], .correctMeeting(id)))
                }
                if SignedInPages.registrars.contains(principal.role) {
                    view.actions.append(PageLink(page["deskWithdrawMeetingLink"], .withdrawMeeting(id)))
                }
                view.hasActions = !view.actions.isEmpty
            }
        }
        return try await signedIn.render(result.view, status: HTTPResponse.Status(code: result.status), request: request, context: context)
    }
}
