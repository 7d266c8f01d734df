/// The counts the statistics page shows, over the published meetings one
/// `StatisticsFilter` keeps. Withheld values are counted as withheld, never guessed.
public struct MeetingStatistics: Sendable, Equatable {
    /// How many published meetings the filter keeps.
    public var meetings: Int
    /// Meetings by the month they started in (the register's time zone), from the first
    /// month with a meeting to the last, months without any included as zero.
    public var perMonth: [MonthCount]
    /// Meetings whose start is withheld, so that they are in no month.
    public var startWithheld: Int
    /// Meetings with each group of organisations (as counterpart or as client); a
    /// meeting with organisations of several groups counts in each, in `OrganisationGroup` order.
    public var byOrganisationGroup: [GroupCount]
    /// Meetings whose counterparts are disclosed but name no organisation (private persons only).
    public var withoutOrganisation: Int
    /// Meetings whose counterparts are withheld.
    public var counterpartsWithheld: Int
    public var inbound: Int
    public var outbound: Int
    public var directionWithheld: Int
    /// The organisations in most meetings (as counterpart or client), at most ten, most first, ties by id.
    public var topOrganisations: [RankedCount]
    /// The issues discussed in most meetings, at most ten, most first, ties by id.
    public var topIssues: [RankedCount]

    public init(meetings: Int, perMonth: [MonthCount], startWithheld: Int, byOrganisationGroup: [GroupCount],
                withoutOrganisation: Int, counterpartsWithheld: Int, inbound: Int, outbound: Int, directionWithheld: Int,
                topOrganisations: [RankedCount], topIssues: [RankedCount]) {
        self.meetings = meetings
        self.perMonth = perMonth
        self.startWithheld = startWithheld
        self.byOrganisationGroup = byOrganisationGroup
        self.withoutOrganisation = withoutOrganisation
        self.counterpartsWithheld = counterpartsWithheld
        self.inbound = inbound
        self.outbound = outbound
        self.directionWithheld = directionWithheld
        self.topOrganisations = topOrganisations
        self.topIssues = topIssues
    }
}

/// The number of meetings in one month.
public struct MonthCount: Sendable, Equatable {
    public var month: ArchiveMonth
    public var meetings: Int

    public init(month: ArchiveMonth, meetings: Int) {
        self.month = month
        self.meetings = meetings
    }
}

/// The number of meetings with one group of organisations.
public struct GroupCount: Sendable, Equatable {
    public var group: OrganisationGroup
    public var meetings: Int

    public init(group: OrganisationGroup, meetings: Int) {
        self.group = group
        self.meetings = meetings
    }
}

/// An organisation or issue with its number of meetings.
public struct RankedCount: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var meetings: Int

    public init(id: Int64, name: String, meetings: Int) {
        self.id = id
        self.name = name
        self.meetings = meetings
    }
}

/// The kinds of organisation taken together: business (companies, trade associations,
/// consultancies), civil society (NGOs, unions), public bodies (public authorities), other.
public enum OrganisationGroup: String, Sendable, CaseIterable {
    case business, civilSociety, publicBodies, other

    public init(_ kind: OrganisationKind) {
        switch kind {
        case .company, .tradeAssociation, .consultancy: self = .business
        case .ngo, .union: self = .civilSociety
        case .publicAuthority: self = .publicBodies
        case .other: self = .other
        }
    }

    public var kinds: [OrganisationKind] { OrganisationKind.allCases.filter { OrganisationGroup($0) == self } }
}
