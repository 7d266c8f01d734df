import Foundation

extension PublicChange {
    /// Reads a public change from the stored public form of a change (`public_body`:
    /// seq, at, type, reason and data, with confidential and redacted values null) in
    /// one decoding pass, for readers that take changes by the thousand (push).
    init(canonicalBody body: String, hash: String) throws {
        let stored = try RegisterCoding.decoder().decode(StoredPublicChange.self, from: Data(body.utf8))
        sequence = stored.seq
        self.hash = hash
        type = stored.type
        occurredAt = stored.at
        reason = stored.reason
        record = stored.data
    }
}

/// The members of a stored public change that `PublicChange` keeps, with `data`
/// decoded as the record kind its type names.
private struct StoredPublicChange: Decodable {
    let seq: Int64
    let at: Date
    let type: ChangeType
    let reason: String?
    let data: PublicRecord

    enum CodingKeys: String, CodingKey { case seq, at, type, reason, data }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        seq = try container.decode(Int64.self, forKey: .seq)
        at = try container.decode(Date.self, forKey: .at)
        type = try container.decode(ChangeType.self, forKey: .type)
        reason = try container.decodeIfPresent(String.self, forKey: .reason)
        guard type.isPublic else {
            throw ValidationError("type", "change \(seq) is not public")
        }
        switch type.entity {
        case "unit": data = .unit(try container.decode(PublicUnit.self, forKey: .data))
        case "official": data = .official(try container.decode(PublicOfficial.self, forKey: .data))
        case "organisation": data = .organisation(try container.decode(PublicOrganisation.self, forKey: .data))
        case "issue": data = .issue(try container.decode(PublicIssue.self, forKey: .data))
        default: data = .meeting(try container.decode(PublicMeeting.self, forKey: .data))
        }
    }
}
