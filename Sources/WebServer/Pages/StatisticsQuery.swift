import Publishing
import RegisterCore

/// The statistics page's query parameters, read by the meeting search's own parsing
/// (`from`, `to`, `official`, `org`, `issue`, `unit`, `direction`, `format`, `kind`):
/// the search's words and page position, and any other parameter, are ignored; a bad
/// value or one given twice is a `BadParameter` naming it.
struct StatisticsQuery: Sendable {
    let filter: StatisticsFilter

    init(_ query: QueryParameters) throws(BadParameter) {
        filter = StatisticsFilter(try SearchPageController.search(query, ignoring: [.text, .after]))
    }

    /// The query of `filter`'s URL, its parameters in a fixed order.
    static func pairs(_ filter: StatisticsFilter) -> [(name: String, value: String)] {
        filter.search.query
    }
}
