import Foundation
import RegisterCore

/// Every Atom document the register publishes, rendered from one consistent read of
/// the register: the main feed, the monthly archives, and the feeds per issue,
/// official and organisation. `insyn publish` writes them all to Feeds/; the server
/// renders the one asked for with the same code.
public struct FeedSet {
    public static let mainFeedSize = 50
    public static let subjectFeedSize = 100

    let register: Register
    public let publication: Publication
    let catalogue: CatalogueIndex
    let months: [ArchiveMonth]

    /// `now` decides the current month: every month from the first publication up to
    /// it has an archive document (empty or not), so that a past month's document,
    /// next-archive link included, never changes unless one of its meetings does.
    public init(register: Register, now: Date = Date()) throws {
        self.register = register
        publication = Publication(settings: try register.settings())
        catalogue = try CatalogueIndex(register)
        var months: [ArchiveMonth] = []
        if let published = try register.publishedMonthRange() {
            let last = max(published.upperBound, ArchiveMonth(Day(now, in: publication.timeZone)))
            var month = published.lowerBound
            while month <= last {
                months.append(month)
                month = month.next
            }
        }
        self.months = months
    }

    /// Every document's path relative to the feed root.
    public var paths: [String] {
        [publication.feedPath(.all)]
            + months.map { publication.feedPath(.all, month: $0) }
            + catalogue.issues.keys.sorted().map { publication.feedPath(.issue($0)) }
            + catalogue.officials.keys.sorted().map { publication.feedPath(.official($0)) }
            + catalogue.organisations.keys.sorted().map { publication.feedPath(.organisation($0)) }
    }

    /// Renders the document at `path` into `sink`; false if there is no such document.
    public func render(path: String, to sink: any ByteSink) throws -> Bool {
        guard let feed = try feed(at: path) else { return false }
        try feed.write(to: sink, publication: publication, catalogue: catalogue)
        return true
    }

    public func render(path: String) throws -> [UInt8]? {
        let sink = BufferSink()
        return try render(path: path, to: sink) ? sink.take() : nil
    }

    func feed(at path: String) throws -> AtomFeed? {
        let parts = path.split(separator: "/").map(String.init)
        guard let last = parts.last, last.hasSuffix(".atom") else { return nil }
        let name = String(last.dropLast(5))
        switch (parts.count, parts.first) {
        case (1, "meetings.atom"): return try mainFeed()
        case (2, "archive"): return try ArchiveMonth(name).flatMap { months.contains($0) ? try archive($0) : nil }
        case (2, "issues"): return try Int64(name).flatMap { catalogue.issues[$0] == nil ? nil : try subjectFeed(.issue($0)) }
        case (2, "officials"): return try Int64(name).flatMap { catalogue.officials[$0] == nil ? nil : try subjectFeed(.official($0)) }
        case (2, "organisations"):
            return try Int64(name).flatMap { catalogue.organisations[$0] == nil ? nil : try subjectFeed(.organisation($0)) }
        default: return nil
        }
    }

    private var words: Words { Words(language: publication.language) }

    private var feedTitle: String {
        publication.language == "en" ? "\(publication.settings.bodyName): lobbying meetings"
            : "\(publication.settings.bodyName): möten om påverkan"
    }

    func mainFeed() throws -> AtomFeed {
        var filter = MeetingFilter(status: .published)
        filter.limit = Self.mainFeedSize
        let entries = try register.publicMeetings(filter, order: .newestPublished)
        let oldest = entries.count == Self.mainFeedSize ? entries.last?.publishedAt : nil
        let tombstones = try register.publicMeetings(MeetingFilter(status: .withdrawn), order: .newestPublished)
            .filter { oldest == nil || ($0.withdrawnAt ?? .distantPast) >= oldest! }
        var links: [(String, String)] = [("current", publication.feedURL(.all))]
        if let latest = months.last { links.append(("prev-archive", publication.feedURL(.all, month: latest))) }
        return AtomFeed(
            id: publication.tag("feed", "meetings"), title: feedTitle,
            subtitle: publication.language == "en"
                ? "Every meeting held to influence decisions, as published in the lobbying register. Feeds per issue, official and organisation: \(publication.feedRoot)"
                : "Alla möten om påverkan som registrerats och publicerats i lobbyregistret. Flöden per fråga, person och organisation: \(publication.feedRoot)",
            path: publication.feedPath(.all), alternate: publication.page(.all), links: links, isArchive: false,
            entries: entries, tombstones: tombstones)
    }

    func archive(_ month: ArchiveMonth) throws -> AtomFeed {
        let entries = try register.publicMeetings(MeetingFilter(status: .published, month: month), order: .newestPublished)
        let tombstones = try register.publicMeetings(MeetingFilter(status: .withdrawn, month: month), order: .newestPublished)
        let index = months.firstIndex(of: month)!
        var links: [(String, String)] = [("current", publication.feedURL(.all))]
        if index > 0 { links.append(("prev-archive", publication.feedURL(.all, month: months[index - 1]))) }
        if index + 1 < months.count { links.append(("next-archive", publication.feedURL(.all, month: months[index + 1]))) }
        let dates = LocalDates(timeZone: publication.timeZone, language: publication.language)
        return AtomFeed(
            id: publication.tag("feed", "archive/\(month)"), title: "\(feedTitle) – \(dates.month(month))",
            subtitle: publication.language == "en" ? "Meetings published in \(dates.month(month))." : "Möten publicerade i \(dates.month(month)).",
            path: publication.feedPath(.all, month: month), alternate: publication.page(.all), links: links, isArchive: true,
            entries: entries, tombstones: tombstones)
    }

    func subjectFeed(_ subject: FeedSubject) throws -> AtomFeed {
        var filter = subject.filter
        filter.status = .published
        filter.limit = Self.subjectFeedSize
        let entries = try register.publicMeetings(filter, order: .newestPublished)
        let tombstones = try register.lastPublishedVersionsOfWithdrawnMeetings().values.filter { subject.includes($0) }.sorted { $0.id > $1.id }.compactMap {
            try? register.publicMeeting($0.id)
        }
        let name: String
        switch subject {
        case .all: name = ""
        case .issue(let id): name = catalogue.issueTitle(id)
        case .official(let id): name = catalogue.officialName(id)
        case .organisation(let id): name = catalogue.organisationName(id)
        }
        return AtomFeed(
            id: publication.tag("feed", publication.feedPath(subject)), title: "\(feedTitle) – \(name)", subtitle: nil,
            path: publication.feedPath(subject), alternate: publication.page(subject),
            links: [("related", publication.feedURL(.all))], isArchive: false, entries: entries, tombstones: tombstones)
    }
}

extension FeedSubject {
    /// Whether a meeting belongs in this subject's feed.
    func includes(_ meeting: PublicMeeting) -> Bool {
        switch self {
        case .all: true
        case .issue(let id): meeting.issues?.contains(id) ?? false
        case .official(let id): meeting.participants?.contains(id) ?? false
        case .organisation(let id): meeting.counterparts?.contains { $0.organisation == id || $0.onBehalfOf == id } ?? false
        }
    }
}
