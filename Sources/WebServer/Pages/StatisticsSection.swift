import Publishing
import RegisterCore

/// One chart of the statistics page: its heading, the SVG, and the table of the same
/// numbers (a caption, a header per column, a row per value; a row may link to the
/// meetings or the record it counts).
struct StatisticsSection: Sendable {
    struct Row: Sendable {
        let label: String
        let link: String?
        let count: String
    }

    let id: String
    let heading: String
    let svg: String
    let caption: String
    let labelHeader: String
    let countHeader: String
    let rows: [Row]
    let hasRows: Bool
    let notes: [String]

    /// A row of the table and the value it is drawn as.
    struct Entry {
        let label: String
        let link: String?
        let value: Int
    }

    init(id: String, kind: SVGChart.Kind, heading: String, caption: String, labelHeader: String, entries: [Entry], notes: [String] = [],
         context: PageContext, number: @escaping @Sendable (Int) -> String) {
        self.id = id
        self.heading = heading
        self.caption = caption
        self.labelHeader = labelHeader
        countHeader = context["statisticsMeetings"]
        svg = SVGChart(kind, id: "\(id)-chart", title: caption, description: context["statisticsChartDescription"],
                       values: entries.map { ChartValue(label: $0.label, value: $0.value) }, formatNumber: number).render()
        rows = entries.map { Row(label: $0.label, link: $0.link, count: number($0.value)) }
        hasRows = !rows.isEmpty
        self.notes = notes
    }

    static func all(_ statistics: MeetingStatistics, filter: StatisticsFilter, context: PageContext,
                    number: @escaping @Sendable (Int) -> String) -> [StatisticsSection] {
        func search(_ change: (inout StatisticsFilter) -> Void) -> String {
            var narrowed = filter
            change(&narrowed)
            return SiteURL.meetings(query: PageContext.encode(StatisticsQuery.pairs(narrowed))).path
        }
        let months = statistics.perMonth.map { count in
            Entry(label: count.month.description, link: count.meetings == 0 ? nil : search {
                let first = Day(year: count.month.year, month: count.month.month, day: 1)!
                let last = (28...31).reversed().lazy.compactMap { Day(year: count.month.year, month: count.month.month, day: $0) }.first!
                $0.from = max(first, filter.from ?? first)
                $0.to = min(last, filter.to ?? last)
            }, value: count.meetings)
        }
        let groupKeys: [OrganisationGroup: String] = [
            .business: "statisticsGroupBusiness", .civilSociety: "statisticsGroupCivilSociety",
            .publicBodies: "statisticsGroupPublicBodies", .other: "statisticsGroupOther",
        ]
        let groups = statistics.byOrganisationGroup.map { Entry(label: context[groupKeys[$0.group]!], link: nil, value: $0.meetings) }
            + [Entry(label: context["statisticsWithoutOrganisation"], link: nil, value: statistics.withoutOrganisation)]
            + (statistics.counterpartsWithheld > 0
               ? [Entry(label: context["statisticsCounterpartsWithheld"], link: nil, value: statistics.counterpartsWithheld)] : [])
        let directions = [
            Entry(label: context["statisticsInbound"], link: search { $0.direction = .inbound }, value: statistics.inbound),
            Entry(label: context["statisticsOutbound"], link: search { $0.direction = .outbound }, value: statistics.outbound),
        ] + (statistics.directionWithheld > 0
             ? [Entry(label: context["statisticsDirectionWithheld"], link: nil, value: statistics.directionWithheld)] : [])
        let organisations = statistics.topOrganisations.map {
            Entry(label: $0.name, link: SiteURL.organisation($0.id).path, value: $0.meetings)
        }
        let issues = statistics.topIssues.map { Entry(label: $0.name, link: SiteURL.issue($0.id).path, value: $0.meetings) }
        let hasMeetings = statistics.meetings > 0
        return [
            StatisticsSection(id: "statistics-months", kind: .columns, heading: context["statisticsMonthsHeading"],
                              caption: context["statisticsMonthsCaption"], labelHeader: context["statisticsMonth"], entries: months,
                              notes: statistics.startWithheld > 0
                                  ? [context.strings.format("statisticsStartWithheld", number(statistics.startWithheld))] : [],
                              context: context, number: number),
            StatisticsSection(id: "statistics-groups", kind: .bars, heading: context["statisticsGroupsHeading"],
                              caption: context["statisticsGroupsCaption"], labelHeader: context["statisticsGroup"],
                              entries: hasMeetings ? groups : [], notes: [context["statisticsGroupsNote"]], context: context, number: number),
            StatisticsSection(id: "statistics-direction", kind: .bars, heading: context["statisticsDirectionHeading"],
                              caption: context["statisticsDirectionCaption"], labelHeader: context["statisticsDirection"],
                              entries: hasMeetings ? directions : [], context: context, number: number),
            StatisticsSection(id: "statistics-organisations", kind: .bars, heading: context["statisticsOrganisationsHeading"],
                              caption: context["statisticsOrganisationsCaption"], labelHeader: context["statisticsOrganisation"],
                              entries: organisations, context: context, number: number),
            StatisticsSection(id: "statistics-issues", kind: .bars, heading: context["statisticsIssuesHeading"],
                              caption: context["statisticsIssuesCaption"], labelHeader: context["statisticsIssue"],
                              entries: issues, context: context, number: number),
        ]
    }
}
