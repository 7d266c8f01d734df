import Foundation
import GRDB

extension Register {
    /// The prefix of every token's secret, so that a leaked one is recognisable.
    public static let tokenPrefix = "insyn_"

    /// Creates an API token (what `insyn token create` does, and what tests use to make
    /// real tokens); the returned secret is sent as `Authorization: Bearer <secret>`.
    public func createToken(_ token: NewAPIToken) throws -> CreatedAPIToken {
        let now = clock()
        let valid = try token.validated(now: now)
        let secret = Secret.generate(prefix: Self.tokenPrefix)
        let created = try writer.write { db in
            try OfficialsRule.checkExist(valid.officials, in: db)
            try db.execute(sql: "INSERT INTO api_token(hash, name, role, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [Secret.digest(secret), valid.name, valid.role.rawValue, Timestamp.format(now),
                                       valid.expiresAt.map(Timestamp.format)])
            let id = db.lastInsertedRowID
            for official in valid.officials {
                try db.execute(sql: "INSERT INTO api_token_official(token_id, official_id) VALUES (?, ?)", arguments: [id, official])
            }
            return try Self.token(id, in: db)
        }
        return CreatedAPIToken(secret: secret, token: created)
    }

    /// Every token, revoked and expired ones included, in the order they were created.
    public func tokens() throws -> [APIToken] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM api_token ORDER BY id").map { row in
                APIToken(row, officials: try Self.officials(ofToken: row["id"], in: db))
            }
        }
    }

    /// Revokes a token: every later request bearing it is refused. Revoking twice changes nothing.
    public func revokeToken(_ id: Int64) throws {
        let now = Timestamp.format(clock())
        try writer.write { db in
            _ = try Self.token(id, in: db)
            try db.execute(sql: "UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", arguments: [now, id])
        }
    }

    /// Who a bearer token speaks for, or why it is refused. A valid use is recorded as
    /// its last use (at most once a minute).
    public func checkBearer(_ secret: String) async throws -> BearerCheck {
        let now = clock()
        let digest = Secret.digest(secret)
        let token = try await writer.read { db -> APIToken? in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM api_token WHERE hash = ?", arguments: [digest]) else { return nil }
            return APIToken(row, officials: try Self.officials(ofToken: row["id"], in: db))
        }
        guard let token else { return .unknown }
        if token.revokedAt != nil { return .revoked }
        if token.isExpired(at: now) { return .expired }
        if token.lastUsedAt.map({ now.timeIntervalSince($0) >= 60 }) ?? true {
            let stamp = Timestamp.format(now)
            try await writer.write { db in
                try db.execute(sql: "UPDATE api_token SET last_used_at = ? WHERE id = ?", arguments: [stamp, token.id])
            }
        }
        return .valid(token.principal)
    }

    static func token(_ id: Int64, in db: Database) throws -> APIToken {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM api_token WHERE id = ?", arguments: [id]) else {
            throw ValidationError("token", "there is no token \(id)")
        }
        return APIToken(row, officials: try officials(ofToken: id, in: db))
    }

    static func officials(ofToken id: Int64, in db: Database) throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT official_id FROM api_token_official WHERE token_id = ? ORDER BY official_id", arguments: [id])
    }
}
