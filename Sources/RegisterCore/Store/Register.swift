import Foundation
import GRDB

/// The register: one SQLite database and the only way to change it. Every write
/// method validates its input, then in one transaction appends one change to the
/// ledger, updates the current-state tables and the search index, and queues one
/// delivery per push endpoint (DESIGN invariant 1). The database itself is not
/// public: others read through `read`, `readDatabase` and the query methods.
public struct Register: Sendable {
    let writer: RegisterDatabase
    let clock: @Sendable () -> Date

    /// SQLite's `synchronous` setting: `full` makes every commit durable across a power
    /// cut in WAL mode; `normal` may lose the newest commits, and is used only to
    /// measure what `full` costs (`insyn bench write`).
    enum Synchronous: String {
        case full = "FULL"
        case normal = "NORMAL"
    }

    static let busyTimeout: TimeInterval = 10

    private init(writer: RegisterDatabase, clock: @escaping @Sendable () -> Date) {
        self.writer = writer
        self.clock = clock
    }

    /// Opens (creating if needed) the register at `database`, migrating its schema.
    init(_ database: any DatabaseWriter, clock: @escaping @Sendable () -> Date) throws {
        self.init(writer: RegisterDatabase(database), clock: clock)
        try writer.read { db in try Schema.refuseNewer(db) }
        try writer.migrate(Schema.migrator)
    }

    /// A register in a file: WAL mode, every commit synced to disk, foreign keys on.
    public static func open(path: String, clock: @escaping @Sendable () -> Date = { Date() }) throws -> Register {
        try open(path: path, clock: clock, busyTimeout: busyTimeout, synchronous: .full)
    }

    static func open(path: String, clock: @escaping @Sendable () -> Date = { Date() }, busyTimeout: TimeInterval,
                     synchronous: Synchronous = .full) throws -> Register {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration(busyTimeout: busyTimeout, synchronous: synchronous))
            // GRDB sets NORMAL on the writer when it turns WAL on, after `prepareDatabase`.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = \(synchronous.rawValue)") }
        } catch let error as DatabaseError {
            throw RegisterFailure(error)
        }
        return try Register(pool, clock: clock)
    }

    /// An empty register in memory, for tests.
    public static func inMemory(clock: @escaping @Sendable () -> Date = { Date() }) throws -> Register {
        try Register(DatabaseQueue(configuration: configuration()), clock: clock)
    }

    static func configuration(busyTimeout: TimeInterval = busyTimeout, synchronous: Synchronous = .full) -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(busyTimeout)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = \(synchronous.rawValue)")
            // 16 MiB of pages per connection (SQLite's default is 2 MiB): a subject page reads a hundred
            // meetings scattered over the file, and with the default each read evicted the last one's pages.
            try db.execute(sql: "PRAGMA cache_size = -16384")
            try SearchRank.register(in: db)
        }
        return configuration
    }

    /// The same register, its changes timed by `clock` instead (the demo's story, tests).
    public func withClock(_ clock: @escaping @Sendable () -> Date) -> Register {
        Register(writer: writer, clock: clock)
    }

    /// Runs `body` with this register such that every change it makes through the
    /// write methods is committed together, or none is (the demo is all-or-nothing).
    func inOneTransaction<T>(_ body: (Register) throws -> T) throws -> T {
        try writer.inOneTransaction { shared in try body(Register(writer: shared, clock: clock)) }
    }

    /// Runs `body` with the database in a read-only transaction, for inspection
    /// (tests, diagnostics): SQLite refuses any write made in it.
    public func readDatabase<T>(_ body: (Database) throws -> T) throws -> T {
        try writer.read(body)
    }

    /// The register's settings (time zone, base URL, tag authority, licence).
    public func settings() throws -> RegisterSettings {
        try writer.read { db in try RegisterSettings.load(db) }
    }

    public func update(settings: RegisterSettings, by actor: Principal) throws {
        try actor.requireRegistrar("change the register's settings")
        try settings.validated()
        try writer.write { db in try settings.save(db) }
    }

    /// Closes the database once what runs in it is done, its write-ahead log emptied into
    /// the file. The register must not be used afterwards.
    public func close() throws {
        try writer.close()
    }

    /// Whether the register holds any change yet.
    public func isEmpty() throws -> Bool {
        try writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM change") == 0 }
    }
}
