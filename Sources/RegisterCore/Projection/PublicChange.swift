import Foundation

/// A public change of the ledger with the public projection of the record as it
/// stood after the change: what push endpoints and the incremental export receive.
/// It is read from the public form of each change, in which confidential and redacted
/// values are null.
public struct PublicChange: Sendable, Equatable {
    public var sequence: Int64
    public var hash: String
    public var type: ChangeType
    public var occurredAt: Date
    public var reason: String?
    public var record: PublicRecord

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
