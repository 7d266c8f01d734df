import Foundation
import GRDB

/// What the four catalogue kinds (units, officials, organisations, issues) share,
/// so that adding and updating them is one write path.
public protocol CatalogueEntry: Codable, Sendable {
    associatedtype Projection: Codable & Sendable
    static var noun: String { get }
    static var table: String { get }
    static var added: ChangeType { get }
    static var updated: ChangeType { get }
    static var redacted: ChangeType { get }
    func validated() throws(ValidationError) -> Self
    /// The public projection: what feeds, exports and push may show.
    func projection(id: Int64) -> Projection
    /// Top-level values that are not public; the ledger holds them as commitments.
    var confidential: [String: JSONValue] { get }
    func checkReferences(_ db: Database) throws
    /// The ids of the published meetings whose search text names this entry (`?` is its id).
    static var meetingsNamingIt: String? { get }
    /// The column whose value the published meetings' tallies depend on (an official's
    /// unit, an organisation's kind), if any; see `MeetingTallies`.
    static var tallyColumn: String? { get }
    func save(id: Int64?, sequence: Int64, in db: Database) throws -> Int64
}

extension CatalogueEntry {
    public var confidential: [String: JSONValue] { [:] }
    public func checkReferences(_ db: Database) throws {}
    public static var meetingsNamingIt: String? { nil }
    public static var tallyColumn: String? { nil }
}

extension Register {
    /// Adds a catalogue entry and returns its id.
    @discardableResult
    public func add<Entry: CatalogueEntry>(_ entry: Entry, by actor: Principal) throws -> Int64 {
        try actor.requireRegistrar("keep the catalogue")
        let valid = try entry.validated()
        let now = clock()
        return try writer.write { db in
            var tail = try LedgerTail(db)
            return try Self.add(valid, by: actor, at: now, onto: &tail, in: db)
        }
    }

    /// Adds a validated catalogue entry in the open transaction `db`, its change
    /// appended to `tail` (an import adds its records one after another to one tail).
    static func add<Entry: CatalogueEntry>(_ valid: Entry, by actor: Principal, at now: Date, onto tail: inout LedgerTail,
                                           in db: Database) throws -> Int64 {
        try valid.checkReferences(db)
        let id = try valid.save(id: nil, sequence: 0, in: db)
        try record(valid, id: id, type: Entry.added, by: actor, at: now, onto: &tail, in: db)
        return id
    }

    /// Replaces a catalogue entry's fields; its id stays.
    public func update<Entry: CatalogueEntry>(_ id: Int64, with entry: Entry, by actor: Principal) throws {
        try actor.requireRegistrar("keep the catalogue")
        let valid = try entry.validated()
        let now = clock()
        try writer.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM \(Entry.table) WHERE id = ?", arguments: [id]) == true else {
                throw ValidationError("id", "no \(Entry.noun) with id \(id)")
            }
            try valid.checkReferences(db)
            if let column = Entry.tallyColumn, let naming = Entry.meetingsNamingIt {
                try MeetingTallies.recounting(Entry.table, id, column: column, meetings: naming, in: db) {
                    _ = try valid.save(id: id, sequence: 0, in: db)
                }
            } else {
                _ = try valid.save(id: id, sequence: 0, in: db)
            }
            try record(valid, id: id, type: Entry.updated, by: actor, at: now, in: db)
            if let sql = Entry.meetingsNamingIt {
                for meetingId in try Int64.fetchAll(db, sql: sql, arguments: [id]) { try SearchIndex.index(meetingId: meetingId, in: db) }
            }
        }
    }

    func record<Entry: CatalogueEntry>(_ entry: Entry, id: Int64, type: ChangeType, reason: String? = nil, redacts: JSONValue? = nil,
                                       by actor: Principal, at date: Date, in db: Database) throws {
        var tail = try LedgerTail(db)
        try Self.record(entry, id: id, type: type, reason: reason, redacts: redacts, by: actor, at: date, onto: &tail, in: db)
    }

    static func record<Entry: CatalogueEntry>(_ entry: Entry, id: Int64, type: ChangeType, reason: String? = nil, redacts: JSONValue? = nil,
                                              by actor: Principal, at date: Date, onto tail: inout LedgerTail, in db: Database) throws {
        guard case .object(var data) = try JSONValue.from(entry.projection(id: id)) else { return }
        for (key, value) in entry.confidential { data[key] = value }
        let change = try tail.append(
            ChangeDraft(type: type, entityId: id, actor: actor, reason: reason, data: .object(data),
                        secrets: entry.confidential.keys.sorted().map { JSONPointer([$0]) }, redacts: redacts),
            at: date, in: db)
        try db.executeCached(sql: "UPDATE \(Entry.table) SET updated_seq = ? WHERE id = ?", arguments: [change.sequence, id])
    }
}

func requireExists(_ table: String, _ noun: String, id: Int64, field: String, in db: Database) throws {
    guard try Bool.fetchOne(db, sql: "SELECT 1 FROM \(table) WHERE id = ?", arguments: [id]) == true else {
        throw ValidationError(field, "no \(noun) with id \(id)")
    }
}
