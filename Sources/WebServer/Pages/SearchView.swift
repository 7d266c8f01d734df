import Publishing
import RegisterCore

/// The search page's view: the form (which works without JavaScript: a GET of the
/// same URL), the active filters as removable chips, one page of results, the counts
/// per filter value as links, and the page links.
struct SearchView: PageView {
    static let template = "search"

    let title: String
    let heading: String
    let action = SiteURL.meetings(query: nil).path
    let text: String
    let from: String
    let to: String
    let selects: [Select]
    /// The filters the form has no control for (official, organisation, issue, unit), kept when it is sent again.
    let kept: [Field]
    let chips: [Chip]
    let hasChips: Bool
    let count: String
    let order: String
    let results: [Result]
    let hasResults: Bool
    let widen: [PageLink]
    let hasWiden: Bool
    let facets: [Facet]
    let hasFacets: Bool
    let sampledNote: String?
    let next: String?
    let first: String?
    let hasPages: Bool

    struct Field: Sendable {
        let name: String
        let value: String
    }

    /// A choice among fixed values (direction, format, kind of organisation).
    struct Select: Sendable {
        let id: String
        let name: String
        let label: String
        let options: [Option]
    }

    struct Option: Sendable {
        let value: String
        let text: String
        let selected: Bool
    }

    /// An active word or filter, and the link to the same search without it.
    struct Chip: Sendable {
        let text: String
        let removeHref: String
        let removeLabel: String
    }

    struct Result: Sendable {
        let item: MeetingListItem
        let counterparts: String?
        let snippet: [SnippetPart]
        let hasSnippet: Bool
    }

    struct SnippetPart: Sendable {
        let text: String
        let match: Bool
    }

    struct Facet: Sendable {
        let id: String
        let heading: String
        let values: [FacetValue]
    }

    struct FacetValue: Sendable {
        let text: String
        let count: String
        let href: String
        let selected: Bool
    }

    init(search: MeetingSearch, result: MeetingSearchResult, catalogue: CatalogueIndex, context: PageContext) {
        let words = SearchWords(context)
        heading = context["searchTitle"]
        title = search.text.map { context.strings.format("searchTitleWithWords", $0) } ?? heading
        text = search.text ?? ""
        from = search.from?.description ?? ""
        to = search.to?.description ?? ""
        selects = [MeetingSearch.Parameter.direction, .format, .kind].map { parameter in
            Select(id: "search-\(parameter.rawValue)", name: parameter.rawValue, label: words.label(parameter),
                   options: [Option(value: "", text: context["searchAny"], selected: search.value(of: parameter) == nil)]
                       + words.choices(parameter).map { Option(value: $0, text: words.value($0, of: parameter),
                                                               selected: search.value(of: parameter) == $0) })
        }
        kept = [MeetingSearch.Parameter.official, .organisation, .issue, .unit].compactMap { parameter in
            search.value(of: parameter).map { Field(name: parameter.rawValue, value: $0) }
        }
        chips = search.narrowing.map { parameter in
            let value = search.value(of: parameter) ?? ""
            let shown = result.names[parameter] ?? words.value(value, of: parameter)
            let text = "\(words.label(parameter)): \(shown)"
            return Chip(text: text, removeHref: Self.href(search.removing(parameter)),
                        removeLabel: context.strings.format("searchRemove", text))
        }
        hasChips = !chips.isEmpty
        let number = words.number(result.total)
        count = result.totalIsAtLeast ? context.strings.format("searchCountAtLeast", number)
            : result.total == 1 ? context["searchCountOne"] : context.strings.format("searchCount", number)
        order = search.isRanked ? context["searchRanked"] : context["searchNewest"]
        results = result.meetings.map { found in
            let names = (found.meeting.counterparts ?? []).flatMap { [$0.organisation, $0.onBehalfOf].compactMap { $0 } }
                .map(catalogue.organisationName)
            let parts = found.snippet?.parts.map { SnippetPart(text: $0.text, match: $0.isMatch) } ?? []
            return Result(item: MeetingListItem(found.meeting, catalogue: catalogue, context: context),
                          counterparts: names.isEmpty ? nil : names.joined(separator: ", "), snippet: parts, hasSnippet: !parts.isEmpty)
        }
        hasResults = !results.isEmpty
        widen = hasResults ? [] : search.narrowing.map { parameter in
            let shown = result.names[parameter] ?? words.value(search.value(of: parameter) ?? "", of: parameter)
            return PageLink(context.strings.format("searchWidenWithout", "\(words.label(parameter)): \(shown)"),
                            Self.href(search.removing(parameter)))
        }
        hasWiden = !widen.isEmpty
        facets = result.facets.compactMap { facet in
            guard !facet.values.isEmpty else { return nil }
            return Facet(id: "facet-\(facet.parameter.rawValue)", heading: words.label(facet.parameter), values: facet.values.map { value in
                var chosen = search.firstPage
                if !value.isSelected { chosen.set(facet.parameter, to: value.value) }
                return FacetValue(text: value.name ?? words.value(value.value, of: facet.parameter),
                                  count: words.number(value.count),
                                  href: Self.href(value.isSelected ? search.removing(facet.parameter) : chosen), selected: value.isSelected)
            })
        }
        hasFacets = !facets.isEmpty
        sampledNote = result.facets.contains(where: \.isSampled)
            ? context.strings.format("searchFacetsSampled", words.number(SearchFacet.sampleLimit)) : nil
        next = result.next.map { cursor in
            var following = search
            following.after = cursor
            return Self.href(following)
        }
        first = search.after == nil ? nil : Self.href(search.firstPage)
        hasPages = next != nil || first != nil
    }

    /// The URL of a search.
    static func href(_ search: MeetingSearch) -> String {
        let query = search.query
        return SiteURL.meetings(query: query.isEmpty ? nil : PageContext.encode(query)).path
    }
}

extension MeetingSearch {
    /// Sets a filter from a facet's value (which the search itself produced, so it parses).
    mutating func set(_ parameter: Parameter, to value: String) {
        var pairs = query.filter { $0.name != parameter.rawValue && $0.name != Parameter.after.rawValue }
        pairs.append((parameter.rawValue, value))
        if let search = try? MeetingSearch(query: pairs) { self = search }
    }
}

/// The page's words for the search's parameters and their fixed values.
struct SearchWords {
    let context: PageContext

    init(_ context: PageContext) {
        self.context = context
    }

    /// A count with the language's thousands separator: "10 000", "10,000".
    func number(_ value: Int) -> String {
        let digits = Array(String(value))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += context.strings.english ? "," : "\u{A0}" }
            out.append(digit)
        }
        return out
    }

    func label(_ parameter: MeetingSearch.Parameter) -> String {
        context["searchLabel_\(parameter.rawValue)"]
    }

    /// The values of a parameter with fixed choices, as the URL writes them.
    func choices(_ parameter: MeetingSearch.Parameter) -> [String] {
        switch parameter {
        case .direction: MeetingDirection.allCases.map(\.rawValue)
        case .format: MeetingFormat.allCases.map(\.rawValue)
        case .kind: OrganisationKind.allCases.map(\.rawValue)
        default: []
        }
    }

    /// How the page shows a parameter's value: a fixed choice in words, a day in
    /// running text, the words in quotes, anything else as it is.
    func value(_ value: String, of parameter: MeetingSearch.Parameter) -> String {
        switch parameter {
        case .direction, .format, .kind: context["searchValue_\(parameter.rawValue)_\(value)"]
        case .from, .to: Day(value).map(context.dates.text) ?? value
        case .text: "”\(value)”"
        default: value
        }
    }
}
