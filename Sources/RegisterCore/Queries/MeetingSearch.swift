import Foundation

/// A search of the published meetings, parsed and validated from a query string
/// (`q=vätgas&official=3&from=2026-01-01`): words to find (each a prefix, all
/// required), filters, and where the page starts. The names of the parameters are
/// those of the command line's filters; `MeetingSearch.Parameter` lists them.
/// Parameters it does not know (`lang`, a campaign tag) are ignored, so that a
/// shared link with something added still works; an empty value is no filter, so
/// that a form submitted with empty fields searches for everything.
public struct MeetingSearch: Sendable, Equatable {
    public var text: String?
    /// Meetings starting on or after this day (in the register's time zone).
    public var from: Day?
    /// Meetings starting on or before this day.
    public var to: Day?
    public var official: Int64?
    /// As counterpart or as the client a counterpart acted for.
    public var organisation: Int64?
    public var issue: Int64?
    /// The unit of one of our participating officials.
    public var unit: Int64?
    public var direction: MeetingDirection?
    public var format: MeetingFormat?
    /// The kind of one of the counterparts or clients.
    public var kind: OrganisationKind?
    /// Where the page starts: after this result of the previous page.
    public var after: SearchCursor?

    public static let pageSize = 20
    /// How many matches are ranked together (see `SearchCursor`).
    public static let rankedBlock = 200
    /// The longest query text accepted, in Unicode scalars.
    public static let maxTextLength = 200

    /// The query parameters, by name.
    public enum Parameter: String, Sendable, CaseIterable {
        case text = "q", from, to, official, organisation = "org", issue, unit, direction, format, kind, after
    }

    public init(text: String? = nil, from: Day? = nil, to: Day? = nil, official: Int64? = nil, organisation: Int64? = nil,
                issue: Int64? = nil, unit: Int64? = nil, direction: MeetingDirection? = nil, format: MeetingFormat? = nil,
                kind: OrganisationKind? = nil, after: SearchCursor? = nil) {
        self.text = text
        self.from = from
        self.to = to
        self.official = official
        self.organisation = organisation
        self.issue = issue
        self.unit = unit
        self.direction = direction
        self.format = format
        self.kind = kind
        self.after = after
    }

    /// Parses the name–value pairs of a query string (already percent-decoded). The
    /// first bad parameter is refused, by name: "from: 'x' is not a date like 2026-11-23".
    public init(query: [(name: String, value: String)]) throws(SearchParameterError) {
        self.init()
        var seen = Set<Parameter>()
        for (name, raw) in query {
            guard let parameter = Parameter(rawValue: name) else { continue }
            guard seen.insert(parameter).inserted else {
                throw SearchParameterError(parameter, value: raw, expected: .once)
            }
            let value = raw.trimmed
            if !value.isEmpty { try set(parameter, to: value) }
        }
        if let from, let to, to < from {
            throw SearchParameterError(.to, value: to.description, expected: .notBefore(from.description))
        }
    }

    private mutating func set(_ parameter: Parameter, to value: String) throws(SearchParameterError) {
        func id() throws(SearchParameterError) -> Int64 {
            guard value.allSatisfy({ $0.isASCII && $0.isNumber }), let id = Int64(value), id > 0, String(id) == value else {
                throw SearchParameterError(parameter, value: value, expected: .id)
            }
            return id
        }
        func choice<C: Choice>(_ type: C.Type) throws(SearchParameterError) -> C {
            guard let choice = C(rawValue: value) else {
                throw SearchParameterError(parameter, value: value, expected: .oneOf(C.allCases.map(\.rawValue)))
            }
            return choice
        }
        func day() throws(SearchParameterError) -> Day {
            guard let day = Day(value), day.description == value else { throw SearchParameterError(parameter, value: value, expected: .date) }
            return day
        }
        switch parameter {
        case .text:
            if value.unicodeScalars.count > Self.maxTextLength || value.unicodeScalars.contains("\0") {
                throw SearchParameterError(parameter, value: value, expected: .text(maxLength: Self.maxTextLength))
            }
            text = value
        case .from: from = try day()
        case .to: to = try day()
        case .official: official = try id()
        case .organisation: organisation = try id()
        case .issue: issue = try id()
        case .unit: unit = try id()
        case .direction: direction = try choice(MeetingDirection.self)
        case .format: format = try choice(MeetingFormat.self)
        case .kind: kind = try choice(OrganisationKind.self)
        case .after:
            guard let cursor = SearchCursor(value) else { throw SearchParameterError(parameter, value: value, expected: .cursor) }
            after = cursor
        }
    }

    /// The parameters of this search in a fixed order, each given one: the query of
    /// its URL, so that the same search always has the same URL.
    public var query: [(name: String, value: String)] {
        Parameter.allCases.compactMap { parameter in value(of: parameter).map { (parameter.rawValue, $0) } }
    }

    /// The value of one parameter as its URL writes it, nil when it is not given.
    public func value(of parameter: Parameter) -> String? {
        switch parameter {
        case .text: text
        case .from: from?.description
        case .to: to?.description
        case .official: official.map(String.init)
        case .organisation: organisation.map(String.init)
        case .issue: issue.map(String.init)
        case .unit: unit.map(String.init)
        case .direction: direction?.rawValue
        case .format: format?.rawValue
        case .kind: kind?.rawValue
        case .after: after?.description
        }
    }

    /// The words and filters given, in URL order (the page position is not one).
    public var narrowing: [Parameter] {
        Parameter.allCases.filter { $0 != .after && value(of: $0) != nil }
    }

    /// The same search without one of its words or filters, from its first page.
    public func removing(_ parameter: Parameter) -> MeetingSearch {
        var search = self
        switch parameter {
        case .text: search.text = nil
        case .from: search.from = nil
        case .to: search.to = nil
        case .official: search.official = nil
        case .organisation: search.organisation = nil
        case .issue: search.issue = nil
        case .unit: search.unit = nil
        case .direction: search.direction = nil
        case .format: search.format = nil
        case .kind: search.kind = nil
        case .after: break
        }
        search.after = nil
        return search
    }

    /// The search from its first page.
    public var firstPage: MeetingSearch {
        var search = self
        search.after = nil
        return search
    }

    /// Whether the words of `text` are searched for (text of only punctuation is none).
    public var isRanked: Bool {
        text.flatMap(SearchIndex.query) != nil
    }
}

/// Where a page of search results starts: the sort key of the last result of the
/// page before (keyset pagination, never an offset), so that a page does not shift
/// when meetings are added. Results without words are ordered by start (a withheld
/// start last), then id. Results with words are ranked by bm25 in blocks: the
/// `MeetingSearch.rankedBlock` most recently recorded matches, then the block before
/// them, and so on, so that ranking costs the same however many meetings match; a
/// block is fixed by its lowest id (`floor`) and the block after it (`ceiling`), so
/// meetings added while someone pages through join no block they have passed.
public enum SearchCursor: Sendable, Equatable, CustomStringConvertible {
    case ranked(rank: Double, id: Int64, floor: Int64, ceiling: Int64?)
    /// The start of the block of matches below `ceiling`.
    case block(ceiling: Int64)
    /// `startsAt` is nil for a meeting whose start is withheld.
    case newest(startsAt: String?, id: Int64)

    /// As the URL writes it: `r-4.25_17_3_-`, `b3`, or `2026-11-20T13:30:00Z_17` (`-_17` for a withheld start).
    public var description: String {
        switch self {
        case .ranked(let rank, let id, let floor, let ceiling): "r\(rank)_\(id)_\(floor)_\(ceiling.map(String.init) ?? "-")"
        case .block(let ceiling): "b\(ceiling)"
        case .newest(let startsAt, let id): "\(startsAt ?? "-")_\(id)"
        }
    }

    public init?(_ text: String) {
        func number(_ part: Substring, minimum: Int64 = 1) -> Int64? {
            guard part.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int64(part), value >= minimum else { return nil }
            return value
        }
        let parts = text.split(separator: "_", omittingEmptySubsequences: false)
        if text.first == "b", let ceiling = number(text.dropFirst()) {
            self = .block(ceiling: ceiling)
        } else if text.first == "r", parts.count == 4, let rank = Double(parts[0].dropFirst()), rank.isFinite,
                  let id = number(parts[1]), let floor = number(parts[2], minimum: 0) {
            if parts[3] == "-" {
                self = .ranked(rank: rank, id: id, floor: floor, ceiling: nil)
            } else if let ceiling = number(parts[3]) {
                self = .ranked(rank: rank, id: id, floor: floor, ceiling: ceiling)
            } else {
                return nil
            }
        } else if parts.count == 2, let id = number(parts[1]) {
            if parts[0] == "-" {
                self = .newest(startsAt: nil, id: id)
            } else if let date = Timestamp.parse(String(parts[0])), Timestamp.format(date) == parts[0] {
                self = .newest(startsAt: String(parts[0]), id: id)
            } else {
                return nil
            }
        } else {
            return nil
        }
    }

    /// Whether this cursor belongs to ranked results.
    var isRanked: Bool {
        if case .newest = self { return false }
        return true
    }
}

/// A search parameter whose value cannot be used: which parameter, the value given
/// and what was expected, for a page to say in its own language (`description` says
/// it in English, as the command line does).
public struct SearchParameterError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Expected: Sendable, Equatable {
        /// A day written YYYY-MM-DD.
        case date
        /// A record's id: a whole number, 1 or more.
        case id
        case oneOf([String])
        /// The parameter only once.
        case once
        /// Text of at most this many Unicode scalars, without U+0000.
        case text(maxLength: Int)
        /// A day not before this one (the search's `from`).
        case notBefore(String)
        /// A cursor from a page link of the same search.
        case cursor
        /// The id of an existing record of this kind ("official", "organisation", "issue", "unit").
        case record(String)
    }

    public var parameter: MeetingSearch.Parameter
    public var value: String
    public var expected: Expected

    public init(_ parameter: MeetingSearch.Parameter, value: String, expected: Expected) {
        self.parameter = parameter
        self.value = value
        self.expected = expected
    }

    public var description: String {
        let quoted = ValidationError.quote(value)
        let problem = switch expected {
        case .date: "\(quoted) is not a date like 2026-11-23"
        case .id: "\(quoted) is not an id (a whole number, 1 or more, without leading zeros)"
        case .oneOf(let names): "\(quoted) is not one of \(names.joined(separator: ", "))"
        case .once: "is given more than once; give it once"
        case .text(let maxLength): "\(quoted) is longer than \(maxLength) characters or holds U+0000"
        case .notBefore(let from): "\(quoted) is before from (\(from))"
        case .cursor: "\(quoted) is not a position in these results; follow the page links"
        case .record(let noun): "there is no \(noun) with id \(value)"
        }
        return "\(parameter.rawValue): \(problem)"
    }
}
