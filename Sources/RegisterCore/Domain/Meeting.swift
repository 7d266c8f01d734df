import Foundation

/// The full record of a meeting as the official logged it, confidential values
/// included. Only the auditor's view and the store's private table hold it; every
/// public output goes through `PublicMeeting`.
public struct Meeting: Sendable, Equatable, Codable {
    public var startsAt: Date
    public var durationMinutes: Int
    public var place: String
    public var format: MeetingFormat
    public var direction: MeetingDirection
    public var initiator: MeetingInitiator
    public var participants: [Int64]
    public var counterparts: [Counterpart]
    public var issues: [Int64]
    public var subject: String
    public var summary: String
    public var documents: [MeetingDocument]
    public var withheld: [MeetingField: Withholding]

    public init(startsAt: Date, durationMinutes: Int, place: String, format: MeetingFormat, direction: MeetingDirection,
                initiator: MeetingInitiator, participants: [Int64], counterparts: [Counterpart], issues: [Int64],
                subject: String, summary: String, documents: [MeetingDocument] = [], withheld: [MeetingField: Withholding] = [:]) {
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
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case startsAt, durationMinutes, place, format, direction, initiator, participants, counterparts, issues
        case subject, summary, documents, withheld, endsAt
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        startsAt = try container.decode(Date.self, forKey: .startsAt)
        let minutes = try container.decodeIfPresent(Int.self, forKey: .durationMinutes)
        if let end = try container.decodeIfPresent(Date.self, forKey: .endsAt) {
            durationMinutes = try Self.minutes(from: startsAt, to: end, given: minutes)
        } else {
            durationMinutes = try minutes ?? container.decode(Int.self, forKey: .durationMinutes)
        }
        place = try container.decode(String.self, forKey: .place)
        format = try container.decode(MeetingFormat.self, forKey: .format)
        direction = try container.decode(MeetingDirection.self, forKey: .direction)
        initiator = try container.decode(MeetingInitiator.self, forKey: .initiator)
        participants = try container.decode([Int64].self, forKey: .participants)
        counterparts = try container.decode([Counterpart].self, forKey: .counterparts)
        issues = try container.decodeIfPresent([Int64].self, forKey: .issues) ?? []
        subject = try container.decode(String.self, forKey: .subject)
        summary = try container.decode(String.self, forKey: .summary)
        documents = try container.decodeIfPresent([MeetingDocument].self, forKey: .documents) ?? []
        withheld = try container.decodeIfPresent(WithheldMap.self, forKey: .withheld)?.fields ?? [:]
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(startsAt, forKey: .startsAt)
        try container.encode(durationMinutes, forKey: .durationMinutes)
        try container.encode(place, forKey: .place)
        try container.encode(format, forKey: .format)
        try container.encode(direction, forKey: .direction)
        try container.encode(initiator, forKey: .initiator)
        try container.encode(participants, forKey: .participants)
        try container.encode(counterparts, forKey: .counterparts)
        try container.encode(issues, forKey: .issues)
        try container.encode(subject, forKey: .subject)
        try container.encode(summary, forKey: .summary)
        try container.encode(documents, forKey: .documents)
        try container.encode(WithheldMap(fields: withheld), forKey: .withheld)
    }

    /// The duration that `endsAt` gives, which must be whole minutes and agree with
    /// `durationMinutes` when both are given.
    private static func minutes(from start: Date, to end: Date, given: Int?) throws(ValidationError) -> Int {
        guard end > start else { throw ValidationError("endsAt", "must be after startsAt", rule: .endsBeforeStart) }
        let seconds = Int64(end.timeIntervalSince(start))
        guard seconds % 60 == 0 else { throw ValidationError("endsAt", "must be a whole number of minutes after startsAt") }
        let minutes = Int(seconds / 60)
        if let given, given != minutes {
            throw ValidationError("endsAt", "is \(minutes) minutes after startsAt but durationMinutes is \(given); give one of them, or both agreeing")
        }
        return minutes
    }

    /// When the meeting ends.
    public var endsAt: Date { startsAt.addingTimeInterval(TimeInterval(durationMinutes * 60)) }
}

/// A counterpart at a meeting: an organisation and/or people; `onBehalfOf` names
/// the client when the organisation (a consultancy, a PR firm) acts for someone else.
public struct Counterpart: Sendable, Equatable, Codable {
    public var organisation: Int64?
    public var onBehalfOf: Int64?
    public var people: [CounterpartPerson]

    public init(organisation: Int64?, onBehalfOf: Int64? = nil, people: [CounterpartPerson] = []) {
        self.organisation = organisation
        self.onBehalfOf = onBehalfOf
        self.people = people
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case organisation, onBehalfOf, people }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        organisation = try container.decodeIfPresent(Int64.self, forKey: .organisation)
        onBehalfOf = try container.decodeIfPresent(Int64.self, forKey: .onBehalfOf)
        people = try container.decodeIfPresent([CounterpartPerson].self, forKey: .people) ?? []
    }
}

/// A person met. A private person (not acting for an organisation in a public
/// role) is recorded by name, but the name is never published.
public struct CounterpartPerson: Sendable, Equatable, Codable {
    public var name: String
    public var role: String?
    public var isPrivate: Bool

    public init(name: String, role: String? = nil, isPrivate: Bool = false) {
        self.name = name
        self.role = role
        self.isPrivate = isPrivate
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case name, role, isPrivate = "private" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        role = try container.decodeIfPresent(String.self, forKey: .role)
        isPrivate = try container.decodeIfPresent(Bool.self, forKey: .isPrivate) ?? false
    }
}

/// A document handed over at a meeting, in either direction.
public struct MeetingDocument: Sendable, Equatable, Codable {
    public var title: String
    public var direction: DocumentDirection
    public var url: String?

    public init(title: String, direction: DocumentDirection, url: String? = nil) {
        self.title = title
        self.direction = direction
        self.url = url
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case title, direction, url }
}

public enum DocumentDirection: String, Choice {
    case received, given
}

public enum MeetingFormat: String, Choice {
    case inPerson = "in-person", video, phone, written
}

/// Outbound: we seek to influence them. Inbound: they seek to influence us.
public enum MeetingDirection: String, Choice {
    case inbound, outbound
}

public enum MeetingInitiator: String, Choice {
    case us, counterpart
}

public enum MeetingStatus: String, Choice {
    case draft, published, withdrawn
}

/// The fields of a meeting that can be withheld.
public enum MeetingField: String, Sendable, Codable, CaseIterable, Comparable, CodingKeyRepresentable {
    case startsAt, durationMinutes, place, format, direction, initiator, participants, counterparts, issues
    case subject, summary, documents

    public static func < (lhs: MeetingField, rhs: MeetingField) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Why a field is withheld (a legal ground such as "OSL 19 kap. 3 §") and, when the
/// secrecy lapses, the day from which it is released. A redacted field was public and
/// has been taken out of public view (`meeting redact`); it is never released.
public struct Withholding: Sendable, Equatable, Codable {
    public var ground: String
    public var until: Day?
    public var redacted: Bool

    public init(ground: String, until: Day? = nil, redacted: Bool = false) {
        self.ground = ground
        self.until = until
        self.redacted = redacted
    }

    enum CodingKeys: String, CodingKey { case ground, until, redacted }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        ground = try container.decode(String.self, forKey: .ground)
        until = try container.decodeIfPresent(Day.self, forKey: .until)
        redacted = try container.decodeIfPresent(Bool.self, forKey: .redacted) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ground, forKey: .ground)
        try container.encodeIfPresent(until, forKey: .until)
        if redacted { try container.encode(true, forKey: .redacted) }
    }
}

/// The `withheld` object of the JSON shape; a bare string stands for a ground with no end date.
struct WithheldMap: Codable {
    var fields: [MeetingField: Withholding]

    init(fields: [MeetingField: Withholding]) { self.fields = fields }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        var fields: [MeetingField: Withholding] = [:]
        for key in container.allKeys {
            guard let field = MeetingField(rawValue: key.stringValue) else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: container,
                    debugDescription: "'\(key.stringValue)' is not a field that can be withheld (one of \(MeetingField.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            if let ground = try? container.decode(String.self, forKey: key) {
                fields[field] = Withholding(ground: ground)
            } else {
                fields[field] = try container.decode(Withholding.self, forKey: key)
            }
        }
        self.fields = fields
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for (field, withholding) in fields {
            try container.encode(withholding, forKey: Key(stringValue: field.rawValue))
        }
    }
}
