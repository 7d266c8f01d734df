import Publishing
import RegisterCore

/// The statistics page's filter form: the search's parameters as fields, each showing
/// the value in use. The organisation has no list (a register may hold thousands); a
/// filter on one, reached from the table of organisations, is kept as a hidden field.
struct StatisticsForm: Sendable {
    struct Option: Sendable {
        let value: String
        let text: String
        let selected: Bool
    }

    struct Select: Sendable {
        let name: String
        let label: String
        let options: [Option]
    }

    let action = SiteURL.statistics.path
    let from: String
    let to: String
    let selects: [Select]
    let organisation: String?

    init(filter: StatisticsFilter, names: StatisticsNames, context: PageContext) {
        from = filter.from?.description ?? ""
        to = filter.to?.description ?? ""
        organisation = filter.organisation.map(String.init)
        func select(_ name: String, _ label: String, _ choices: [(String, String)], _ chosen: String?) -> Select {
            Select(name: name, label: context[label], options: [Option(value: "", text: context["statisticsAny"], selected: chosen == nil)]
                   + choices.map { Option(value: $0.0, text: $0.1, selected: $0.0 == chosen) })
        }
        selects = [
            select("direction", "statisticsDirection", MeetingDirection.allCases.map { ($0.rawValue, context[StatisticsView.directionKey($0)]) },
                   filter.direction?.rawValue),
            select("format", "statisticsFormat", MeetingFormat.allCases.map { ($0.rawValue, context.strings.format($0)) }, filter.format?.rawValue),
            select("kind", "statisticsKind", OrganisationKind.allCases.map { ($0.rawValue, context[StatisticsView.kindKey($0)]) },
                   filter.organisationKind?.rawValue),
            select("unit", "statisticsUnit", names.units.map { (String($0.id), $0.name) }, filter.unit.map(String.init)),
            select("official", "statisticsOfficial", names.officials.map { (String($0.id), $0.name) }, filter.official.map(String.init)),
            select("issue", "statisticsIssue", names.issues.map { (String($0.id), $0.title) }, filter.issue.map(String.init)),
        ]
    }
}
