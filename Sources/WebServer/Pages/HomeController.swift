import Hummingbird
import Publishing
import RegisterCore

/// The start page: what the register is, the latest published and corrected
/// meetings, the active issues, a search box and the ways into the data.
struct HomeController: SiteController {
    let pages: PageResponder
    static let latestCount = 10

    func addRoutes(to router: Router<InsynRequestContext>) {
        router.get(RouterPath(SiteURL.home.routePattern)) { request, context in
            try await pages.respond(to: request, context: context) { snapshot, page in
                PageResult(try HomeView(snapshot: snapshot, catalogue: try pages.catalogue(snapshot), context: page))
            }
        }
    }
}

/// The start page's view.
struct HomeView: PageView {
    static let template = "home"
    let title: String
    let heading: String
    let intro: String
    let searchAction = SiteURL.meetings(query: nil).path
    let meetings: [MeetingListItem]
    let hasMeetings: Bool
    let issues: [PageLink]
    let hasIssues: Bool
    let more: [PageLink]
    let headText: String
    let feeds: [PageLink]

    init(snapshot: RegisterSnapshot, catalogue: CatalogueIndex, context: PageContext) throws {
        heading = context["homeTitle"]
        title = heading
        intro = context.strings.format("homeIntro", context.settings.bodyName)
        meetings = try snapshot.latestChangedMeetings(limit: HomeController.latestCount).map {
            MeetingListItem($0, catalogue: catalogue, context: context)
        }
        hasMeetings = !meetings.isEmpty
        issues = try snapshot.issues().filter { $0.status == .active }.map { PageLink($0.title, .issue($0.id)) }
        hasIssues = !issues.isEmpty
        more = [
            PageLink(context["homeAllMeetings"], .meetings(query: nil)),
            PageLink(context["homeFeedAll"], .feed(.all)),
            PageLink(context["homeDownloads"], .openData),
            PageLink(context["homeStatistics"], .statistics),
        ]
        headText = context.strings.format("homeHead", String(try snapshot.ledgerHead().sequence))
        feeds = [PageLink(context["feedLink"], .feed(.all))]
    }
}
