import Foundation
import GRDB

/// Why a register is not fit to serve or to take another's place, in one line:
/// damaged pages, a schema this program does not know, a ledger whose newest
/// changes do not verify.
public struct RegisterDamage: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// What the checks before serving found: the schema, and the ledger's head with how
/// many of the newest changes were recomputed.
public struct StartCheck: Sendable {
    public var schema: String
    public var head: LedgerHead
    public var checkedChanges: Int
}

extension Register {
    /// How many of the newest changes the start check recomputes.
    public static let startCheckedChanges = 1_000

    /// The checks `insyn serve` runs before it takes a request: SQLite's `quick_check`
    /// (every page and index entry well formed; it skips only the index-content
    /// comparison of `integrity_check`), then the ledger's newest `changes` changes
    /// recomputed — each one's hash over its body, its `prev` equal to the hash before
    /// it, its openings matching their commitments, the head being the newest change.
    /// That is where a crash, a torn write or a hand edit shows first; a full
    /// `verifyLedger()` recomputes every change and is `insyn verify`'s job.
    public func checkBeforeServing(changes: Int = startCheckedChanges) throws -> StartCheck {
        let problems = try integrityProblems(quick: true)
        if let first = problems.first {
            throw RegisterDamage("the register's file is damaged (quick_check: \(first)\(problems.count > 1 ? " and \(problems.count - 1) more" : ""))")
        }
        let (head, checked) = try verifyNewestChanges(changes)
        let schema = try writer.read { db in try Schema.migrator.appliedMigrations(db).last } ?? "none"
        return StartCheck(schema: schema, head: head, checkedChanges: checked)
    }

    /// SQLite's own check of the file: nothing when it is sound, else its reports.
    /// `quick` skips comparing each index with its table (linear instead of N log N).
    public func integrityProblems(quick: Bool = false) throws -> [String] {
        try writer.read { db in
            try String.fetchAll(db, sql: quick ? "PRAGMA quick_check" : "PRAGMA integrity_check").filter { $0 != "ok" }
        }
    }

    /// Recomputes the newest `count` changes and the link from the one before them.
    func verifyNewestChanges(_ count: Int) throws -> (LedgerHead, Int) {
        let entries = try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.entryColumns) FROM change ORDER BY seq DESC LIMIT ?", arguments: [count + 1])
                .reversed().map(Self.entry)
        }
        guard let newest = entries.last else { return (.empty, 0) }
        var verifier: LedgerVerifier
        var checked = entries[...]
        if entries.count > count, let anchor = entries.first {
            guard LedgerEntry.hash(ofBody: anchor.body) == anchor.hash else {
                throw RegisterDamage("the ledger's head does not verify: change \(anchor.sequence) does not match its hash (it was altered)")
            }
            verifier = LedgerVerifier(view: .auditor, after: anchor.sequence, hash: anchor.hash)
            checked = checked.dropFirst()
        } else {
            verifier = LedgerVerifier(view: .auditor)
        }
        do {
            for entry in checked { try verifier.check(entry) }
        } catch {
            throw RegisterDamage("the ledger's head does not verify: \(error)")
        }
        return (LedgerHead(sequence: newest.sequence, hash: newest.hash, at: newest.at), entries.count)
    }
}

extension Schema {
    /// Refuses a register that a newer Insyn has migrated: this program would not
    /// know its tables, and its writes could break what the newer one keeps.
    static func refuseNewer(_ db: Database) throws {
        let known = Set(migrator.migrations)
        let unknown = try migrator.appliedIdentifiers(db).subtracting(known).sorted()
        if let first = unknown.first {
            throw RegisterDamage("the register was made by a newer Insyn (its schema has \(first), which this program does not know); run the newer program or restore a backup made for this one")
        }
    }
}
