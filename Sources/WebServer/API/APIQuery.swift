import Hummingbird
import Publishing
import RegisterCore

/// The query parameters of an API request, read strictly: a program that misspells a
/// parameter is told so rather than given everything. A parameter the resource does
/// not take, one given twice or empty, a value that is not valid percent-encoding or a query
/// longer than `maxLength` is refused with a problem naming the parameter.
struct APIQuery: Sendable {
    let pairs: [(name: String, value: String)]

    /// The longest query string accepted, in bytes as sent.
    static let maxLength = 2048

    init(_ request: Request, allowed: Set<String>) throws(ProblemDetails) {
        let raw = request.uri.query ?? ""
        guard raw.utf8.count <= Self.maxLength else {
            throw ProblemDetails(status: .badRequest, title: "Query too long",
                                 detail: "The query string is \(raw.utf8.count) bytes; at most \(Self.maxLength) are accepted.")
        }
        var pairs: [(name: String, value: String)] = []
        var seen = Set<String>()
        for pair in QueryParameters(query: raw).pairs {
            guard allowed.contains(pair.name) else {
                throw .badParameter(pair.name, "\(pair.name): is not a parameter of this resource; it takes \(allowed.sorted().joined(separator: ", ")).")
            }
            guard let value = pair.value else {
                throw .badParameter(pair.name, "\(pair.name): the value is not valid percent-encoding.")
            }
            guard !value.isEmpty else {
                throw .badParameter(pair.name, "\(pair.name): is empty; leave it out or give it a value.")
            }
            guard seen.insert(pair.name).inserted else {
                throw .badParameter(pair.name, "\(pair.name): is given more than once; give it once.")
            }
            pairs.append((pair.name, value))
        }
        self.pairs = pairs
    }

    func value(_ name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    /// A whole number from `range`, nil when absent.
    func integer(_ name: String, in range: ClosedRange<Int64>) throws(ProblemDetails) -> Int64? {
        guard let text = value(name) else { return nil }
        guard let number = Int64(text), String(number) == text, range.contains(number) else {
            throw .badParameter(name, "\(name): \(ValidationError.quote(text)) is not a whole number from \(range.lowerBound) to \(range.upperBound).")
        }
        return number
    }

    /// One of `allowed`, nil when absent.
    func choice(_ name: String, in allowed: [String]) throws(ProblemDetails) -> String? {
        guard let text = value(name) else { return nil }
        guard allowed.contains(text) else {
            throw .badParameter(name, "\(name): \(ValidationError.quote(text)) is not one of \(allowed.joined(separator: ", ")).")
        }
        return text
    }
}

/// The parameters of the meeting lists: the search page's filters and words (read by
/// `MeetingSearch`, so they mean what they mean there), and the list's own `status`,
/// `sort`, `limit` and `cursor`.
enum MeetingListParameters {
    static let filters = MeetingSearch.Parameter.allCases.filter { $0 != .after }.map(\.rawValue)
    static let paging = ["sort", "limit", "cursor"]
    static let all = Set(filters + paging + ["status"])
    static let statuses = [MeetingStatus.published.rawValue, MeetingStatus.withdrawn.rawValue]

    /// The list a request of `/api/v1/meetings` asks for. A `to` before `from` is a
    /// range no meeting starts in: an empty list, as any other search that finds nothing.
    static func query(_ request: Request) throws -> MeetingListQuery {
        let query = try APIQuery(request, allowed: all)
        var pairs = query.pairs.filter { filters.contains($0.name) }
        var isEmpty = false
        if let from = query.value("from").flatMap(Day.init), let to = query.value("to").flatMap(Day.init), to < from {
            pairs.removeAll { $0.name == "to" }
            isEmpty = true
        }
        var list = try paging(query, search: try MeetingSearch(query: pairs))
        list.isEmpty = isEmpty
        if let status = try query.choice("status", in: statuses) { list.status = MeetingStatus(rawValue: status)! }
        return list
    }

    /// The list of one record's meetings (`/api/v1/issues/3`): `search` names the record; only the paging parameters are taken.
    static func query(_ request: Request, search: MeetingSearch) throws -> MeetingListQuery {
        try paging(try APIQuery(request, allowed: Set(paging)), search: search)
    }

    private static func paging(_ query: APIQuery, search: MeetingSearch) throws(ProblemDetails) -> MeetingListQuery {
        var list = MeetingListQuery(search: search)
        if let sort = try query.choice("sort", in: MeetingListQuery.Order.allCases.map(\.rawValue)) {
            list.order = MeetingListQuery.Order(rawValue: sort)!
        }
        if let limit = try query.integer("limit", in: 1...Int64(MeetingListQuery.maxLimit)) { list.limit = Int(limit) }
        if let text = query.value("cursor") {
            guard let cursor = MeetingListQuery.Cursor(text) else {
                throw .badParameter("cursor", "cursor: \(ValidationError.quote(text)) is not a position in a list; follow the next link.")
            }
            list.after = cursor
        }
        return list
    }

    /// The parameters of `list` as its URL writes them, in a fixed order; the cursor
    /// is `after`'s (the next page's) when given.
    static func encoded(_ list: MeetingListQuery, after: MeetingListQuery.Cursor?) -> String {
        var pairs = list.search.query.filter { $0.name != MeetingSearch.Parameter.after.rawValue }
        if list.status != .published { pairs.append(("status", list.status.rawValue)) }
        if list.order != .newestStart { pairs.append(("sort", list.order.rawValue)) }
        if list.limit != MeetingListQuery.defaultLimit { pairs.append(("limit", String(list.limit))) }
        if let after { pairs.append(("cursor", after.description)) }
        return PageContext.encode(pairs)
    }
}
