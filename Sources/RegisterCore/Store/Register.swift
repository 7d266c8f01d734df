import Foundation
import GRDB

/// The register: one SQLite database and the only way to change it. Every write
/// method validates its input, then in one transaction appends one change to the
/// ledger, updates the current-state tables and the search index, and queues one
/// delivery per push endpoint (DESIGN invariant 1).
public struct Register: Sendable {
    public let writer: any DatabaseWriter
    let clock: @Sendable () -> Date

    /// Opens (creating if needed) the register at `writer`, migrating its schema.
    public init(_ writer: any DatabaseWriter, clock: @escaping @Sendable () -> Date = { Date() }) throws {
        self.writer = writer
        self.clock = clock
        try Schema.migrator.migrate(writer)
    }

    /// A register in a file: WAL mode, foreign keys on.
    public static func open(path: String, clock: @escaping @Sendable () -> Date = { Date() }) throws -> Register {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return try Register(DatabasePool(path: path, configuration: configuration()), clock: clock)
    }

    /// An empty register in memory, for tests.
    public static func inMemory(clock: @escaping @Sendable () -> Date = { Date() }) throws -> Register {
        try Register(DatabaseQueue(configuration: configuration()), clock: clock)
    }

    static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        return configuration
    }

    /// The register's settings (time zone, base URL, tag authority, licence).
    public func settings() throws -> RegisterSettings {
        try writer.read { db in try RegisterSettings.load(db) }
    }

    public func update(settings: RegisterSettings) throws {
        try settings.validated()
        try writer.write { db in try settings.save(db) }
    }

    /// Whether the register holds any change yet.
    public func isEmpty() throws -> Bool {
        try writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM change") == 0 }
    }
}
