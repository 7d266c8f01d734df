import Foundation

extension PublicChange {
    /// Reads a public change straight from the ledger's stored canonical text in one
    /// decoding pass, for readers that take changes by the thousand (push). It gives
    /// the same value as `init(_ entry:)`: a commitment placeholder is read as null.
    /// Canonical JSON always writes a placeholder as the same bytes,
    /// `{"$commitment":"<hex>"}`, and those bytes cannot occur inside a string, where
    /// every quotation mark is escaped; so the placeholders can be replaced in the text.
    init(canonicalBody body: String, hash: String) throws {
        let stored = try RegisterCoding.decoder().decode(StoredPublicChange.self, from: Data(Self.nullingCommitments(body.utf8)))
        sequence = stored.seq
        self.hash = hash
        type = stored.type
        occurredAt = stored.at
        reason = stored.reason
        record = stored.data
    }

    private static let placeholderStart = Array("{\"\(Commitment.key)\":\"".utf8)
    private static let null = Array("null".utf8)

    static func nullingCommitments(_ text: String.UTF8View) -> [UInt8] {
        let bytes = Array(text)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "{"), bytes[index...].starts(with: placeholderStart) {
                var end = index + placeholderStart.count
                while end < bytes.count, bytes[end] != UInt8(ascii: "\"") { end += 1 }
                if end + 1 < bytes.count, bytes[end + 1] == UInt8(ascii: "}") {
                    out.append(contentsOf: null)
                    index = end + 2
                    continue
                }
            }
            out.append(bytes[index])
            index += 1
        }
        return out
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
