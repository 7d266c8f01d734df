import Foundation
import RegisterCore

/// Every Atom document the register publishes, rendered from one read of the
/// register: the main feed, the archive pages, and the feeds per issue, official and
/// organisation. `insyn publish` writes them all to Feeds/; the server renders the one
/// asked for with the same code.
///
/// Every public change of a meeting (publication, correction, release, withdrawal,
/// any later kind) is a new version of its entry. The public meeting changes are
/// numbered 1, 2, 3… in ledger order; archive page N holds changes
/// (N−1)·`pageSize`+1 … N·`pageSize` and exists once it is full, after which nothing
/// changes it. The main feed holds every change after the newest full page, and older
/// ones until it has at least `mainFeedMinimum` meetings (see `FeedLayout`). In every document a meeting
/// appears once, as its latest version there: an entry, or a tombstone if withdrawn.
public struct FeedSet {
    let snapshot: RegisterSnapshot
    public let publication: Publication
    let catalogue: CatalogueIndex
    let changeCount: Int64
    public let layout: FeedLayout
    var pageSize: Int64 { layout.pageSize }
    /// Read once for all the feeds per issue, official and organisation of a run.
    private let withdrawn = WithdrawnMeetings()

    /// A feed set over `snapshot`, valid while the snapshot is.
    public init(snapshot: RegisterSnapshot, layout: FeedLayout = FeedLayout()) throws {
        self.snapshot = snapshot
        publication = Publication(settings: try snapshot.settings())
        catalogue = try CatalogueIndex(snapshot)
        changeCount = try snapshot.feedChangeCount()
        self.layout = layout
    }

    /// Runs `body` with the feed set of one consistent read of `register`.
    public static func read<T>(_ register: Register, layout: FeedLayout = FeedLayout(), _ body: (FeedSet) throws -> T) throws -> T {
        try register.read { snapshot in try body(try FeedSet(snapshot: snapshot, layout: layout)) }
    }

    /// The number of full, and so final, archive pages.
    public var completePages: Int64 { changeCount / pageSize }

    /// Every document's path relative to the feed root, each archive page before the
    /// documents that link to it.
    public var paths: [String] {
        (completePages > 0 ? Array(1...completePages) : []).map(publication.archivePath)
            + [publication.feedPath(.all)]
            + catalogue.issues.keys.sorted().map { publication.feedPath(.issue($0)) }
            + catalogue.officials.keys.sorted().map { publication.feedPath(.official($0)) }
            + catalogue.organisations.keys.sorted().map { publication.feedPath(.organisation($0)) }
    }

    /// Whether `path` names an archive page, which is final once it exists.
    public func isArchivePage(_ path: String) -> Bool {
        path.hasPrefix("archive/")
    }

    /// The document at `path`, or nil if there is none.
    public func document(at path: String) throws -> FeedDocument? {
        guard let feed = try feed(at: path) else { return nil }
        let sink = BufferSink()
        try feed.write(to: sink, publication: publication, catalogue: feed.catalogue ?? catalogue)
        return FeedDocument(bytes: sink.take(), updated: feed.updated)
    }

    public func render(path: String) throws -> [UInt8]? {
        try document(at: path)?.bytes
    }

    func feed(at path: String) throws -> AtomFeed? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let last = parts.last, last.hasSuffix(".atom") else { return nil }
        let name = String(last.dropLast(5))
        switch (parts.count, parts.first) {
        case (1, "meetings.atom"): return try mainFeed()
        case (2, "archive"): return try Self.canonicalId(name).flatMap { $0 <= completePages ? try archive($0) : nil }
        case (2, "issues"): return try Self.canonicalId(name).flatMap { catalogue.issues[$0] == nil ? nil : try subjectFeed(.issue($0)) }
        case (2, "officials"):
            return try Self.canonicalId(name).flatMap { catalogue.officials[$0] == nil ? nil : try subjectFeed(.official($0)) }
        case (2, "organisations"):
            return try Self.canonicalId(name).flatMap { catalogue.organisations[$0] == nil ? nil : try subjectFeed(.organisation($0)) }
        default: return nil
        }
    }

    /// A positive id written the one way the register writes it: no sign, no leading zero.
    static func canonicalId(_ text: String) -> Int64? {
        guard let id = Int64(text), id > 0, String(id) == text else { return nil }
        return id
    }

    private var feedTitle: String {
        publication.language == "en" ? "\(publication.settings.bodyName): lobbying meetings"
            : "\(publication.settings.bodyName): möten om påverkan"
    }

    func mainFeed() throws -> AtomFeed {
        let boundary = completePages * pageSize
        var versions = LatestVersions()
        var newest = changeCount
        walk: while newest > 0 {
            let oldest = max(1, newest - pageSize + 1)
            for change in try snapshot.feedChanges(oldest...newest).reversed() {
                if change.ordinal <= boundary && versions.count >= layout.mainFeedMinimum { break walk }
                versions.keepIfFirst(change.meeting)
            }
            newest = oldest - 1
        }
        var links: [(String, String)] = [("current", publication.feedURL(.all))]
        if completePages > 0 { links.append(("prev-archive", publication.archiveURL(completePages))) }
        return AtomFeed(
            id: publication.tag("feed", "meetings"), title: feedTitle,
            subtitle: publication.language == "en"
                ? "Every change to the meetings held to influence decisions, as published in the lobbying register: publications, corrections, releases and withdrawals. Feeds per issue, official and organisation: \(publication.feedRoot)"
                : "Varje ändring av möten om påverkan i lobbyregistret: publiceringar, rättelser, hävd sekretess och återkallelser. Flöden per fråga, person och organisation: \(publication.feedRoot)",
            path: publication.feedPath(.all), alternate: publication.page(.all), links: links, isArchive: false,
            updated: try versions.newest ?? snapshot.firstChangeTime() ?? Date(timeIntervalSince1970: 0),
            entries: versions.entries, tombstones: versions.tombstones)
    }

    func archive(_ page: Int64) throws -> AtomFeed {
        let changes = try snapshot.feedChanges(((page - 1) * pageSize + 1)...(page * pageSize))
        var versions = LatestVersions()
        for change in changes.reversed() { versions.keepIfFirst(change.meeting) }
        var links: [(String, String)] = [("current", publication.feedURL(.all))]
        if page > 1 { links.append(("prev-archive", publication.archiveURL(page - 1))) }
        let first = changes.first?.ordinal ?? 0, last = changes.last?.ordinal ?? 0
        var feed = AtomFeed(
            id: publication.tag("feed", "archive/\(page)"),
            title: publication.language == "en" ? "\(feedTitle) – archive \(page)" : "\(feedTitle) – arkiv \(page)",
            subtitle: publication.language == "en"
                ? "Changes \(first)–\(last) to the register's meetings, each meeting as it stood after its last change here."
                : "Ändringarna \(first)–\(last) av registrets möten, varje möte som det var efter sin sista ändring här.",
            path: publication.archivePath(page), alternate: publication.page(.all), links: links, isArchive: true,
            updated: versions.newest ?? Date(timeIntervalSince1970: 0), entries: versions.entries, tombstones: versions.tombstones)
        // Named as they were when the page filled, so that a later rename does not change it.
        feed.catalogue = CatalogueIndex(try snapshot.publicCatalogue(asOf: changes.last?.sequence ?? 0, namedBy: changes.map(\.meeting)))
        return feed
    }

    func subjectFeed(_ subject: FeedSubject) throws -> AtomFeed {
        let filter = subject.filter
        let tombstones = try withdrawn.get(snapshot).filter { filter.includes($0.lastPublished) }.map(\.tombstone)
        let meetings = (try snapshot.latestPublishedMeetings(filter, limit: layout.subjectFeedSize) + tombstones)
            .sorted { ($0.updatedAt, $0.id) > ($1.updatedAt, $1.id) }
        var versions = LatestVersions()
        for meeting in meetings.prefix(layout.subjectFeedSize) { versions.keepIfFirst(meeting) }
        let name: String, added: Date?
        switch subject {
        case .all: (name, added) = ("", try snapshot.firstChangeTime())
        case .issue(let id): (name, added) = (catalogue.issueTitle(id), try snapshot.additionTime(entity: "issue", id: id))
        case .official(let id): (name, added) = (catalogue.officialName(id), try snapshot.additionTime(entity: "official", id: id))
        case .organisation(let id):
            (name, added) = (catalogue.organisationName(id), try snapshot.additionTime(entity: "organisation", id: id))
        }
        return AtomFeed(
            id: publication.tag("feed", publication.feedPath(subject)), title: "\(feedTitle) – \(name)", subtitle: nil,
            path: publication.feedPath(subject), alternate: publication.page(subject),
            links: [("related", publication.feedURL(.all))], isArchive: false,
            updated: versions.newest ?? added ?? Date(timeIntervalSince1970: 0),
            entries: versions.entries, tombstones: versions.tombstones)
    }
}

/// How many changes the documents hold. The published register uses the defaults;
/// a change of page size renumbers every archive page, so it is for tests.
public struct FeedLayout: Sendable {
    /// Public meeting changes per archive page.
    public var pageSize: Int64
    /// The fewest meetings the main feed holds, reaching into full pages for them.
    public var mainFeedMinimum: Int
    /// The meetings a feed of one issue, official or organisation holds.
    public var subjectFeedSize: Int

    public init(pageSize: Int64 = 100, mainFeedMinimum: Int = 50, subjectFeedSize: Int = 100) {
        precondition(pageSize > 0 && mainFeedMinimum >= 0 && subjectFeedSize > 0)
        self.pageSize = pageSize
        self.mainFeedMinimum = mainFeedMinimum
        self.subjectFeedSize = subjectFeedSize
    }
}

/// A rendered feed document: its bytes and the time of its newest change (its
/// `Last-Modified`).
public struct FeedDocument: Sendable {
    public var bytes: [UInt8]
    public var updated: Date
}

/// The withdrawn meetings with their last published versions, read on first use.
private final class WithdrawnMeetings {
    private var meetings: [(tombstone: PublicMeeting, lastPublished: PublicMeeting)]?

    func get(_ snapshot: RegisterSnapshot) throws -> [(tombstone: PublicMeeting, lastPublished: PublicMeeting)] {
        if let meetings { return meetings }
        let read = try snapshot.withdrawnMeetings()
        meetings = read
        return read
    }
}

/// The versions a document holds, met newest first: the first met of each meeting is
/// kept, as an entry or, when withdrawn, a tombstone; both newest first.
private struct LatestVersions {
    private var seen: Set<Int64> = []
    private var kept: [PublicMeeting] = []

    var count: Int { seen.count }

    mutating func keepIfFirst(_ meeting: PublicMeeting) {
        if seen.insert(meeting.id).inserted { kept.append(meeting) }
    }

    /// Newest `updated` first; among equal times, the later change first.
    private var ordered: [PublicMeeting] {
        kept.enumerated().sorted { ($0.element.updatedAt, $1.offset) > ($1.element.updatedAt, $0.offset) }.map(\.element)
    }

    var entries: [PublicMeeting] { ordered.filter { $0.status != .withdrawn } }
    var tombstones: [PublicMeeting] { ordered.filter { $0.status == .withdrawn } }
    var newest: Date? { kept.map(\.updatedAt).max() }
}
