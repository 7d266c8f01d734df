import Foundation
import GRDB

/// The newest change of the ledger: what exports carry so that a reader can tell
/// which state of the register they show, and an auditor can pin the chain's end.
public struct LedgerHead: Sendable, Equatable, Codable {
    public var sequence: Int64
    public var hash: String
    public var at: Date?

    public static let empty = LedgerHead(sequence: 0, hash: LedgerEntry.genesisHash, at: nil)
}

extension Register {
    public func ledgerHead() throws -> LedgerHead {
        try writer.read { db in try Self.ledgerHead(db) }
    }

    static func ledgerHead(_ db: Database) throws -> LedgerHead {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT seq, hash, at FROM change ORDER BY seq DESC LIMIT 1")) else { return .empty }
        return LedgerHead(sequence: row["seq"], hash: row["hash"], at: Timestamp.parse(row["at"]))
    }

    /// Streams the stored changes after `sequence`, in order, in one read transaction.
    public func forEachLedgerEntry(after sequence: Int64 = 0, _ body: (LedgerEntry) throws -> Void) throws {
        try writer.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT \(Self.entryColumns) FROM change WHERE seq > ? ORDER BY seq",
                                           arguments: [sequence])
            while let row = try rows.next() {
                try body(try Self.entry(row))
            }
        }
    }

    /// The columns `entry(_:)` reads.
    /// (A change stored before `v11-importspeed2` has its openings in `openings` and needs not its public body read.)
    static let entryColumns = """
        seq, body, hash, openings, salts, kept_openings, CASE WHEN openings IS NULL THEN public_body END AS public_body, confidential, redacted
        """

    /// A stored change, its openings in either stored form (`StoredOpenings`).
    static func entry(_ row: Row) throws -> LedgerEntry {
        let body = try JSONValue.parse(Data((row["body"] as String).utf8))
        var openings: [JSONPointer: LedgerEntry.Opening] = [:]
        if let text = row["openings"] as String? {
            if case .object(let members) = try JSONValue.parse(Data(text.utf8)) {
                for (pointer, opening) in members {
                    if let pointer = JSONPointer(pointer), let salt = opening["salt"]?.stringValue, let value = opening["value"] {
                        openings[pointer] = .init(salt: salt, value: value)
                    }
                }
            }
        } else if let salts = row["salts"] as Data? {
            openings = StoredOpenings.openings(body: body, salts: salts, kept: row["kept_openings"], publicBody: row["public_body"])
        }
        return LedgerEntry(sequence: row["seq"], body: body, hash: row["hash"], openings: openings,
                           confidential: try LedgerPointers.parse(row["confidential"]),
                           redacted: try LedgerPointers.parse(row["redacted"]))
    }

    /// The columns `publicChange(_:)` reads.
    static let publicChangeColumns = "seq, public_body, hash"

    /// A public change from its stored public form: every public value opened, every
    /// confidential or redacted one null.
    static func publicChange(_ row: Row) throws -> PublicChange {
        try PublicChange(canonicalBody: row["public_body"], hash: row["hash"])
    }

    /// Recomputes the stored chain and every opening; throws the first change that fails.
    @discardableResult
    public func verifyLedger() throws -> LedgerHead {
        var verifier = LedgerVerifier(view: .auditor)
        var last: LedgerEntry?
        try forEachLedgerEntry { entry in
            try verifier.check(entry)
            last = entry
        }
        return LedgerHead(sequence: verifier.count, hash: verifier.headHash, at: last?.at)
    }

    /// The public changes after `sequence` as public projections, in ledger order:
    /// what the incremental export and push deliver.
    public func publicChanges(after sequence: Int64, limit: Int? = nil) throws -> [PublicChange] {
        try writer.read { db in
            var sql = "SELECT \(Self.publicChangeColumns) FROM change WHERE seq > ? AND public = 1 ORDER BY seq"
            if let limit { sql += " LIMIT \(limit)" }
            return try Row.fetchAll(db, sql: sql, arguments: [sequence]).map(Self.publicChange)
        }
    }

    public func publicChange(sequence: Int64) throws -> PublicChange? {
        try writer.read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT \(Self.publicChangeColumns) FROM change WHERE seq = ? AND public = 1"), arguments: [sequence])
                .map(Self.publicChange)
        }
    }
}
