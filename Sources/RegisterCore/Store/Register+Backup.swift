import Foundation
import GRDB

/// What a backup or a restore wrote: where, the ledger head the copy ends at, its size.
public struct RegisterCopyReport: Sendable {
    public var path: String
    public var head: LedgerHead
    public var bytes: Int64
    /// The schema the copy has (a restored older backup is migrated to this program's).
    public var schema: String
}

extension Register {
    /// How many database pages the online backup copies per step (4 MiB of 4 KiB pages).
    static let backupPagesPerStep: Int32 = 1_024

    /// Copies the register as it stands at one instant to `path` while others go on
    /// writing it (SQLite's online backup, inside one read transaction). The copy is made
    /// in a temporary file beside `path`, mode 0600 from its creation since it holds
    /// confidential values, turned into a single file (no write-ahead log), flushed to
    /// disk and only then given its name. An existing file at `path` is kept unless `replacing`.
    public func backup(to path: String, replacing: Bool = false) throws -> RegisterCopyReport {
        guard replacing || !RegisterFile.exists(path) else { throw RegisterFileError(operation: "create", path: path, errno: EEXIST) }
        let temporary = try RegisterFile.createTemporary(beside: path, purpose: "backup")
        do {
            let copy = try DatabaseQueue(path: temporary)
            try writer.backup(to: copy, pagesPerStep: Self.backupPagesPerStep)
            let (head, schema) = try Self.singleFile(copy)
            try copy.close()
            try RegisterFile.sync(temporary)
            try RegisterFile.move(temporary, to: path, replacing: replacing)
            return RegisterCopyReport(path: path, head: head, bytes: Self.size(of: path), schema: schema)
        } catch {
            RegisterFile.remove(temporary)
            throw Self.mapped(error)
        }
    }

    /// Puts the backup at `source` in the place of the register at `path`. Nothing at
    /// `path` changes until the copy has passed every check: SQLite's full
    /// `integrity_check`, a schema this program knows (an older one is migrated), and
    /// the whole ledger recomputed. The copy is written to a temporary file beside
    /// `path`, flushed and renamed over it. An existing register is replaced only when
    /// `replacing`, and only if no other program has it open (stop the server first).
    public static func restore(from source: String, to path: String, replacing: Bool = false) throws -> RegisterCopyReport {
        guard RegisterFile.exists(source) else { throw RegisterFileError(operation: "read", path: source, errno: ENOENT) }
        guard replacing || !RegisterFile.exists(path) else {
            throw RegisterDamage("a register is already at \(path); add --force to replace it with the backup")
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let temporary = try RegisterFile.createTemporary(beside: path, purpose: "restore")
        do {
            var readOnly = Configuration()
            readOnly.readonly = true
            let backup = try DatabaseQueue(path: source, configuration: readOnly)
            let copy = try DatabaseQueue(path: temporary)
            try RegisterDatabase(backup).backup(to: copy, pagesPerStep: backupPagesPerStep)
            try backup.close()
            try copy.writeWithoutTransaction { db in
                guard try db.tableExists("change"), try db.tableExists("grdb_migrations") else {
                    throw RegisterDamage("\(source) is not an Insyn register")
                }
                let problems = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
                if let first = problems.first { throw RegisterDamage("\(source) is damaged (integrity_check: \(first))") }
                try Schema.refuseNewer(db)
            }
            try copy.close()
            let register = try Register.open(path: temporary)
            let head: LedgerHead
            do {
                head = try register.verifyLedger()
            } catch let failure as LedgerFailure {
                throw RegisterDamage("the ledger in \(source) does not verify: \(failure)")
            }
            let schema = try register.readDatabase { db in try Schema.migrator.appliedMigrations(db).last } ?? "none"
            try register.close()
            let migrated = try DatabaseQueue(path: temporary)
            _ = try singleFile(migrated)
            try migrated.close()
            try RegisterFile.sync(temporary)
            if RegisterFile.exists(path) {
                try replace(path, with: temporary)
            } else {
                try RegisterFile.move(temporary, to: path, replacing: false)
            }
            return RegisterCopyReport(path: path, head: head, bytes: size(of: path), schema: schema)
        } catch {
            RegisterFile.remove(temporary)
            throw mapped(error)
        }
    }

    /// Renames `temporary` over the register at `path` while holding it exclusively:
    /// leaving WAL mode checkpoints its log and succeeds only when no other connection
    /// has it open, so no server's write can land in the file being replaced and no
    /// stale log is left to be replayed into the restored one.
    private static func replace(_ path: String, with temporary: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .immediateError
        let existing = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? existing.close() }
        try existing.writeWithoutTransaction { db in
            let mode: String?
            do {
                mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
                mode = nil
            }
            guard mode == "delete" else {
                throw RegisterDamage("the register at \(path) is in use by another program; stop `insyn serve` (and `insyn push`) first")
            }
            try db.execute(sql: "BEGIN EXCLUSIVE")
            defer { try? db.execute(sql: "ROLLBACK") }
            try RegisterFile.move(temporary, to: path, replacing: true)
        }
    }

    /// Takes a copy out of WAL mode (checkpointing its log into the file and removing it),
    /// so it is one self-contained file; returns its head and schema.
    private static func singleFile(_ copy: DatabaseQueue) throws -> (LedgerHead, String) {
        try copy.writeWithoutTransaction { db in
            guard try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE") == "delete" else {
                throw RegisterDamage("the copy could not be made one self-contained file (another connection has it open)")
            }
            let schema = (try? Schema.migrator.appliedMigrations(db).last) ?? "none"
            return (try db.tableExists("change") ? ledgerHead(db) : .empty, schema)
        }
    }

    private static func size(of path: String) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber)?.int64Value ?? 0
    }

    private static func mapped(_ error: any Error) -> any Error {
        (error as? DatabaseError).map(RegisterFailure.init) ?? error
    }
}
