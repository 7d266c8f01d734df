import Foundation

/// Every URL of the public site, in one table: the router registers its routes from
/// `routePattern`, and every link (pages, feeds, exports, push bodies) is made from
/// `path` or `url(base:)`, so a link and its route cannot drift apart.
public enum SiteURL: Sendable, Hashable {
    case home
    case meeting(Int64)
    /// The meeting search; `query` is the encoded query string without "?", or nil.
    case meetings(query: String?)
    case issue(Int64)
    case official(Int64)
    case organisation(Int64)
    case unit(Int64)
    case statistics
    case openData
    case ledgerHashing
    /// The same document as its Markdown source.
    case ledgerHashingSource
    case about
    case accessibility
    case feed(FeedSubject)
    case archive(Int64)
    case feedStylesheet
    case schema(String)
    case asset(String)
    case download(Download)
    case health
    case signIn
    case signOut
    /// The page where a person sets their password, from a one-time link.
    case setPassword(String)
    /// A signed-in official's meetings: drafts, due and overdue, the latest published.
    case myMeetings
    /// The form that logs a new meeting.
    case newMeeting
    /// A draft's form: GET shows it, POST saves or publishes it.
    case editDraft(Int64)
    /// The upload of a calendar invitation, which records a draft.
    case fromCalendar
    /// The form that corrects a published meeting, with a reason and a preview.
    case correctMeeting(Int64)
    /// The form that withdraws a published meeting, with a reason.
    case withdrawMeeting(Int64)
    /// The registrar's queue of meetings waiting for review.
    case reviewQueue
    /// The auditors' and the registrar's compliance report.
    case compliance
    /// The registrar's pages: their start, and a queued draft's decision (approve or return).
    case registrar
    case reviewDecision(Int64)
    /// A catalogue kind's list and add form (`units`, `officials`, `organisations`, `issues`), and one entry's form.
    case registrarCatalogue(String)
    case registrarCatalogueEntry(String, Int64)
    /// The list of legal grounds, and one ground's form.
    case registrarGrounds
    case registrarGround(Int64)
    /// Accounts and API tokens, and the actions on one.
    case registrarAccounts
    case registrarAccount(Int64)
    case registrarTokens
    case registrarToken(Int64)
    /// Push endpoints with their status, and the actions on one (retry, resume).
    case registrarEndpoints
    case registrarEndpoint(Int64)
    /// The auditor's pages (`/audit/`): the index, the compliance report and its
    /// downloads, a meeting in full with its history, the auditor's ledger, its
    /// verification, the access log.
    case audit
    case complianceCSV
    case complianceJSON
    case auditMeeting(Int64)
    case auditLedger
    case auditVerify
    case auditAccessLog

    /// A file of the open-data downloads.
    public enum Download: String, Sendable, Hashable, CaseIterable {
        case registerJSON = "register.json"
        case changes = "changes.jsonl"
        case ledger = "ledger.jsonl"
        case unitsCSV = "units.csv"
        case officialsCSV = "officials.csv"
        case organisationsCSV = "organisations.csv"
        case issuesCSV = "issues.csv"
        case meetingsCSV = "meetings.csv"
    }

    /// The path from the site's root, beginning with "/": "/meetings/42".
    public var path: String {
        switch self {
        case .home: "/"
        case .meeting(let id): "/meetings/\(id)"
        case .meetings(let query): "/meetings" + (query.map { $0.isEmpty ? "" : "?" + $0 } ?? "")
        case .issue(let id): "/issues/\(id)"
        case .official(let id): "/officials/\(id)"
        case .organisation(let id): "/organisations/\(id)"
        case .unit(let id): "/units/\(id)"
        case .statistics: "/statistics"
        case .openData: "/open-data"
        case .ledgerHashing: "/open-data/ledger-hashing"
        case .ledgerHashingSource: "/open-data/ledger-hashing.md"
        case .about: "/about"
        case .accessibility: "/accessibility"
        case .feed(let subject): Self.feedPrefix + Self.feedPath(subject)
        case .archive(let page): Self.feedPrefix + "archive/\(page).atom"
        case .feedStylesheet: Self.feedPrefix + "feed.xsl"
        case .schema(let name): "/schema/\(name)"
        case .asset(let name): "/assets/\(name)"
        case .download(let download): "/data/\(download.rawValue)"
        case .health: "/healthz"
        case .signIn: "/sign-in"
        case .signOut: "/sign-out"
        case .setPassword(let secret): "/set-password/\(secret)"
        case .myMeetings: "/my/meetings"
        case .newMeeting: "/my/meetings/new"
        case .editDraft(let id): "/my/meetings/\(id)"
        case .fromCalendar: "/my/meetings/from-calendar"
        case .correctMeeting(let id): "/my/meetings/\(id)/correction"
        case .withdrawMeeting(let id): "/my/meetings/\(id)/withdrawal"
        case .reviewQueue: "/registrar/review"
        case .compliance: "/audit/compliance"
        case .registrar: "/registrar"
        case .reviewDecision(let id): "/registrar/review/\(id)"
        case .registrarCatalogue(let kind): "/registrar/catalogue/\(kind)"
        case .registrarCatalogueEntry(let kind, let id): "/registrar/catalogue/\(kind)/\(id)"
        case .registrarGrounds: "/registrar/grounds"
        case .registrarGround(let id): "/registrar/grounds/\(id)"
        case .registrarAccounts: "/registrar/accounts"
        case .registrarAccount(let id): "/registrar/accounts/\(id)"
        case .registrarTokens: "/registrar/tokens"
        case .registrarToken(let id): "/registrar/tokens/\(id)"
        case .registrarEndpoints: "/registrar/endpoints"
        case .registrarEndpoint(let id): "/registrar/endpoints/\(id)"
        case .audit: "/audit"
        case .complianceCSV: "/audit/compliance.csv"
        case .complianceJSON: "/audit/compliance.json"
        case .auditMeeting(let id): "/audit/meetings/\(id)"
        case .auditLedger: "/audit/ledger.jsonl"
        case .auditVerify: "/audit/verify"
        case .auditAccessLog: "/audit/access-log"
        }
    }

    /// The absolute URL under the register's base URL (which ends with "/").
    public func url(base: String) -> String {
        (base.hasSuffix("/") ? String(base.dropLast()) : base) + path
    }

    /// The pattern the router matches this kind of URL with: ids stand as ":id",
    /// names as ":name"; a feed, whose documents the feed set resolves, as "/feeds/**".
    public var routePattern: String {
        switch self {
        case .meeting: "/meetings/:id"
        case .meetings: "/meetings"
        case .issue: "/issues/:id"
        case .official: "/officials/:id"
        case .organisation: "/organisations/:id"
        case .unit: "/units/:id"
        case .feed, .archive: Self.feedPrefix + "**"
        case .schema: "/schema/:name"
        case .asset: "/assets/:name"
        case .download: "/data/:name"
        case .setPassword: "/set-password/:secret"
        case .editDraft: "/my/meetings/:id"
        case .correctMeeting: "/my/meetings/:id/correction"
        case .withdrawMeeting: "/my/meetings/:id/withdrawal"
        case .reviewDecision: "/registrar/review/:id"
        case .registrarCatalogue: "/registrar/catalogue/:kind"
        case .registrarCatalogueEntry: "/registrar/catalogue/:kind/:id"
        case .registrarGround: "/registrar/grounds/:id"
        case .registrarAccount: "/registrar/accounts/:id"
        case .registrarToken: "/registrar/tokens/:id"
        case .registrarEndpoint: "/registrar/endpoints/:id"
        case .auditMeeting: "/audit/meetings/:id"
        default: path
        }
    }

    /// The sign-in page that, once signed in, goes on to `path` (a path of this site).
    public static func signIn(returningTo path: String) -> String {
        SiteURL.signIn.path + "?return=" + (path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
    }

    /// The pattern of a kind of URL that takes an id: `SiteURL.pattern(SiteURL.meeting)`.
    public static func pattern(_ kind: (Int64) -> SiteURL) -> String {
        kind(1).routePattern
    }

    /// The pattern of a kind of URL that takes a name.
    public static func pattern(_ kind: (String) -> SiteURL) -> String {
        kind("x").routePattern
    }

    static let feedPrefix = "/feeds/"

    /// A feed document's path relative to the feed root: "issues/3.atom".
    static func feedPath(_ subject: FeedSubject) -> String {
        switch subject {
        case .all: "meetings.atom"
        case .issue(let id): "issues/\(id).atom"
        case .official(let id): "officials/\(id).atom"
        case .organisation(let id): "organisations/\(id).atom"
        }
    }

    /// The page that shows what a feed holds.
    public static func page(_ subject: FeedSubject) -> SiteURL {
        switch subject {
        case .all: .meetings(query: nil)
        case .issue(let id): .issue(id)
        case .official(let id): .official(id)
        case .organisation(let id): .organisation(id)
        }
    }
}
