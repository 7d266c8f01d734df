/// Whose meetings a subject page lists: an issue's, an official's, an organisation's
/// (as a counterpart, as a client represented by others, or either) or a unit's (the
/// meetings of its officials).
public enum MeetingSubject: Sendable, Hashable {
    case issue(Int64)
    case official(Int64)
    case counterpart(Int64)
    case client(Int64)
    case organisation(Int64)
    case unit(Int64)

    /// The subject's name and id in `MeetingTallies`' tables.
    var tally: (subject: String, id: Int64) {
        switch self {
        case .issue(let id): ("issue", id)
        case .official(let id): ("official", id)
        case .counterpart(let id): ("counterpart", id)
        case .client(let id): ("client", id)
        case .organisation(let id): ("organisation", id)
        case .unit(let id): ("unit", id)
        }
    }
}

/// How many published meetings one organisation had on a subject, in its role there:
/// present itself as a counterpart, or represented by others (a consultancy acting for
/// its client), split by direction. A meeting whose direction is withheld counts only
/// in `meetings`.
public struct FootprintEntry: Sendable, Equatable {
    public enum Role: String, Sendable { case counterpart, client }

    public var organisation: Int64
    public var role: Role
    public var meetings: Int
    public var inbound: Int
    public var outbound: Int
    /// For a client: the organisations that acted for it on these meetings, by id.
    public var representedBy: [Int64]

    public init(organisation: Int64, role: Role, meetings: Int, inbound: Int, outbound: Int, representedBy: [Int64] = []) {
        self.organisation = organisation
        self.role = role
        self.meetings = meetings
        self.inbound = inbound
        self.outbound = outbound
        self.representedBy = representedBy
    }
}

/// Who met the body on a subject and how often: its legislative footprint.
public struct Footprint: Sendable, Equatable {
    /// Most meetings first; ties by organisation id, a counterpart before a client.
    public var entries: [FootprintEntry]
    /// Published meetings of the subject whose counterparts are withheld.
    public var meetingsWithWithheldCounterparts: Int

    public init(entries: [FootprintEntry], meetingsWithWithheldCounterparts: Int) {
        self.entries = entries
        self.meetingsWithWithheldCounterparts = meetingsWithWithheldCounterparts
    }
}

/// How many published meetings of a subject discussed one issue, by direction.
public struct IssueCount: Sendable, Equatable {
    public var issue: Int64
    public var meetings: Int
    public var inbound: Int
    public var outbound: Int

    public init(issue: Int64, meetings: Int, inbound: Int, outbound: Int) {
        self.issue = issue
        self.meetings = meetings
        self.inbound = inbound
        self.outbound = outbound
    }
}
