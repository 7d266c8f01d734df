import Foundation
import GRDB

/// A change about to be appended: its data with every value that is not public
/// still in place, and where those values stand (pointers relative to `data`).
struct ChangeDraft {
    var type: ChangeType
    var entityId: Int64
    var reason: String?
    var data: JSONValue
    var secrets: [JSONPointer] = []
}

extension Register {
    /// Appends one change to the hash chain and queues its deliveries. Called only
    /// from inside the write methods' transactions.
    @discardableResult
    static func append(_ draft: ChangeDraft, at date: Date, in db: Database) throws -> LedgerEntry {
        let head = try db.rowCached(sql: "SELECT seq, hash FROM change ORDER BY seq DESC LIMIT 1")
        let sequence: Int64 = (head?["seq"] ?? 0) + 1
        let previous: String = head?["hash"] ?? LedgerEntry.genesisHash

        var data = draft.data
        var openings: [JSONPointer: LedgerEntry.Opening] = [:]
        for pointer in draft.secrets {
            let value = data.value(at: pointer) ?? .null
            let salt = Commitment.newSalt()
            data.set(Commitment.placeholder(Commitment.digest(salt: salt, value: value)), at: pointer)
            openings[JSONPointer(["data"] + pointer.tokens)] = .init(salt: salt, value: value)
        }
        var members: [String: JSONValue] = [
            "seq": .int(sequence), "prev": .string(previous), "at": .string(Timestamp.format(date)),
            "type": .string(draft.type.rawValue), "entity": .string(draft.type.entity), "id": .int(draft.entityId),
            "data": data,
        ]
        if let reason = draft.reason { members["reason"] = .string(reason) }
        let body = JSONValue.object(members)
        let entry = LedgerEntry(sequence: sequence, body: body, hash: LedgerEntry.hash(ofBody: body), openings: openings)

        let openingsText = openings.isEmpty ? nil : CanonicalJSON.string(entry.openingsJSON)
        try db.executeCached(
            sql: "INSERT INTO change(seq, at, type, entity, entity_id, public, body, hash, openings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: [sequence, Timestamp.format(date), draft.type.rawValue, draft.type.entity, draft.entityId,
                        draft.type.isPublic, CanonicalJSON.string(body), entry.hash, openingsText])
        if draft.type.isPublic, draft.type.entity == "meeting" {
            try db.executeCached(sql: "INSERT INTO feed_change(seq) VALUES (?)", arguments: [sequence])
        }
        if draft.type.isPublic {
            try db.executeCached(
                sql: """
                    INSERT INTO outbox(endpoint_id, change_seq, entity, entity_id, state, next_attempt_at, queued_at)
                    SELECT id, ?, ?, ?, 'pending', ?, ? FROM endpoint WHERE enabled = 1
                    """,
                arguments: [sequence, draft.type.entity, draft.entityId, PreciseTimestamp.format(date), PreciseTimestamp.format(date)])
        }
        return entry
    }
}
