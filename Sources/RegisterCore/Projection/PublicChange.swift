import Foundation

/// A public change of the ledger with the public projection of the record as it
/// stood after the change: what push endpoints and the incremental export receive.
/// It is read from the public view of the ledger, so withheld values are not in it.
public struct PublicChange: Sendable, Equatable {
    public var sequence: Int64
    public var hash: String
    public var type: ChangeType
    public var occurredAt: Date
    public var reason: String?
    public var record: PublicRecord

    public init(_ entry: LedgerEntry) throws {
        guard let type = ChangeType(rawValue: entry.type), type.isPublic else {
            throw ValidationError("type", "change \(entry.sequence) is not public")
        }
        let data = entry.body["data"]?.withCommitmentsAsNull() ?? .null
        sequence = entry.sequence
        hash = entry.hash
        self.type = type
        occurredAt = entry.at ?? .distantPast
        reason = entry.body["reason"]?.stringValue
        switch type.entity {
        case "unit": record = .unit(try data.decode(PublicUnit.self))
        case "official": record = .official(try data.decode(PublicOfficial.self))
        case "organisation": record = .organisation(try data.decode(PublicOrganisation.self))
        case "issue": record = .issue(try data.decode(PublicIssue.self))
        default: record = .meeting(try data.decode(PublicMeeting.self))
        }
    }

    public var entity: String { type.entity }

    public var entityId: Int64 {
        switch record {
        case .unit(let unit): unit.id
        case .official(let official): official.id
        case .organisation(let organisation): organisation.id
        case .issue(let issue): issue.id
        case .meeting(let meeting): meeting.id
        }
    }
}

/// The public projection of any record kind.
public enum PublicRecord: Sendable, Equatable {
    case unit(PublicUnit)
    case official(PublicOfficial)
    case organisation(PublicOrganisation)
    case issue(PublicIssue)
    case meeting(PublicMeeting)
}
