import Foundation
import GRDB

/// A change about to be appended: its data with every value still in place, and
/// which of them are not public (pointers relative to `data`).
struct ChangeDraft {
    var type: ChangeType
    var entityId: Int64
    /// Who made the change (the `actor` member).
    var actor: Principal
    var reason: String?
    var data: JSONValue
    var secrets: [JSONPointer] = []
    /// For a redaction: what it took out of public view (the `redacts` member).
    var redacts: JSONValue?
}

extension Register {
    /// Appends one change to the hash chain and queues its deliveries. Called only
    /// from inside the write methods' transactions.
    @discardableResult
    static func append(_ draft: ChangeDraft, at date: Date, in db: Database) throws -> LinkedChange {
        var tail = try LedgerTail(db)
        return try tail.append(draft, at: date, in: db)
    }
}

/// A change as linked into the chain: its place and its hash.
struct LinkedChange {
    var sequence: Int64
    var hash: String
}

/// The end of the hash chain inside one write transaction: the head's sequence and
/// hash, and whether actors are public. A batch keeps one and appends change after
/// change to it instead of reading the head and the setting again for each.
struct LedgerTail {
    private(set) var sequence: Int64
    private(set) var hash: String
    let actorsPublic: Bool
    private let salts = SaltSource()

    init(_ db: Database) throws {
        let head = try db.rowCached(sql: "SELECT seq, hash FROM change ORDER BY seq DESC LIMIT 1")
        sequence = head?["seq"] ?? 0
        hash = head?["hash"] ?? LedgerEntry.genesisHash
        actorsPublic = try actorsArePublic(db)
    }

    /// Seals one change and appends it after the tail, queueing its deliveries.
    mutating func append(_ draft: ChangeDraft, at date: Date, in db: Database) throws -> LinkedChange {
        try link(SealedChange(draft, sequence: sequence + 1, at: date, actorsPublic: actorsPublic, salts: salts), in: db)
    }

    /// Appends a change sealed as the one after the tail and queues its deliveries.
    mutating func link(_ sealed: SealedChange, in db: Database) throws -> LinkedChange {
        precondition(sealed.sequence == sequence + 1, "change \(sealed.sequence) was sealed for another place than \(sequence + 1)")
        let body = sealed.body(after: hash)
        let newHash = LedgerEntry.hash(ofCanonical: body)
        let type = sealed.type
        try db.executeCached(
            sql: """
                INSERT INTO change(seq, at, type, entity, entity_id, public, body, hash, salts, kept_openings, confidential, public_body)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [sealed.sequence, sealed.time, type.rawValue, type.entity, sealed.entityId,
                        type.isPublic, String(decoding: body, as: UTF8.self), newHash,
                        sealed.salts, sealed.keptOpenings, sealed.confidential, sealed.publicBody])
        if type.isPublic, type.entity == "meeting" {
            try db.executeCached(sql: "INSERT INTO feed_change(seq) VALUES (?)", arguments: [sealed.sequence])
        }
        if type.isPublic {
            let queued = PreciseTimestamp.format(sealed.date)
            try db.executeCached(
                sql: """
                    INSERT INTO outbox(endpoint_id, change_seq, entity, entity_id, state, next_attempt_at, queued_at)
                    SELECT id, ?, ?, ?, 'pending', ?, ? FROM endpoint WHERE enabled = 1
                    """,
                arguments: [sealed.sequence, type.entity, sealed.entityId, queued, queued])
        }
        sequence = sealed.sequence
        hash = newHash
        return LinkedChange(sequence: sequence, hash: newHash)
    }
}

/// Whether the register shows who made each change to the public (the setting
/// `actors-public`); by default only the kind and the role are public.
private func actorsArePublic(_ db: Database) throws -> Bool {
    try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM setting WHERE key = 'actors_public'")) == "yes"
}

/// How a set of pointers is stored beside a change: a canonical JSON array of their
/// texts, sorted, or NULL when empty.
enum LedgerPointers {
    static func text(_ pointers: Set<JSONPointer>) -> String? {
        text(descriptions: pointers.map(\.description))
    }

    static func text(descriptions: [String]) -> String? {
        descriptions.isEmpty ? nil : CanonicalJSON.string(.array(descriptions.sorted().map(JSONValue.string)))
    }

    static func parse(_ text: String?) throws -> Set<JSONPointer> {
        guard let text, case .array(let items) = try JSONValue.parse(Data(text.utf8)) else { return [] }
        return Set(items.compactMap { $0.stringValue.flatMap(JSONPointer.init) })
    }
}
