extension StatisticsFilter {
    /// The filters of a search (its words and page position play no part in counting).
    public init(_ search: MeetingSearch) {
        self.init(from: search.from, to: search.to, official: search.official, organisation: search.organisation,
                  issue: search.issue, unit: search.unit, direction: search.direction, format: search.format,
                  organisationKind: search.kind)
    }

    /// The search for the meetings this filter counts, whose query is the filter's URL.
    public var search: MeetingSearch {
        MeetingSearch(from: from, to: to, official: official, organisation: organisation, issue: issue, unit: unit,
                      direction: direction, format: format, kind: organisationKind)
    }
}
