import Publishing
import RegisterCore

/// The statistics page's view: the filter form and the filters in use, then one
/// section per chart, each with its SVG (written by `SVGChart`, every label escaped)
/// and a table of the same numbers.
struct StatisticsView: PageView {
    static let template = "statistics"
    let title: String
    let intro: String
    let total: String
    let form: StatisticsForm
    let activeFilters: [ActiveFilter]
    let hasActiveFilters: Bool
    let clearHref = SiteURL.statistics.path
    /// The page's own stylesheet, beside the theme's `site.css`.
    let stylesheet = SiteURL.asset("statistics.css").path
    let sections: [StatisticsSection]
    let hasMeetings: Bool
    /// The share published within the deadline (`TimelinessSection`).
    var timeliness: TimelinessSection?

    /// A filter in use, with the address of the page without it.
    struct ActiveFilter: Sendable {
        let text: String
        let removeHref: String
    }

    init(filter: StatisticsFilter, statistics: MeetingStatistics, catalogue: CatalogueIndex, context: PageContext) throws {
        let names = try StatisticsNames(filter: filter, catalogue: catalogue)
        let number = { @Sendable (value: Int) in StatisticsView.number(value, context.language) }
        title = context["statisticsTitle"]
        intro = context["statisticsIntro"]
        total = context.strings.format(filter.isEmpty ? "statisticsTotal" : "statisticsTotalFiltered", number(statistics.meetings))
        form = StatisticsForm(filter: filter, names: names, context: context)
        activeFilters = Self.activeFilters(filter, names: names, context: context)
        hasActiveFilters = !activeFilters.isEmpty
        hasMeetings = statistics.meetings > 0
        sections = StatisticsSection.all(statistics, filter: filter, context: context, number: number)
    }

    static func activeFilters(_ filter: StatisticsFilter, names: StatisticsNames, context: PageContext) -> [ActiveFilter] {
        func item(_ label: String, _ value: String, _ without: (inout StatisticsFilter) -> Void) -> ActiveFilter {
            var rest = filter
            without(&rest)
            return ActiveFilter(text: "\(context[label]): \(value)", removeHref: address(rest))
        }
        var items: [ActiveFilter] = []
        if let from = filter.from { items.append(item("statisticsFrom", from.description) { $0.from = nil }) }
        if let to = filter.to { items.append(item("statisticsTo", to.description) { $0.to = nil }) }
        if let name = names.official { items.append(item("statisticsOfficial", name) { $0.official = nil }) }
        if let name = names.organisation { items.append(item("statisticsOrganisation", name) { $0.organisation = nil }) }
        if let name = names.issue { items.append(item("statisticsIssue", name) { $0.issue = nil }) }
        if let name = names.unit { items.append(item("statisticsUnit", name) { $0.unit = nil }) }
        if let direction = filter.direction {
            items.append(item("statisticsDirection", context[directionKey(direction)]) { $0.direction = nil })
        }
        if let format = filter.format { items.append(item("statisticsFormat", context.strings.format(format)) { $0.format = nil }) }
        if let kind = filter.organisationKind { items.append(item("statisticsKind", context[kindKey(kind)]) { $0.organisationKind = nil }) }
        return items
    }

    /// The statistics page with `filter`.
    static func address(_ filter: StatisticsFilter) -> String {
        let pairs = StatisticsQuery.pairs(filter)
        return SiteURL.statistics.path + (pairs.isEmpty ? "" : "?" + PageContext.encode(pairs))
    }

    static func directionKey(_ direction: MeetingDirection) -> String {
        direction == .inbound ? "statisticsInbound" : "statisticsOutbound"
    }

    static func kindKey(_ kind: OrganisationKind) -> String {
        switch kind {
        case .company: "statisticsKindCompany"
        case .tradeAssociation: "statisticsKindTradeAssociation"
        case .ngo: "statisticsKindNgo"
        case .union: "statisticsKindUnion"
        case .publicAuthority: "statisticsKindPublicAuthority"
        case .consultancy: "statisticsKindConsultancy"
        case .other: "statisticsKindOther"
        }
    }

    /// A count as the page writes it: digits grouped by three, with a no-break space in
    /// Swedish ("12 345") and a comma in English ("12,345").
    static func number(_ value: Int, _ language: Language) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped += language == .en ? "," : "\u{00A0}" }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }
}

/// The names of the catalogue records a filter names, checked to exist: an unknown id
/// is a `BadParameter`, not an empty page; and the units, officials and issues the
/// form lists, in id order (from the catalogue the pages keep).
struct StatisticsNames {
    let units: [PublicUnit]
    let officials: [PublicOfficial]
    let issues: [PublicIssue]
    var official: String?
    var organisation: String?
    var issue: String?
    var unit: String?

    init(filter: StatisticsFilter, catalogue: CatalogueIndex) throws {
        units = catalogue.unitsInOrder
        officials = catalogue.officialsInOrder
        issues = catalogue.issuesInOrder
        func known(_ name: String, _ id: Int64?, _ found: String?) throws -> String? {
            guard let id else { return nil }
            guard let found else { throw BadParameter(name, value: String(id), expected: "statisticsExpectKnown") }
            return found
        }
        official = try known("official", filter.official, filter.official.flatMap { catalogue.officials[$0] }.map(\.name))
        unit = try known("unit", filter.unit, filter.unit.flatMap { catalogue.units[$0] }.map(\.name))
        issue = try known("issue", filter.issue, filter.issue.flatMap { catalogue.issues[$0] }.map(\.title))
        organisation = try known("org", filter.organisation, filter.organisation.flatMap { catalogue.organisations[$0] }.map(\.name))
    }
}
