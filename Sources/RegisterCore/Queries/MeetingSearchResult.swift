/// One page of a search's results, with the counts of each filter's values.
public struct MeetingSearchResult: Sendable, Equatable {
    public var meetings: [FoundMeeting]
    /// How many meetings match, counted up to `MeetingSearchResult.countLimit`.
    public var total: Int
    /// Whether more than `total` meetings match (the count stopped at its limit).
    public var totalIsAtLeast: Bool
    public var facets: [SearchFacet]
    /// The next page's start, nil on the last page.
    public var next: SearchCursor?
    /// The names of the catalogue records the search's filters name, by parameter
    /// (an official's name, an organisation's, an issue's title, a unit's name).
    public var names: [MeetingSearch.Parameter: String]

    /// How far the total is counted.
    public static let countLimit = 10_000
}

/// A meeting found, with the passage that matched the search's words.
public struct FoundMeeting: Sendable, Equatable {
    public var meeting: PublicMeeting
    /// Nil when the search has no words.
    public var snippet: SearchSnippet?
}

/// A short passage of a meeting's public text, in parts that did or did not match
/// the search's words. It is plain text: whoever shows it escapes each part for its
/// format and marks the matches there, so no indexed text can become markup.
public struct SearchSnippet: Sendable, Equatable {
    public struct Part: Sendable, Equatable {
        public var text: String
        public var isMatch: Bool

        public init(text: String, isMatch: Bool) {
            self.text = text
            self.isMatch = isMatch
        }
    }

    public var parts: [Part]

    public init(parts: [Part]) {
        self.parts = parts
    }

    /// The passage as one string, without the marks.
    public var text: String { parts.map(\.text).joined() }

    /// Splits text in which FTS5's `snippet()` put `open` before and `close` after each match.
    init(marked: String, open: String, close: String) {
        var parts: [Part] = []
        var rest = Substring(marked)
        while let start = rest.range(of: open) {
            if start.lowerBound > rest.startIndex { parts.append(Part(text: String(rest[..<start.lowerBound]), isMatch: false)) }
            rest = rest[start.upperBound...]
            let end = rest.range(of: close) ?? rest.endIndex..<rest.endIndex
            parts.append(Part(text: String(rest[..<end.lowerBound]), isMatch: true))
            rest = rest[end.upperBound...]
        }
        if !rest.isEmpty { parts.append(Part(text: String(rest), isMatch: false)) }
        self.parts = parts
    }
}

/// The counts of one filter's values among the meetings that match the search's
/// other words and filters: how many results choosing each value would give.
public struct SearchFacet: Sendable, Equatable {
    public struct Value: Sendable, Equatable {
        /// As the filter's parameter takes it: an id, or a name such as "inbound".
        public var value: String
        /// The catalogue record's name for an id; nil for a fixed choice (the page names those).
        public var name: String?
        public var count: Int
        /// Whether the search already filters on this value.
        public var isSelected: Bool
    }

    public var parameter: MeetingSearch.Parameter
    public var values: [Value]
    /// When the meetings to count were more than `SearchFacet.sampleLimit`, the
    /// counts are of the latest `sampleLimit` of them, and this is true.
    public var isSampled: Bool

    /// The parameters that have facets, in the order a page shows them.
    public static let parameters: [MeetingSearch.Parameter] = [.direction, .format, .kind, .official, .unit, .organisation, .issue]
    /// How many values of one filter are listed, the most frequent first.
    public static let valueLimit = 10
    /// How many meetings at most the counts are taken over.
    public static let sampleLimit = 2_000
}
