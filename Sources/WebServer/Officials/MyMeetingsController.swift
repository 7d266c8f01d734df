import Foundation
import Hummingbird
import Publishing
import RegisterCore

/// `/my/meetings`: a signed-in official's (or assistant's, or the registrar's)
/// meetings to keep up with: drafts past the publication deadline, drafts due soon,
/// the other drafts and the latest published; and the button that logs a new one.
struct MyMeetingsController: SiteController {
    let pages: SignedInPages
    /// How many of the latest published meetings the page lists.
    static let publishedShown = 10

    func addRoutes(to router: Router<InsynRequestContext>) {
        router.get(RouterPath(SiteURL.myMeetings.routePattern)) { request, context in
            try await pages.guarded(request, context, roles: SignedInPages.meetingWriters) { principal in
                let page = try await pages.pageContext(request, context)
                let officials: Set<Int64>? = principal.role == .recorder ? principal.officials : nil
                let (meetings, names) = try await pages.register.read { snapshot in
                    (try snapshot.officialsMeetings(officials, publishedLimit: Self.publishedShown),
                     try snapshot.officials().filter { officials?.contains($0.id) ?? false }.map(\.name))
                }
                let view = MyMeetingsView(meetings, officialNames: names, context: page, now: Date())
                return try await pages.render(view, request: request, context: context)
            }
        }
    }
}
