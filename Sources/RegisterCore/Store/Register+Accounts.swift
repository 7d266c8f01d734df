import Foundation
import GRDB

extension Register {
    /// Adds an account without a password: the person sets one through the link of
    /// `passwordResetLink(for:)`, so a password never passes through the command line.
    @discardableResult
    public func addAccount(_ account: NewAccount) throws -> Account {
        let valid = try account.validated()
        let now = Timestamp.format(clock())
        return try writer.write { db in
            try OfficialsRule.checkExist(valid.officials, in: db)
            if try Int.fetchOne(db, sql: "SELECT 1 FROM account WHERE email = ?", arguments: [valid.email]) != nil {
                throw ValidationError("email", "an account with \(ValidationError.quote(valid.email)) exists already", rule: .emailTaken)
            }
            try db.execute(sql: "INSERT INTO account(name, email, role, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [valid.name, valid.email, valid.role.rawValue, now])
            let id = db.lastInsertedRowID
            for official in valid.officials {
                try db.execute(sql: "INSERT INTO account_official(account_id, official_id) VALUES (?, ?)", arguments: [id, official])
            }
            return try Self.account(id, in: db)
        }
    }

    /// Every account, disabled ones included, in the order they were added.
    public func accounts() throws -> [Account] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Account.columns) FROM account a ORDER BY a.id").map { row in
                Account(row, officials: try Self.officials(ofAccount: row["id"], in: db))
            }
        }
    }

    public func account(_ id: Int64) throws -> Account {
        try writer.read { db in try Self.account(id, in: db) }
    }

    /// Disables an account: its sessions and unused password links end at once, and it
    /// can no longer sign in. Its row stays, for the ledger and the access log.
    public func disableAccount(_ id: Int64) throws {
        let now = Timestamp.format(clock())
        try writer.write { db in
            let account = try Self.account(id, in: db)
            guard account.disabledAt == nil else { return }
            try db.execute(sql: "UPDATE account SET disabled_at = ? WHERE id = ?", arguments: [now, id])
            try db.execute(sql: "DELETE FROM session WHERE account_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM password_reset WHERE account_id = ?", arguments: [id])
        }
    }

    /// A one-time secret for the set-password page, valid for `PasswordReset.lifetime`;
    /// the account's earlier unused links stop working. Only its hash is stored.
    public func passwordResetLink(for id: Int64) throws -> PasswordReset {
        let now = clock()
        let secret = Secret.generate(prefix: "")
        let expires = now.addingTimeInterval(PasswordReset.lifetime)
        try writer.write { db in
            let account = try Self.account(id, in: db)
            guard account.disabledAt == nil else {
                throw ValidationError("account", "account \(id) is disabled; it cannot set a password")
            }
            try db.execute(sql: "DELETE FROM password_reset WHERE account_id = ?", arguments: [id])
            try db.execute(sql: "INSERT INTO password_reset(hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                           arguments: [Secret.digest(secret), id, Timestamp.format(now), Timestamp.format(expires)])
        }
        return PasswordReset(secret: secret, expiresAt: expires)
    }

    /// The account a password link is for, while it can be used; nil otherwise.
    public func passwordResetAccount(_ secret: String) async throws -> Account? {
        let now = Timestamp.format(clock())
        let digest = Secret.digest(secret)
        return try await writer.read { db in try Self.resetAccount(digest, now: now, in: db) }
    }

    /// Sets the password of the link's account (hashed off the caller's thread) and
    /// uses the link up; the account's sessions end, so a reset locks out whoever knew
    /// the old password. Fails with `PasswordResetInvalid` for a used, expired or unknown link.
    @discardableResult
    public func setPassword(resetSecret secret: String, password: String) async throws -> Account {
        try Password.validate(password)
        let digest = Secret.digest(secret)
        guard try await passwordResetAccount(secret) != nil else { throw PasswordResetInvalid() }
        let hash = await Password.hash(password)
        let now = Timestamp.format(clock())
        return try await writer.write { db in
            guard let account = try Self.resetAccount(digest, now: now, in: db) else { throw PasswordResetInvalid() }
            try db.execute(sql: "UPDATE account SET password_hash = ? WHERE id = ?", arguments: [hash, account.id])
            try db.execute(sql: "UPDATE password_reset SET used_at = ? WHERE hash = ?", arguments: [now, digest])
            try db.execute(sql: "DELETE FROM session WHERE account_id = ?", arguments: [account.id])
            return try Self.account(account.id, in: db)
        }
    }

    private static func resetAccount(_ digest: String, now: String, in db: Database) throws -> Account? {
        guard let id = try Int64.fetchOne(db, sql: """
            SELECT r.account_id FROM password_reset r JOIN account a ON a.id = r.account_id
            WHERE r.hash = ? AND r.used_at IS NULL AND r.expires_at > ? AND a.disabled_at IS NULL
            """, arguments: [digest, now]) else { return nil }
        return try account(id, in: db)
    }

    static func account(_ id: Int64, in db: Database) throws -> Account {
        guard let row = try Row.fetchOne(db, sql: "SELECT \(Account.columns) FROM account a WHERE a.id = ?", arguments: [id]) else {
            throw ValidationError("account", "there is no account \(id)")
        }
        return Account(row, officials: try officials(ofAccount: id, in: db))
    }

    static func officials(ofAccount id: Int64, in db: Database) throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT official_id FROM account_official WHERE account_id = ? ORDER BY official_id", arguments: [id])
    }
}

/// A password link as it is handed out: the secret for the set-password page's URL
/// (shown once; the register keeps only its hash) and when it stops working.
public struct PasswordReset: Sendable {
    /// How long a link works: one day.
    public static let lifetime: TimeInterval = 24 * 3600
    public let secret: String
    public let expiresAt: Date
}

/// A password link that was used already, has expired, was replaced by a newer one,
/// or never existed.
public struct PasswordResetInvalid: Error, CustomStringConvertible {
    public var description: String { "this password link is used, expired or unknown; ask the registrar for a new one" }
}
