import RegisterCore

extension Publication {
    /// Where the web server serves the JSON Schemas kept in `Data/schema/`.
    public var registerSchemaURL: String { url(.schema("register.schema.json")) }
    public var changeSchemaURL: String { url(.schema("change.schema.json")) }

    /// The RFC 6570 URI template of a kind of feed (`{id}` for a record's id, `{page}`
    /// for an archive page's number), derived from `feedURL` and `archiveURL` so that the
    /// export cannot describe a URL layout other than the one the feeds are published at.
    public func feedURLTemplate(_ kind: FeedKind) -> String {
        let url: String, variable: String
        switch kind {
        case .archive: (url, variable) = (archiveURL(.max), "{page}")
        case .issue: (url, variable) = (feedURL(.issue(.max)), "{id}")
        case .official: (url, variable) = (feedURL(.official(.max)), "{id}")
        case .organisation: (url, variable) = (feedURL(.organisation(.max)), "{id}")
        }
        return feedRoot + url.dropFirst(feedRoot.count).replacingOccurrences(of: String(Int64.max), with: variable)
    }

    /// The kinds of feed a URI template can name.
    public enum FeedKind: Sendable {
        case archive, issue, official, organisation
    }
}
