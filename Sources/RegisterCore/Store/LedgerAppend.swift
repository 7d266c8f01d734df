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
    static func append(_ draft: ChangeDraft, at date: Date, in db: Database) throws -> LedgerEntry {
        var tail = try LedgerTail(db)
        return try tail.append(draft, at: date, in: db)
    }
}

/// The end of the hash chain inside one write transaction: the head's sequence and
/// hash, and whether actors are public. A batch keeps one and appends change after
/// change to it instead of reading the head and the setting again for each.
struct LedgerTail {
    private(set) var sequence: Int64
    private(set) var hash: String
    private let actorsPublic: Bool
    private var salts = SaltSource()

    init(_ db: Database) throws {
        let head = try db.rowCached(sql: "SELECT seq, hash FROM change ORDER BY seq DESC LIMIT 1")
        sequence = head?["seq"] ?? 0
        hash = head?["hash"] ?? LedgerEntry.genesisHash
        actorsPublic = try actorsArePublic(db)
    }

    /// Appends one change after the tail and queues its deliveries.
    mutating func append(_ draft: ChangeDraft, at date: Date, in db: Database) throws -> LedgerEntry {
        let sequence = self.sequence + 1
        let previous = hash
        let time = Timestamp.format(date)

        var sealer = CommitmentSealer(secrets: Set(draft.secrets), salts: salts)
        var members: JSONObject = [
            "seq": .int(sequence), "prev": .string(previous), "at": .string(time),
            "type": .string(draft.type.rawValue), "entity": .string(draft.type.entity), "id": .int(draft.entityId),
        ]
        var publicMembers: JSONObject = ["seq": .int(sequence), "at": .string(time), "type": .string(draft.type.rawValue)]
        members["data"] = sealer.seal(draft.data, at: ["data"], relative: [])
        publicMembers["data"] = draft.data.nulling(draft.secrets)
        if let reason = draft.reason {
            members["reason"] = sealer.seal(.string(reason), at: ["reason"], relative: nil)
            publicMembers["reason"] = .string(reason)
        }
        if let redacts = draft.redacts { members["redacts"] = redacts }
        members["actor"] = sealer.seal(actor: draft.actor, confidential: !actorsPublic)
        salts = sealer.salts
        let body = JSONValue.object(members)
        let bodyText = CanonicalJSON.bytes(body)
        let entry = LedgerEntry(sequence: sequence, body: body, hash: LedgerEntry.hash(ofCanonical: bodyText), openings: sealer.openings,
                                confidential: sealer.confidential)

        try db.executeCached(
            sql: """
                INSERT INTO change(seq, at, type, entity, entity_id, public, body, hash, openings, confidential, public_body)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [sequence, time, draft.type.rawValue, draft.type.entity, draft.entityId,
                        draft.type.isPublic, String(decoding: bodyText, as: UTF8.self), entry.hash,
                        CanonicalJSON.string(LedgerEntry.openingsJSON(entry.openings)),
                        LedgerPointers.text(entry.confidential), CanonicalJSON.string(.object(publicMembers))])
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
        self.sequence = sequence
        hash = entry.hash
        return entry
    }
}

/// Replaces, in the hashed form of a change, every string, number and boolean and every
/// confidential value by a salted commitment, and keeps the openings: so that any value can later be
/// taken out of public view (a redaction) without breaking the chain.
struct CommitmentSealer {
    let secrets: Set<JSONPointer>
    var openings: [JSONPointer: LedgerEntry.Opening] = [:]
    var confidential: Set<JSONPointer> = []
    var salts: SaltSource

    init(secrets: Set<JSONPointer>, salts: SaltSource = SaltSource()) {
        self.secrets = secrets
        self.salts = salts
    }

    /// `relative` is the place within `data` (to match the secrets), nil outside it.
    mutating func seal(_ value: JSONValue, at pointer: [String], relative: [String]?) -> JSONValue {
        if let relative, secrets.contains(JSONPointer(relative)) {
            return commit(value, at: pointer, confidential: true)
        }
        switch value {
        case .string, .int, .bool:
            return commit(value, at: pointer, confidential: false)
        case .array(let items):
            return .array(items.enumerated().map { index, item in
                seal(item, at: pointer + [String(index)], relative: relative.map { $0 + [String(index)] })
            })
        case .object(let members):
            var sealed = JSONObject()
            for (key, member) in members {
                sealed[key] = seal(member, at: pointer + [key], relative: relative.map { $0 + [key] })
            }
            return .object(sealed)
        case .null:
            return value
        }
    }

    /// The `actor` member: kind and role in clear, the identity (`id`, `name`) behind one
    /// commitment at `/actor/who`, confidential unless the register makes actors public.
    mutating func seal(actor: Principal, confidential isConfidential: Bool) -> JSONValue {
        let who = JSONValue.object(["id": actor.id.map(JSONValue.int) ?? .null, "name": .string(actor.name)])
        return .object([
            "kind": .string(actor.kind.rawValue), "role": .string(actor.role.rawValue),
            "who": commit(who, at: ["actor", "who"], confidential: isConfidential),
        ])
    }

    private mutating func commit(_ value: JSONValue, at pointer: [String], confidential isConfidential: Bool) -> JSONValue {
        let salt = salts.next()
        let location = JSONPointer(pointer)
        openings[location] = .init(salt: salt, value: value)
        if isConfidential { confidential.insert(location) }
        return Commitment.placeholder(Commitment.digest(salt: salt, value: value))
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
        pointers.isEmpty ? nil : CanonicalJSON.string(.array(pointers.map(\.description).sorted().map(JSONValue.string)))
    }

    static func parse(_ text: String?) throws -> Set<JSONPointer> {
        guard let text, case .array(let items) = try JSONValue.parse(Data(text.utf8)) else { return [] }
        return Set(items.compactMap { $0.stringValue.flatMap(JSONPointer.init) })
    }
}

extension JSONValue {
    /// This value with the values at `pointers` set to null.
    func nulling(_ pointers: [JSONPointer]) -> JSONValue {
        var result = self
        for pointer in pointers {
            if pointer.tokens.isEmpty { return .null }
            if result.value(at: pointer) != nil { result.set(.null, at: pointer) }
        }
        return result
    }
}
