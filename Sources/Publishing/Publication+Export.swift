import RegisterCore

extension Publication {
    /// Where the web server serves the JSON Schemas kept in `Data/schema/`.
    public var registerSchemaURL: String { baseURL + "schema/register.schema.json" }
    public var changeSchemaURL: String { baseURL + "schema/change.schema.json" }

    /// The RFC 6570 URI template of a kind of feed (`{id}` for a record's id, `{month}`
    /// for an archive's YYYY-MM), derived from `feedURL` so that the export cannot
    /// describe a URL layout other than the one the feeds are published at.
    public func feedURLTemplate(_ kind: FeedKind) -> String {
        let (url, sentinel, variable): (String, String, String)
        switch kind {
        case .archive:
            url = feedURL(.all, month: ArchiveMonth(year: 9999, month: 12))
            (sentinel, variable) = ("9999-12", "{month}")
        case .issue, .official, .organisation:
            let subject: FeedSubject = kind == .issue ? .issue(.max) : kind == .official ? .official(.max) : .organisation(.max)
            url = feedURL(subject)
            (sentinel, variable) = (String(Int64.max), "{id}")
        }
        return feedRoot + url.dropFirst(feedRoot.count).replacingOccurrences(of: sentinel, with: variable)
    }

    /// The kinds of feed a URI template can name.
    public enum FeedKind: Sendable {
        case archive, issue, official, organisation
    }
}
