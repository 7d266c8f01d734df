import Foundation
import GRDB

extension Register {
    /// Checks an email and a password and starts a session. Refused with
    /// `SignInRefusal.locked` while the email or the client address is locked (see
    /// `SignInThrottle`; no password is checked then), and otherwise with
    /// `.wrongCredentials` for an unknown email, a wrong password or a disabled
    /// account, recording the failure. A success clears the email's failures.
    public func signIn(email: String, password: String, address: String) async throws -> Session {
        let email = NewAccount.normalised(email)
        let now = clock()
        if let lock = try await signInLock(email: email, address: address, at: now) { throw SignInRefusal.locked(until: lock.until) }
        let candidate = try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT id, password_hash FROM account WHERE email = ? AND disabled_at IS NULL", arguments: [email])
                .flatMap { row -> (id: Int64, hash: String)? in
                    guard let hash = row["password_hash"] as String? else { return nil }
                    return (row["id"], hash)
                }
        }
        let matches = await Password.verify(password, hash: candidate?.hash ?? Password.unmatchable)
        guard let candidate, matches else {
            let stamp = Timestamp.format(now)
            try await writer.write { db in
                try db.execute(sql: "INSERT INTO sign_in_failure(email, address, at) VALUES (?, ?, ?)", arguments: [email, address, stamp])
            }
            if let lock = try await signInLock(email: email, address: address, at: now) { throw SignInRefusal.locked(until: lock.until) }
            throw SignInRefusal.wrongCredentials
        }
        let id = Secret.generate(prefix: "")
        let csrf = Secret.generate(prefix: "")
        let stamp = Timestamp.format(now)
        let expired = Timestamp.format(now.addingTimeInterval(-Session.idleTimeout))
        let account = try await writer.write { db in
            try db.execute(sql: "DELETE FROM sign_in_failure WHERE email = ?", arguments: [email])
            try db.execute(sql: "DELETE FROM session WHERE last_seen_at <= ?", arguments: [expired])
            try db.execute(sql: "INSERT INTO session(hash, account_id, csrf, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [Secret.digest(id), candidate.id, csrf, stamp, stamp])
            return try Self.account(candidate.id, in: db)
        }
        return Session(id: id, csrfToken: csrf, account: account)
    }

    /// The session a cookie names, while it lasts; nil when it is unknown, ended, idle
    /// too long or its account is disabled. Each use counts as activity (recorded at
    /// most once a minute, so reading pages does not write on every request).
    public func session(_ id: String) async throws -> Session? {
        let now = clock()
        let digest = Secret.digest(id)
        let found = try await writer.read { db -> (csrf: String, lastSeen: Date, account: Account)? in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT s.csrf, s.last_seen_at, s.account_id FROM session s JOIN account a ON a.id = s.account_id
                WHERE s.hash = ? AND a.disabled_at IS NULL
                """, arguments: [digest]) else { return nil }
            return (row["csrf"], Timestamp.parse(row["last_seen_at"]) ?? .distantPast, try Self.account(row["account_id"], in: db))
        }
        guard let found else { return nil }
        guard now.timeIntervalSince(found.lastSeen) < Session.idleTimeout else {
            try await writer.write { db in try db.execute(sql: "DELETE FROM session WHERE hash = ?", arguments: [digest]) }
            return nil
        }
        if now.timeIntervalSince(found.lastSeen) >= 60 {
            let stamp = Timestamp.format(now)
            try await writer.write { db in
                try db.execute(sql: "UPDATE session SET last_seen_at = ? WHERE hash = ?", arguments: [stamp, digest])
            }
        }
        return Session(id: id, csrfToken: found.csrf, account: found.account)
    }

    /// Ends a session (sign-out); nothing happens for one that has ended already.
    public func endSession(_ id: String) async throws {
        let digest = Secret.digest(id)
        try await writer.write { db in try db.execute(sql: "DELETE FROM session WHERE hash = ?", arguments: [digest]) }
    }

    /// The sign-in locks in force now: emails first, then addresses.
    public func signInLocks() throws -> [SignInLock] {
        let now = clock()
        return try writer.read { db in
            try Self.locks(column: "email", threshold: SignInThrottle.accountFailures, value: nil, now: now, in: db)
                + Self.locks(column: "address", threshold: SignInThrottle.addressFailures, value: nil, now: now, in: db)
        }
    }

    /// Lifts the lock on an account's email by forgetting its failures; returns how many there were.
    @discardableResult
    public func unlockSignIn(account id: Int64) throws -> Int {
        try writer.write { db in
            let account = try Self.account(id, in: db)
            try db.execute(sql: "DELETE FROM sign_in_failure WHERE email = ?", arguments: [account.email])
            return db.changesCount
        }
    }

    /// Lifts the lock on a client address by forgetting its failures; returns how many there were.
    @discardableResult
    public func unlockSignIn(address: String) throws -> Int {
        try writer.write { db in
            try db.execute(sql: "DELETE FROM sign_in_failure WHERE address = ?", arguments: [address])
            return db.changesCount
        }
    }

    private func signInLock(email: String, address: String, at now: Date) async throws -> SignInLock? {
        try await writer.read { db in
            try Self.locks(column: "email", threshold: SignInThrottle.accountFailures, value: email, now: now, in: db).first
                ?? Self.locks(column: "address", threshold: SignInThrottle.addressFailures, value: address, now: now, in: db).first
        }
    }

    /// The values of `column` (all, or only `value`) with at least `threshold` failures
    /// in the window; each is locked until the threshold-th newest failure leaves it.
    private static func locks(column: String, threshold: Int, value: String?, now: Date, in db: Database) throws -> [SignInLock] {
        let since = Timestamp.format(now.addingTimeInterval(-SignInThrottle.window))
        let filter = value == nil ? "" : "AND \(column) = ?"
        let arguments: StatementArguments = value.map { [since, $0] } ?? [since]
        return try Row.fetchAll(db, sql: """
            SELECT \(column) AS subject, COUNT(*) AS failures FROM sign_in_failure
            WHERE at > ? \(filter) GROUP BY \(column) HAVING COUNT(*) >= \(threshold) ORDER BY \(column)
            """, arguments: arguments).map { row in
            let subject: String = row["subject"]
            let failures: Int = row["failures"]
            let pivot = try String.fetchOne(db, sql: """
                SELECT at FROM sign_in_failure WHERE \(column) = ? AND at > ? ORDER BY at DESC LIMIT 1 OFFSET ?
                """, arguments: [subject, since, threshold - 1]).flatMap { Timestamp.parse($0) } ?? now
            return SignInLock(subject: column == "email" ? .email(subject) : .address(subject), failures: failures,
                              until: pivot.addingTimeInterval(SignInThrottle.window))
        }
    }
}
