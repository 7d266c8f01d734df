import Foundation

/// A page of meetings for a program (the read API): the search page's words and
/// filters (a `MeetingSearch`, whose own page position is not used), a status, an
/// order, a page size and where the page starts. Unlike the search page, which ranks
/// by relevance twenty at a time, it lists in a stable order that a program can page
/// through to the end: keyset pagination, never an offset.
public struct MeetingListQuery: Sendable, Equatable {
    /// The orders a list can be read in, by the value of the `sort` parameter.
    public enum Order: String, Sendable, CaseIterable {
        /// Latest start first (a withheld start last), then the highest id.
        case newestStart = "-startsAt"
        case oldestStart = "startsAt"
        /// Lowest id first: the order of the exports, the one to mirror by.
        case id = "id"
        case newestId = "-id"

        var byStart: Bool { self == .newestStart || self == .oldestStart }
        var descending: Bool { self == .newestStart || self == .newestId }
    }

    /// Where a page starts: after the meeting with this sort key, written in the
    /// page's `next` link as `2026-11-20T13:30:00Z_17` (the meeting's start as stored,
    /// `-` for a withheld one, and its id). The orders by id read only the id. A key
    /// is compared as stored text, so any key of the right characters is a position.
    public struct Cursor: Sendable, Equatable, CustomStringConvertible {
        /// The stored start ("" for a withheld one).
        public var startsAt: String
        public var id: Int64

        public var description: String {
            (startsAt.isEmpty ? "-" : startsAt) + "_" + String(id)
        }

        /// Reads a cursor; nil when the text is not one.
        public init?(_ text: String) {
            guard let separator = text.lastIndex(of: "_") else { return nil }
            let key = text[..<separator], number = text[text.index(after: separator)...]
            guard !key.isEmpty, key.count <= 20, key.allSatisfy({ $0.isASCII && ($0.isNumber || "-:TZ".contains($0)) }),
                  number.allSatisfy({ $0.isASCII && $0.isNumber }), let id = Int64(number), id > 0, String(id) == number else { return nil }
            self.init(startsAt: key == "-" ? "" : String(key), id: id)
        }

        init(startsAt: String, id: Int64) {
            self.startsAt = startsAt
            self.id = id
        }
    }

    public var search: MeetingSearch
    /// Published meetings, or the tombstones of withdrawn ones.
    public var status: MeetingStatus
    public var order: Order
    public var limit: Int
    public var after: Cursor?
    /// Set for a list that cannot hold anything (a `to` before its `from`).
    public var isEmpty = false

    public static let defaultLimit = 50
    public static let maxLimit = 500

    public init(search: MeetingSearch = MeetingSearch(), status: MeetingStatus = .published, order: Order = .newestStart,
                limit: Int = MeetingListQuery.defaultLimit, after: Cursor? = nil) {
        self.search = search
        self.status = status
        self.order = order
        self.limit = limit
        self.after = after
    }

}

/// One page of a `MeetingListQuery`: the meetings and where the next page starts.
public struct MeetingListPage: Sendable, Equatable {
    public var meetings: [PublicMeeting]
    /// Nil on the last page.
    public var next: MeetingListQuery.Cursor?
}
