import Foundation

/// What the public may know of a meeting. It is the only meeting type the public
/// outputs (feeds, exports, pages, push) are built from: a withheld field is nil and
/// listed in `withheld` with its legal ground; a private person has no name; a
/// withdrawn meeting keeps only its tombstone.
public struct PublicMeeting: Sendable, Equatable, Codable {
    public var id: Int64
    public var status: PublicMeetingStatus
    public var version: Int
    public var startsAt: Date?
    public var durationMinutes: Int?
    public var place: String?
    public var format: MeetingFormat?
    public var direction: MeetingDirection?
    public var initiator: MeetingInitiator?
    public var participants: [Int64]?
    public var counterparts: [PublicCounterpart]?
    public var issues: [Int64]?
    public var subject: String?
    public var summary: String?
    public var documents: [MeetingDocument]?
    public var withheld: [MeetingField: Withholding]
    public var recordedAt: Date
    public var publishedAt: Date
    public var updatedAt: Date
    public var correctionReason: String?
    public var withdrawnAt: Date?
    public var withdrawalReason: String?

    public init(id: Int64, status: PublicMeetingStatus, version: Int, startsAt: Date?, durationMinutes: Int?, place: String?,
                format: MeetingFormat?, direction: MeetingDirection?, initiator: MeetingInitiator?, participants: [Int64]?,
                counterparts: [PublicCounterpart]?, issues: [Int64]?, subject: String?, summary: String?,
                documents: [MeetingDocument]?, withheld: [MeetingField: Withholding], recordedAt: Date, publishedAt: Date,
                updatedAt: Date, correctionReason: String?, withdrawnAt: Date?, withdrawalReason: String?) {
        self.id = id
        self.status = status
        self.version = version
        self.startsAt = startsAt
        self.durationMinutes = durationMinutes
        self.place = place
        self.format = format
        self.direction = direction
        self.initiator = initiator
        self.participants = participants
        self.counterparts = counterparts
        self.issues = issues
        self.subject = subject
        self.summary = summary
        self.documents = documents
        self.withheld = withheld
        self.recordedAt = recordedAt
        self.publishedAt = publishedAt
        self.updatedAt = updatedAt
        self.correctionReason = correctionReason
        self.withdrawnAt = withdrawnAt
        self.withdrawalReason = withdrawalReason
    }

    /// The projection of a published meeting: withheld fields and private names dropped.
    public init(id: Int64, meeting: Meeting, version: Int, recordedAt: Date, publishedAt: Date, updatedAt: Date,
                correctionReason: String?) {
        func disclosed<T>(_ field: MeetingField, _ value: T) -> T? {
            meeting.withheld[field] == nil ? value : nil
        }
        self.init(
            id: id, status: .published, version: version,
            startsAt: disclosed(.startsAt, meeting.startsAt),
            durationMinutes: disclosed(.durationMinutes, meeting.durationMinutes),
            place: disclosed(.place, meeting.place),
            format: disclosed(.format, meeting.format),
            direction: disclosed(.direction, meeting.direction),
            initiator: disclosed(.initiator, meeting.initiator),
            participants: disclosed(.participants, meeting.participants),
            counterparts: disclosed(.counterparts, meeting.counterparts.map(PublicCounterpart.init)),
            issues: disclosed(.issues, meeting.issues),
            subject: disclosed(.subject, meeting.subject),
            summary: disclosed(.summary, meeting.summary),
            documents: disclosed(.documents, meeting.documents),
            withheld: meeting.withheld,
            recordedAt: recordedAt, publishedAt: publishedAt, updatedAt: updatedAt,
            correctionReason: correctionReason, withdrawnAt: nil, withdrawalReason: nil)
    }

    /// The tombstone left by a withdrawal: identity, dates and the reason, no content.
    public func tombstone(at date: Date, reason: String) -> PublicMeeting {
        PublicMeeting(
            id: id, status: .withdrawn, version: version + 1, startsAt: nil, durationMinutes: nil, place: nil, format: nil,
            direction: nil, initiator: nil, participants: nil, counterparts: nil, issues: nil, subject: nil, summary: nil,
            documents: nil, withheld: [:], recordedAt: recordedAt, publishedAt: publishedAt, updatedAt: date,
            correctionReason: nil, withdrawnAt: date, withdrawalReason: reason)
    }

    /// The month (in the register's time zone) whose archive holds this meeting: the
    /// month it was published, which never changes.
    public func archiveMonth(in timeZone: TimeZone) -> ArchiveMonth {
        ArchiveMonth(Day(publishedAt, in: timeZone))
    }
}

public enum PublicMeetingStatus: String, Sendable, Codable {
    case published, withdrawn
}

/// A counterpart as published: a private person's name never appears.
public struct PublicCounterpart: Sendable, Equatable, Codable {
    public var organisation: Int64?
    public var onBehalfOf: Int64?
    public var people: [PublicPerson]

    public init(organisation: Int64?, onBehalfOf: Int64?, people: [PublicPerson]) {
        self.organisation = organisation
        self.onBehalfOf = onBehalfOf
        self.people = people
    }

    init(_ counterpart: Counterpart) {
        self.init(organisation: counterpart.organisation, onBehalfOf: counterpart.onBehalfOf,
                  people: counterpart.people.map(PublicPerson.init))
    }
}

/// A person met, as published: `name` is nil for a private person.
public struct PublicPerson: Sendable, Equatable, Codable {
    public var name: String?
    public var role: String?
    public var isPrivate: Bool

    public init(name: String?, role: String?, isPrivate: Bool) {
        self.name = name
        self.role = role
        self.isPrivate = isPrivate
    }

    init(_ person: CounterpartPerson) {
        self.init(name: person.isPrivate ? nil : person.name, role: person.role, isPrivate: person.isPrivate)
    }

    enum CodingKeys: String, CodingKey { case name, role, isPrivate = "private" }
}

/// A calendar month, the unit of the feed archives.
public struct ArchiveMonth: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    public init(_ day: Day) {
        self.init(year: day.year, month: day.month)
    }

    public init?(_ text: String) {
        guard let day = Day(text + "-01") else { return nil }
        self.init(day)
    }

    public var description: String { year.zeroPadded(4) + "-" + month.zeroPadded(2) }

    public var next: ArchiveMonth { month == 12 ? ArchiveMonth(year: year + 1, month: 1) : ArchiveMonth(year: year, month: month + 1) }
    public var previous: ArchiveMonth { month == 1 ? ArchiveMonth(year: year - 1, month: 12) : ArchiveMonth(year: year, month: month - 1) }

    public static func < (lhs: ArchiveMonth, rhs: ArchiveMonth) -> Bool {
        (lhs.year, lhs.month) < (rhs.year, rhs.month)
    }
}
