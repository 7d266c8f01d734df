import Hummingbird
import Publishing
import RegisterCore

/// The statistics page at `/statistics`: the published meetings counted per month,
/// by kind of organisation, by direction, and the organisations and issues with most
/// meetings, each as an SVG chart with its table, filtered by the search's parameters.
/// Counts are kept per ledger head (`StatisticsCache`), so only the first request
/// after a change counts the register.
struct StatisticsPageController: SiteController {
    let pages: PageResponder
    let cache = StatisticsCache()

    func addRoutes(to router: Router<InsynRequestContext>) {
        router.get(RouterPath(SiteURL.statistics.routePattern)) { request, context in
            let filter = try StatisticsQuery(QueryParameters(request)).filter
            let cache = cache
            return try await pages.respond(to: request, context: context) { snapshot, page in
                let statistics = try cache.statistics(filter, in: snapshot)
                return PageResult(try StatisticsView(filter: filter, statistics: statistics, snapshot: snapshot, context: page))
            }
        }
    }
}
