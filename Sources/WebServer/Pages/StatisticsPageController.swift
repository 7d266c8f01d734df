import Hummingbird
import Publishing
import RegisterCore

/// The statistics page at `/statistics`: the published meetings counted per month,
/// by kind of organisation, by direction, and the organisations and issues with most
/// meetings, each as an SVG chart with its table, filtered by the search's parameters.
/// The unfiltered counts are the write path's (`MeetingTallies`); a filtered page is
/// counted once and then kept, like every page, until the register changes.
struct StatisticsPageController: SiteController {
    let pages: PageResponder

    func addRoutes(to router: Router<InsynRequestContext>) {
        router.get(RouterPath(SiteURL.statistics.routePattern)) { request, context in
            let filter = try StatisticsQuery(QueryParameters(request)).filter
            return try await pages.respond(to: request, context: context) { snapshot, page in
                let statistics = try snapshot.meetingStatistics(filter)
                var view = try StatisticsView(filter: filter, statistics: statistics, catalogue: try pages.catalogue(snapshot), context: page)
                view.timeliness = TimelinessSection(try snapshot.publicationTimeliness(), context: page)
                return PageResult(view)
            }
        }
    }
}
