import Foundation
import GRDB

/// A create that a client may send more than once (a phone that lost its connection
/// retries): the client's key, scoped to who sends it, and a fingerprint of what it
/// asked, so that a retry is recognised and a reuse of the key for something else is not.
public struct IdempotencyKey: Sendable, Equatable {
    public let scope: String
    public let key: String
    public let fingerprint: String

    /// How long a key is remembered.
    public static let lifetime: TimeInterval = 86_400

    /// `key` as the client sent it (1 to 255 visible ASCII characters), for `actor`,
    /// over the request's `fingerprint` (e.g. a digest of its route and body).
    public init(_ key: String, for actor: Principal, fingerprint: String) throws(ValidationError) {
        guard (1...255).contains(key.utf8.count), key.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw ValidationError("Idempotency-Key", "must be 1 to 255 visible ASCII characters")
        }
        self.scope = "\(actor.kind.rawValue):\(actor.id.map(String.init) ?? actor.name)"
        self.key = key
        self.fingerprint = fingerprint
    }
}

/// The same idempotency key was sent with another request within its lifetime.
/// Nothing was changed.
public struct IdempotencyConflict: Error, Sendable, Equatable, CustomStringConvertible {
    public let key: String

    public var description: String {
        "the Idempotency-Key '\(key)' was used for another request within the last day; use a new key for a new request"
    }
}

/// What a create made: the new record's id, and whether this was a retry that made
/// nothing new but found what the first request made.
public struct CreateResult: Sendable, Equatable {
    public let entity: String
    public let id: Int64
    public let replayed: Bool
}

extension Register {
    /// Runs the create `write` (given a register whose writes join one transaction)
    /// unless `key` was already used for the same request within a day, in which case
    /// it returns what that first request made and records nothing new. The key is
    /// stored in the create's transaction, so a create and its key are kept together
    /// or not at all. Without a key it is a plain create.
    public func create(_ entity: String, key: IdempotencyKey?, _ write: (Register) throws -> Int64) throws -> CreateResult {
        guard let key else { return CreateResult(entity: entity, id: try write(self), replayed: false) }
        let now = clock()
        return try inOneTransaction { shared in
            let expired = Timestamp.format(now.addingTimeInterval(-IdempotencyKey.lifetime))
            let earlier = try shared.writer.write { db in
                try db.execute(sql: "DELETE FROM idempotency_key WHERE created_at < ?", arguments: [expired])
                return try Row.fetchOne(db, sql: "SELECT fingerprint, entity, entity_id FROM idempotency_key WHERE scope = ? AND key = ?",
                                        arguments: [key.scope, key.key])
            }
            if let earlier {
                guard earlier["fingerprint"] == key.fingerprint, earlier["entity"] == entity else { throw IdempotencyConflict(key: key.key) }
                return CreateResult(entity: entity, id: earlier["entity_id"], replayed: true)
            }
            let id = try write(shared)
            try shared.writer.write { db in
                try db.execute(sql: "INSERT INTO idempotency_key(scope, key, fingerprint, entity, entity_id, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                               arguments: [key.scope, key.key, key.fingerprint, entity, id, Timestamp.format(now)])
            }
            return CreateResult(entity: entity, id: id, replayed: false)
        }
    }
}
