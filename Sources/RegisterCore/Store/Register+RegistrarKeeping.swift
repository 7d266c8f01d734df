import Foundation
import GRDB

/// The registrar's keeping of accounts, tokens, grounds and push deliveries as the
/// registrar's pages do it: each checks the actor's role, then does what the
/// command line (the shell, which may do everything) does.
extension Register {
    @discardableResult
    public func addAccount(_ account: NewAccount, by actor: Principal) throws -> Account {
        try actor.requireRegistrar("manage accounts")
        return try addAccount(account)
    }

    public func disableAccount(_ id: Int64, by actor: Principal) throws {
        try actor.requireRegistrar("manage accounts")
        try disableAccount(id)
    }

    public func passwordResetLink(for id: Int64, by actor: Principal) throws -> PasswordReset {
        try actor.requireRegistrar("manage accounts")
        return try passwordResetLink(for: id)
    }

    public func createToken(_ token: NewAPIToken, by actor: Principal) throws -> CreatedAPIToken {
        try actor.requireRegistrar("manage API tokens")
        return try createToken(token)
    }

    public func revokeToken(_ id: Int64, by actor: Principal) throws {
        try actor.requireRegistrar("manage API tokens")
        try revokeToken(id)
    }

    /// Puts an endpoint's dead letters back in the queue (see `requeueDeadLetters`).
    @discardableResult
    public func retryDeadLetters(endpoint id: Int64, by actor: Principal) throws -> Int {
        try actor.requireRegistrar("manage push endpoints")
        _ = try endpoint(id)
        return try requeueDeadLetters(endpoint: id)
    }

    /// Replaces a listed ground's wording; meetings that cite the old wording keep it.
    public func updateLegalGround(_ id: Int64, with ground: LegalGround, by actor: Principal) throws {
        try actor.requireRegistrar("keep the list of legal grounds")
        let valid = try ground.validated()
        try writer.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM legal_ground WHERE id = ?", arguments: [id]) == true else {
                throw ValidationError("id", "no legal ground with id \(id)")
            }
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM legal_ground WHERE ground = ? AND id <> ?", arguments: [valid.ground, id]) == true {
                throw ValidationError("ground", "\(ValidationError.quote(valid.ground)) is on the list already", rule: .onTheListAlready)
            }
            try db.execute(sql: "UPDATE legal_ground SET ground = ?, description = ? WHERE id = ?",
                           arguments: [valid.ground, valid.description, id])
        }
    }
}

extension RegisterSnapshot {
    /// The personnummer of sole traders, by organisation id: for the registrar's
    /// catalogue form and the auditor, never a public output.
    public func soleTraderPersonnummer() throws -> [Int64: String] {
        Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT organisation_id, personnummer FROM organisation_private").map {
            ($0["organisation_id"] as Int64, $0["personnummer"] as String)
        })
    }
}

extension Day {
    /// The first instant after this day in `timeZone`: a token that "works through"
    /// a day expires then.
    public func end(in timeZone: TimeZone) -> Date? {
        guard let start = Timestamp.parse(description + "T00:00", timeZone: timeZone) else { return nil }
        return Timestamp.parse(Day(start.addingTimeInterval(36 * 3600), in: timeZone).description + "T00:00", timeZone: timeZone)
    }
}
