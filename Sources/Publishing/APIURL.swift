/// Every URL of the open-data interface for programs, in one table like `SiteURL`:
/// the read API under `/api/v1/`, its OpenAPI description and its page, and the
/// DCAT-AP-SE catalogue. The router registers its routes from `routePattern`, and
/// every link (the API's own `next` links, the pages' and the feeds' links to the
/// JSON of what they show, the catalogue) is made from `path`.
public enum APIURL: Sendable, Hashable {
    /// The register's name, ledger head and counts.
    case head
    /// Meetings; `query` is the encoded query string without "?", or nil.
    case meetings(query: String?)
    case meeting(Int64)
    case issues
    case issue(Int64)
    case officials
    case official(Int64)
    case organisations
    case organisation(Int64)
    case units
    case unit(Int64)
    /// The public changes after a ledger position, as JSON Lines.
    case changes(since: Int64?)
    /// The OpenAPI 3.1 document.
    case openAPI
    /// The API's description as a page.
    case documentation
    /// The DCAT-AP-SE catalogue.
    case catalogue

    public static let prefix = "/api/v1"

    public var path: String {
        switch self {
        case .head: Self.prefix + "/head"
        case .meetings(let query): Self.prefix + "/meetings" + (query.map { $0.isEmpty ? "" : "?" + $0 } ?? "")
        case .meeting(let id): Self.prefix + "/meetings/\(id)"
        case .issues: Self.prefix + "/issues"
        case .issue(let id): Self.prefix + "/issues/\(id)"
        case .officials: Self.prefix + "/officials"
        case .official(let id): Self.prefix + "/officials/\(id)"
        case .organisations: Self.prefix + "/organisations"
        case .organisation(let id): Self.prefix + "/organisations/\(id)"
        case .units: Self.prefix + "/units"
        case .unit(let id): Self.prefix + "/units/\(id)"
        case .changes(let since): Self.prefix + "/changes" + (since.map { "?since=\($0)" } ?? "")
        case .openAPI: "/openapi.json"
        case .documentation: "/open-data/api"
        case .catalogue: "/datasets/dcat"
        }
    }

    /// The absolute URL under the register's base URL.
    public func url(base: String) -> String {
        (base.hasSuffix("/") ? String(base.dropLast()) : base) + path
    }

    /// The router's pattern: ids stand as ":id" (as in OpenAPI's `{id}`, see `openAPIPath`).
    public var routePattern: String {
        switch self {
        case .meetings: Self.prefix + "/meetings"
        case .meeting: Self.prefix + "/meetings/:id"
        case .issue: Self.prefix + "/issues/:id"
        case .official: Self.prefix + "/officials/:id"
        case .organisation: Self.prefix + "/organisations/:id"
        case .unit: Self.prefix + "/units/:id"
        case .changes: Self.prefix + "/changes"
        default: path
        }
    }

    /// The pattern of a kind of URL that takes an id: `APIURL.pattern(APIURL.meeting)`.
    public static func pattern(_ kind: (Int64) -> APIURL) -> String {
        kind(1).routePattern
    }

    /// The JSON twin of a page of the site: the API resource that holds what the page
    /// at `path` shows, with the page's search parameters (`query`, already encoded,
    /// without the page's own `lang` and `after`); nil for a page that has none.
    public static func twin(ofPage path: String, query: String) -> APIURL? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        if parts.isEmpty { return .head }
        if parts == ["meetings"] { return .meetings(query: query) }
        if parts == ["statistics"] { return .head }
        guard parts.count == 2, let id = Int64(parts[1]), id > 0, String(id) == parts[1] else { return nil }
        switch parts[0] {
        case "meetings": return .meeting(id)
        case "issues": return .issue(id)
        case "officials": return .official(id)
        case "organisations": return .organisation(id)
        case "units": return .unit(id)
        default: return nil
        }
    }
}

extension Publication {
    /// The absolute URL of a resource of the API.
    public func apiURL(_ resource: APIURL) -> String { resource.url(base: baseURL) }

    /// A meeting's JSON in the API.
    public func meetingJSON(_ id: Int64) -> String { apiURL(.meeting(id)) }
}
