import Foundation
import GRDB

/// The register's way into its database. It is internal, so that only the register's
/// own methods write (DESIGN invariant 1), and every SQLite failure leaves it as a
/// `RegisterFailure`, which says what happened without the SQL.
///
/// Inside `Register.inOneTransaction`, reads and writes run in the one open
/// transaction instead of a transaction of their own: each write in a savepoint, so a
/// refused write still changes nothing, and each read read-only.
struct RegisterDatabase: Sendable {
    private let database: any DatabaseWriter
    private let sharesTransaction: Bool

    init(_ database: any DatabaseWriter) {
        self.database = database
        sharesTransaction = false
    }

    private init(sharing database: any DatabaseWriter) {
        self.database = database
        sharesTransaction = true
    }

    /// The file the register lives in; nil for one in memory.
    var path: String? {
        (database as? DatabasePool)?.path
    }

    /// Moves every committed page from the write-ahead log into the file and empties the
    /// log (GRDB closes a pool's writer before its readers, so SQLite would not), then
    /// closes every connection.
    func close() throws {
        try mapped {
            if let pool = database as? DatabasePool {
                try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
                try pool.close()
            } else if let queue = database as? DatabaseQueue {
                try queue.close()
            }
        }
    }

    /// Copies the database, as it stands at the start of one read transaction, into
    /// `destination` with SQLite's online backup, `pagesPerStep` pages at a time: in
    /// WAL mode writers go on meanwhile, and the copy is of that one instant.
    func backup(to destination: any DatabaseWriter, pagesPerStep: Int32) throws {
        try mapped { try database.backup(to: destination, pagesPerStep: pagesPerStep) }
    }

    func migrate(_ migrator: DatabaseMigrator) throws {
        try mapped { try migrator.migrate(database) }
    }

    func read<T>(_ value: (Database) throws -> T) throws -> T {
        try readBlocking(value)
    }

    private func readBlocking<T>(_ value: (Database) throws -> T) throws -> T {
        try mapped {
            guard sharesTransaction else { return try database.read(value) }
            return try database.unsafeReentrantWrite { db in
                Self.requireTransaction(db)
                return try db.readOnly { try value(db) }
            }
        }
    }

    /// A read through GRDB's async API: the caller's thread (a server's event loop)
    /// is free while the read runs on the database's own queue.
    func read<T: Sendable>(_ value: @escaping @Sendable (Database) throws -> T) async throws -> T {
        guard !sharesTransaction else { return try readBlocking(value) }
        do {
            return try await database.read(value)
        } catch let error as DatabaseError {
            throw RegisterFailure(error)
        }
    }

    func write<T>(_ updates: (Database) throws -> T) throws -> T {
        try writeBlocking(updates)
    }

    private func writeBlocking<T>(_ updates: (Database) throws -> T) throws -> T {
        try mapped {
            guard sharesTransaction else { return try database.write(updates) }
            return try database.unsafeReentrantWrite { db in
                Self.requireTransaction(db)
                var result: T?
                try db.inSavepoint {
                    result = try updates(db)
                    return .commit
                }
                return result!
            }
        }
    }

    /// A write through GRDB's async API, for a server handler: its thread is free
    /// while the write waits for the database.
    func write<T: Sendable>(_ updates: @escaping @Sendable (Database) throws -> T) async throws -> T {
        guard !sharesTransaction else { return try writeBlocking(updates) }
        do {
            return try await database.write(updates)
        } catch let error as DatabaseError {
            throw RegisterFailure(error)
        }
    }

    /// Runs `body` in one write transaction, with a database whose reads and writes
    /// all join it: everything `body` writes is committed together, or nothing is.
    func inOneTransaction<T>(_ body: (RegisterDatabase) throws -> T) throws -> T {
        guard !sharesTransaction else { return try body(self) }
        let shared = RegisterDatabase(sharing: database)
        return try mapped { try database.write { _ in try body(shared) } }
    }

    /// A shared database used after its transaction ended would write each statement
    /// in a transaction of its own, breaking the all-or-nothing promise.
    private static func requireTransaction(_ db: Database) {
        precondition(db.isInsideTransaction, "a register given to inOneTransaction was used after the transaction ended")
    }

    private func mapped<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw RegisterFailure(error)
        }
    }
}
