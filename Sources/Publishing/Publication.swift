import Foundation
import RegisterCore

/// Where everything the register publishes lives and what it is called: the URL
/// layout and the tag URIs, derived once from the register's settings, so that the
/// static files, the server and push agree on every address and id.
public struct Publication: Sendable {
    public let settings: RegisterSettings

    public init(settings: RegisterSettings) {
        self.settings = settings
    }

    public var baseURL: String { settings.base }
    public var timeZone: TimeZone { settings.timeZone }
    public var language: String { settings.language }

    /// The tag URI (RFC 4151) that names a record for ever: `tag:authority,date:kind/id`.
    public func tag(_ kind: String, _ id: Int64) -> String {
        "tag:\(settings.tagAuthority),\(settings.tagDate):\(kind)/\(id)"
    }

    public func tag(_ kind: String, _ name: String) -> String {
        "tag:\(settings.tagAuthority),\(settings.tagDate):\(kind)/\(name)"
    }

    /// The absolute URL of a place on the site (see `SiteURL`).
    public func url(_ place: SiteURL) -> String { place.url(base: baseURL) }

    /// The web page of a meeting (served by the public web pages).
    public func meetingPage(_ id: Int64) -> String { url(.meeting(id)) }
    public func page(_ kind: FeedSubject) -> String { url(SiteURL.page(kind)) }

    /// A feed document's path relative to the feed root (Feeds/ or /feeds/ on the server).
    public func feedPath(_ subject: FeedSubject) -> String { SiteURL.feedPath(subject) }

    /// The path of archive page `page` (1, 2, 3…) relative to the feed root.
    public func archivePath(_ page: Int64) -> String { String(SiteURL.archive(page).path.dropFirst(SiteURL.feedPrefix.count)) }

    public var feedRoot: String { url(.home) + SiteURL.feedPrefix.dropFirst() }
    public func feedURL(_ subject: FeedSubject) -> String { url(.feed(subject)) }
    public func archiveURL(_ page: Int64) -> String { url(.archive(page)) }

    /// The id a push receiver deduplicates by: the same for every retry of one change.
    public func messageId(_ change: PublicChange) -> String {
        "msg_\(change.sequence)_\(change.hash.prefix(16))"
    }
}

/// What a feed is about: every meeting, or those of one issue, official or organisation.
public enum FeedSubject: Sendable, Hashable {
    case all
    case issue(Int64)
    case official(Int64)
    case organisation(Int64)

    public var filter: MeetingFilter {
        switch self {
        case .all: MeetingFilter()
        case .issue(let id): MeetingFilter(issue: id)
        case .official(let id): MeetingFilter(official: id)
        case .organisation(let id): MeetingFilter(organisation: id)
        }
    }
}
