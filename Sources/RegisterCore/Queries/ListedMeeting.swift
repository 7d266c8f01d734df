import Foundation
import GRDB

/// A published meeting as a list of a subject's meetings shows it: when, which way,
/// with which organisations (and for whom), about what. A page lists fifty or a
/// hundred of them; reading each whole (`PublicMeetingReader`) read its participants,
/// people and documents, its summary and its withheld fields for nothing, and those
/// reads were most of the organisation page's time.
public struct ListedMeeting: Sendable, Equatable {
    /// A counterpart as the list names it: the organisation, and the client it acted for.
    public struct Counterpart: Sendable, Equatable {
        public var organisation: Int64?
        public var onBehalfOf: Int64?

        public init(organisation: Int64?, onBehalfOf: Int64?) {
            self.organisation = organisation
            self.onBehalfOf = onBehalfOf
        }
    }

    public var id: Int64
    public var startsAt: Date?
    public var direction: MeetingDirection?
    /// Nil when the counterparts are withheld.
    public var counterparts: [Counterpart]?
    /// Nil when the issues are withheld.
    public var issues: [Int64]?
    public var subject: String?
    public var publishedAt: Date

    public init(id: Int64, startsAt: Date?, direction: MeetingDirection?, counterparts: [Counterpart]?, issues: [Int64]?,
                subject: String?, publishedAt: Date) {
        self.id = id
        self.startsAt = startsAt
        self.direction = direction
        self.counterparts = counterparts
        self.issues = issues
        self.subject = subject
        self.publishedAt = publishedAt
    }

    /// The meeting as its list shows it.
    public init(_ meeting: PublicMeeting) {
        self.init(id: meeting.id, startsAt: meeting.startsAt, direction: meeting.direction,
                  counterparts: meeting.counterparts?.map { Counterpart(organisation: $0.organisation, onBehalfOf: $0.onBehalfOf) },
                  issues: meeting.issues, subject: meeting.subject, publishedAt: meeting.publishedAt)
    }

    /// The public meetings with these ids as lists show them, in the same order; unknown ids are skipped.
    static func fetch(ids: [Int64], in db: Database) throws -> [ListedMeeting] {
        guard !ids.isEmpty else { return [] }
        let list = ids.map { _ in "?" }.joined(separator: ",")
        let arguments = StatementArguments(ids)
        func statement(_ sql: String) throws -> Statement {
            try PublicMeetingReader.statement(sql, in: db, cached: ids.count <= PublicMeetingReader.cachedListLength)
        }
        var issues: [Int64: [Int64]] = [:]
        try Row.fetchCursor(statement("SELECT meeting_id, issue_id FROM meeting_issue WHERE meeting_id IN (\(list)) ORDER BY meeting_id, position"),
                            arguments: arguments).forEach { row in
            issues[row[0], default: []].append(row[1])
        }
        var counterparts: [Int64: [Counterpart]] = [:]
        try Row.fetchCursor(statement("""
            SELECT meeting_id, organisation_id, on_behalf_of_id FROM meeting_counterpart WHERE meeting_id IN (\(list)) ORDER BY meeting_id, position
            """), arguments: arguments).forEach { row in
            counterparts[row[0], default: []].append(Counterpart(organisation: row[1], onBehalfOf: row[2]))
        }
        var meetings: [Int64: ListedMeeting] = [:]
        try Row.fetchCursor(statement("""
            SELECT id, starts_at, direction, subject, published_at, counterparts_disclosed, issues_disclosed FROM meeting WHERE id IN (\(list))
            """), arguments: arguments).forEach { row in
            let id: Int64 = row[0]
            let startsAt: String? = row[1], direction: String? = row[2], publishedAt: String = row[4]
            let counterpartsDisclosed: Bool = row[5], issuesDisclosed: Bool = row[6]
            meetings[id] = ListedMeeting(
                id: id, startsAt: startsAt.flatMap { Timestamp.parse($0) }, direction: direction.flatMap(MeetingDirection.init(rawValue:)),
                counterparts: counterpartsDisclosed ? counterparts[id] ?? [] : nil, issues: issuesDisclosed ? issues[id] ?? [] : nil,
                subject: row[3], publishedAt: Timestamp.parse(publishedAt) ?? .distantPast)
        }
        return ids.compactMap { meetings[$0] }
    }
}
