import Foundation
import GRDB

/// The kept counts (`MeetingTallies`, `PublicationTimeliness`) of a batch's new
/// published meetings, worked out in memory from the projections the batch stores
/// and written at its end, one statement per count that changes. They are the counts
/// `MeetingTallies.add` takes from the public tables (tests hold them equal to those
/// counted anew); its grouped query over the rows just written was about a fifth of
/// an import's time.
struct BatchTallies {
    /// A count's key, its texts as their places in `texts` (in the table's order, so that rows are written in key order).
    private struct Count: Hashable, Comparable {
        var subject: Int, subjectId: Int64, facet: Int, item: Int64, ofItem: Int64

        init(subject: String, subjectId: Int64, facet: String, item: Int64, ofItem: Int64) {
            self.subject = BatchTallies.places[subject]!
            self.subjectId = subjectId
            self.facet = BatchTallies.places[facet]!
            self.item = item
            self.ofItem = ofItem
        }

        static func < (a: Count, b: Count) -> Bool {
            (a.subject, a.subjectId, a.facet, a.item, a.ofItem) < (b.subject, b.subjectId, b.facet, b.item, b.ofItem)
        }
    }

    /// Every subject and facet name a batch counts, in SQLite's order of text (their bytes).
    private static let texts = (MeetingTallies.listedSubjects + ["register", "all", "counterpart", "client", "represented", "counterparts-withheld",
                                                                  "issue", "organisation", "group", "with-organisation", "start-withheld", "month"])
        .reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    private static let places = Dictionary(uniqueKeysWithValues: texts.enumerated().map { ($0.element, $0.offset) })

    private struct Subject: Hashable {
        var subject: String, id: Int64
    }

    private struct Listing: Comparable {
        var subject: String, subjectId: Int64, startsAt: String, meetingId: Int64

        static func < (a: Listing, b: Listing) -> Bool {
            (a.subject, a.subjectId, a.startsAt, a.meetingId) < (b.subject, b.subjectId, b.startsAt, b.meetingId)
        }
    }

    private struct Timeliness: Hashable, Comparable {
        var unit: Int64, month: String, delay: Int

        static func < (a: Timeliness, b: Timeliness) -> Bool { (a.unit, a.month, a.delay) < (b.unit, b.month, b.delay) }
    }

    private var counts: [Count: (meetings: Int64, inbound: Int64, outbound: Int64)] = [:]
    private var listings: [Listing] = []
    private var timeliness: [Timeliness: Int64] = [:]
    private var units: [Int64: Int64?] = [:]
    private var groups: [Int64: Int64?] = [:]

    /// Counts `meeting`, new to the public tables, as they hold it (nothing unless published).
    mutating func add(_ meeting: PublicMeeting, timeZone: TimeZone, in db: Database) throws {
        guard meeting.status == .published else { return }
        let participants = meeting.participants ?? [], counterparts = meeting.counterparts ?? [], issues = meeting.issues ?? []
        var participantUnits: [Int64] = []
        for official in participants { if let unit = try unit(of: official, in: db) { participantUnits.append(unit) } }

        var subjects: [Subject] = issues.map { Subject(subject: "issue", id: $0) }
        subjects += participants.map { Subject(subject: "official", id: $0) }
        subjects += participantUnits.map { Subject(subject: "unit", id: $0) }
        for counterpart in counterparts {
            if let organisation = counterpart.organisation {
                subjects += [Subject(subject: "counterpart", id: organisation), Subject(subject: "organisation", id: organisation)]
            }
            if let client = counterpart.onBehalfOf {
                subjects += [Subject(subject: "client", id: client), Subject(subject: "organisation", id: client)]
            }
        }
        subjects.append(Subject(subject: "register", id: 0))
        var seen = Set<Subject>()
        subjects = subjects.filter { seen.insert($0).inserted }

        var tuples = Set<Count>()
        func count(_ subject: Subject, _ facet: String, _ item: Int64 = 0, _ ofItem: Int64 = 0) {
            tuples.insert(Count(subject: subject.subject, subjectId: subject.id, facet: facet, item: item, ofItem: ofItem))
        }
        for subject in subjects {
            count(subject, "all")
            let footprinted = subject.subject == "issue" || subject.subject == "official"
            if footprinted {
                for counterpart in counterparts {
                    if let organisation = counterpart.organisation { count(subject, "counterpart", organisation) }
                    if let client = counterpart.onBehalfOf { count(subject, "client", client) }
                    if let organisation = counterpart.organisation, let client = counterpart.onBehalfOf {
                        count(subject, "represented", organisation, client)
                    }
                }
            }
            if (footprinted || subject.subject == "register") && meeting.counterparts == nil { count(subject, "counterparts-withheld") }
            if subject.subject == "organisation" || subject.subject == "register" {
                for issue in issues { count(subject, "issue", issue) }
            }
        }
        let register = Subject(subject: "register", id: 0)
        for counterpart in counterparts {
            for organisation in [counterpart.organisation, counterpart.onBehalfOf].compactMap({ $0 }) {
                count(register, "organisation", organisation)
                if let group = try group(of: organisation, in: db) { count(register, "group", group) }
            }
        }
        if counterparts.contains(where: { $0.organisation != nil || $0.onBehalfOf != nil }) { count(register, "with-organisation") }
        let startsAt = meeting.startsAt.map(Timestamp.format)
        if let startsAt {
            count(register, "month", Int64(startsAt.prefix(4) + startsAt.dropFirst(5).prefix(2)) ?? 0)
        } else {
            count(register, "start-withheld")
        }

        let inbound: Int64 = meeting.direction == .inbound ? 1 : 0, outbound: Int64 = meeting.direction == .outbound ? 1 : 0
        for tuple in tuples {
            let old = counts[tuple] ?? (0, 0, 0)
            counts[tuple] = (old.meetings + 1, old.inbound + inbound, old.outbound + outbound)
        }
        for subject in subjects where subject.subject != "register" {
            listings.append(Listing(subject: subject.subject, subjectId: subject.id, startsAt: startsAt ?? "", meetingId: meeting.id))
        }

        let placement = PublicationTimeliness.placement(startsAt: meeting.startsAt, publishedAt: meeting.publishedAt, timeZone: timeZone)
        if let month = placement.month, let delay = placement.delay {
            for unit in Set([0] + participantUnits) {
                timeliness[Timeliness(unit: unit, month: month, delay: delay), default: 0] += 1
            }
        }
    }

    /// Adds the batch's counts to the kept ones.
    func write(in db: Database) throws {
        let tally = try db.makeStatement(sql: """
            INSERT INTO tally(subject, subject_id, facet, item, of_item, meetings, inbound, outbound) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(subject, subject_id, facet, item, of_item) DO UPDATE SET
                meetings = meetings + excluded.meetings, inbound = inbound + excluded.inbound, outbound = outbound + excluded.outbound
            """)
        for (key, value) in counts.sorted(by: { $0.key < $1.key }) {
            try tally.execute(arguments: [Self.texts[key.subject], key.subjectId, Self.texts[key.facet], key.item, key.ofItem,
                                          value.meetings, value.inbound, value.outbound])
        }
        let listing = try db.makeStatement(sql: "INSERT INTO subject_meeting(subject, subject_id, starts_at, meeting_id) VALUES (?, ?, ?, ?)")
        for row in listings.sorted() {
            try listing.execute(arguments: [row.subject, row.subjectId, row.startsAt, row.meetingId])
        }
        let timely = try db.makeStatement(sql: """
            INSERT INTO timeliness(unit_id, month, delay, meetings) VALUES (?, ?, ?, ?)
            ON CONFLICT(unit_id, month, delay) DO UPDATE SET meetings = meetings + excluded.meetings
            """)
        for (key, meetings) in timeliness.sorted(by: { $0.key < $1.key }) {
            try timely.execute(arguments: [key.unit, key.month, key.delay, meetings])
        }
    }

    private mutating func unit(of official: Int64, in db: Database) throws -> Int64? {
        if let known = units[official] { return known }
        let unit = try Int64.fetchOne(db.cachedStatement(sql: "SELECT unit_id FROM official WHERE id = ?"), arguments: [official])
        units[official] = unit
        return unit
    }

    /// The index in `OrganisationGroup.allCases` of the organisation's kind's group.
    private mutating func group(of organisation: Int64, in db: Database) throws -> Int64? {
        if let known = groups[organisation] { return known }
        let kind = try String.fetchOne(db.cachedStatement(sql: "SELECT kind FROM organisation WHERE id = ?"), arguments: [organisation])
        let group = kind.flatMap(OrganisationKind.init(rawValue:)).flatMap { OrganisationGroup.allCases.firstIndex(of: OrganisationGroup($0)) }.map(Int64.init)
        groups[organisation] = group
        return group
    }
}
