import Hummingbird
import Publishing
import RegisterCore

/// The page of one meeting at `/meetings/ID`: 200 with the meeting as published, 410
/// with the withdrawal notice and its reason for a withdrawn one, 404 for a draft or
/// an id not in use (drafts are never public).
struct MeetingController: SiteController {
    let pages: PageResponder

    func addRoutes(to router: Router<InsynRequestContext>) {
        router.get(RouterPath(SiteURL.pattern(SiteURL.meeting))) { request, context in
            let id = try context.pathId()
            return try await pages.respond(to: request, context: context) { snapshot, page in
                guard let meeting = try snapshot.publicMeeting(id) else { throw HTTPError(.notFound) }
                let catalogue = try pages.catalogue(snapshot)
                if meeting.status == .withdrawn {
                    return PageResult(WithdrawnMeetingView(meeting, context: page), status: 410)
                }
                let history = MeetingHistory(try snapshot.publicChanges(ofMeeting: id), context: page)
                return PageResult(MeetingView(meeting, catalogue: catalogue, history: history, context: page))
            }
        }
    }
}
