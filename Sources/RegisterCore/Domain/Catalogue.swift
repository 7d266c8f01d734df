/// A part of the public body: the regional board, a committee (nämnd), a company,
/// a department. Officials and issues belong to one.
public struct Unit: Sendable, Equatable, Codable {
    public var name: String
    public var kind: UnitKind

    public init(name: String, kind: UnitKind) {
        self.name = name
        self.kind = kind
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case name, kind }
}

public enum UnitKind: String, Choice {
    case board, committee, company, department
}

/// A person on the body's side of a meeting: an elected official or a member of staff.
public struct Official: Sendable, Equatable, Codable {
    public var name: String
    public var title: String
    public var kind: OfficialKind
    public var party: String?
    public var unit: Int64
    public var activeFrom: Day
    public var activeTo: Day?

    public init(name: String, title: String, kind: OfficialKind, party: String? = nil, unit: Int64, activeFrom: Day, activeTo: Day? = nil) {
        self.name = name
        self.title = title
        self.kind = kind
        self.party = party
        self.unit = unit
        self.activeFrom = activeFrom
        self.activeTo = activeTo
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case name, title, kind, party, unit, activeFrom, activeTo }

    public func isActive(on day: Day) -> Bool {
        activeFrom <= day && (activeTo.map { day <= $0 } ?? true)
    }
}

public enum OfficialKind: String, Choice {
    case elected, staff
}

/// A counterpart organisation. A sole trader (enskild firma) is identified by the
/// owner's personnummer, which is personal data and never published.
public struct Organisation: Sendable, Equatable, Codable {
    public var name: String
    public var kind: OrganisationKind
    public var organisationNumber: String?
    public var personnummer: String?
    public var euTransparencyId: String?
    public var website: String?

    public init(name: String, kind: OrganisationKind, organisationNumber: String? = nil, personnummer: String? = nil,
                euTransparencyId: String? = nil, website: String? = nil) {
        self.name = name
        self.kind = kind
        self.organisationNumber = organisationNumber
        self.personnummer = personnummer
        self.euTransparencyId = euTransparencyId
        self.website = website
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case name, kind, organisationNumber, personnummer, euTransparencyId, website }

    /// The export's `soleTrader`, accepted on input when it agrees with the
    /// personnummer, so that sending back an exported sole trader without the
    /// personnummer (which no export holds) cannot silently drop it.
    enum ExportKeys: String, CodingKey { case soleTrader }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        kind = try container.decode(OrganisationKind.self, forKey: .kind)
        organisationNumber = try container.decodeIfPresent(String.self, forKey: .organisationNumber)
        personnummer = try container.decodeIfPresent(String.self, forKey: .personnummer)
        euTransparencyId = try container.decodeIfPresent(String.self, forKey: .euTransparencyId)
        website = try container.decodeIfPresent(String.self, forKey: .website)
        let soleTrader = try decoder.container(keyedBy: ExportKeys.self).decodeIfPresent(Bool.self, forKey: .soleTrader)
        if soleTrader == true, personnummer == nil {
            throw ValidationError("soleTrader", "a sole trader needs the owner's personnummer, which no export holds: add \"personnummer\"")
        }
        if soleTrader == false, personnummer != nil {
            throw ValidationError("soleTrader", "is false, but a personnummer is given")
        }
    }
}

public enum OrganisationKind: String, Choice {
    case company, tradeAssociation = "trade-association", ngo, union, publicAuthority = "public-authority", consultancy, other
}

/// A påverkansfråga: something the body pursues or is lobbied on.
public struct Issue: Sendable, Equatable, Codable {
    public var title: String
    public var summary: String
    public var position: String
    public var status: IssueStatus
    public var caseNumber: String?
    public var policyAreas: [String]
    public var unit: Int64

    public init(title: String, summary: String, position: String, status: IssueStatus = .active, caseNumber: String? = nil,
                policyAreas: [String] = [], unit: Int64) {
        self.title = title
        self.summary = summary
        self.position = position
        self.status = status
        self.caseNumber = caseNumber
        self.policyAreas = policyAreas
        self.unit = unit
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case title, summary, position, status, caseNumber, policyAreas, unit }

    /// `status` defaults to active and `policyAreas` to none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        title = try container.decode(String.self, forKey: .title)
        summary = try container.decode(String.self, forKey: .summary)
        position = try container.decode(String.self, forKey: .position)
        status = try container.decodeIfPresent(IssueStatus.self, forKey: .status) ?? .active
        caseNumber = try container.decodeIfPresent(String.self, forKey: .caseNumber)
        policyAreas = try container.decodeIfPresent([String].self, forKey: .policyAreas) ?? []
        unit = try container.decode(Int64.self, forKey: .unit)
    }
}

public enum IssueStatus: String, Choice {
    case active, closed
}
