import Foundation

/// Which meetings to list or export: a date range on the meeting's start, an
/// official, an organisation (as counterpart or as the client represented), an
/// issue, a status, a publication month, and words to search for.
public struct MeetingFilter: Sendable, Equatable {
    public var from: Date?
    public var to: Date?
    public var official: Int64?
    public var organisation: Int64?
    public var issue: Int64?
    public var status: MeetingStatus?
    public var month: ArchiveMonth?
    public var text: String?
    public var limit: Int?

    public init(from: Date? = nil, to: Date? = nil, official: Int64? = nil, organisation: Int64? = nil, issue: Int64? = nil,
                status: MeetingStatus? = nil, month: ArchiveMonth? = nil, text: String? = nil, limit: Int? = nil) {
        self.from = from
        self.to = to
        self.official = official
        self.organisation = organisation
        self.issue = issue
        self.status = status
        self.month = month
        self.text = text
        self.limit = limit
    }

    public static let all = MeetingFilter()
}

/// The order public meetings are read in.
public enum MeetingOrder: Sendable {
    /// By id: the stable order of exports.
    case id
    /// Newest publication first: the order of feeds.
    case newestPublished
    /// Latest meeting start first: the order of listings.
    case newestStart
}
