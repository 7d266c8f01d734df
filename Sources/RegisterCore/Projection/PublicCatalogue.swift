/// A unit as published, with its stable id.
public struct PublicUnit: Sendable, Equatable, Codable {
    public var id: Int64
    public var name: String
    public var kind: UnitKind
}

/// An official as published, with its stable id.
public struct PublicOfficial: Sendable, Equatable, Codable {
    public var id: Int64
    public var name: String
    public var title: String
    public var kind: OfficialKind
    public var party: String?
    public var unit: Int64
    public var activeFrom: Day
    public var activeTo: Day?

    public init(id: Int64, _ official: Official) {
        self.id = id
        name = official.name
        title = official.title
        kind = official.kind
        party = official.party
        unit = official.unit
        activeFrom = official.activeFrom
        activeTo = official.activeTo
    }
}

/// A counterpart organisation as published. It has no personnummer field: a sole
/// trader is only marked as one.
public struct PublicOrganisation: Sendable, Equatable, Codable {
    public var id: Int64
    public var name: String
    public var kind: OrganisationKind
    public var organisationNumber: String?
    public var soleTrader: Bool
    public var euTransparencyId: String?
    public var website: String?

    public init(id: Int64, _ organisation: Organisation) {
        self.id = id
        name = organisation.name
        kind = organisation.kind
        organisationNumber = organisation.organisationNumber
        soleTrader = organisation.personnummer != nil
        euTransparencyId = organisation.euTransparencyId
        website = organisation.website
    }
}

/// An issue (påverkansfråga) as published, with its stable id.
public struct PublicIssue: Sendable, Equatable, Codable {
    public var id: Int64
    public var title: String
    public var summary: String
    public var position: String
    public var status: IssueStatus
    public var caseNumber: String?
    public var policyAreas: [String]
    public var unit: Int64

    public init(id: Int64, _ issue: Issue) {
        self.id = id
        title = issue.title
        summary = issue.summary
        position = issue.position
        status = issue.status
        caseNumber = issue.caseNumber
        policyAreas = issue.policyAreas
        unit = issue.unit
    }
}

extension PublicUnit {
    public init(id: Int64, _ unit: Unit) {
        self.id = id
        name = unit.name
        kind = unit.kind
    }
}
