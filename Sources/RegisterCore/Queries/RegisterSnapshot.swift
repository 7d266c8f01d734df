import Foundation
import GRDB

/// The register as it stood at one moment: every read made through a snapshot runs
/// in the same read transaction, so an export's records and the ledger head it
/// carries describe the same state even while others write. A snapshot is valid
/// only inside the closure given to `Register.read`.
public struct RegisterSnapshot {
    let db: Database

    public func settings() throws -> RegisterSettings {
        try RegisterSettings.load(db)
    }

    public func ledgerHead() throws -> LedgerHead {
        try Register.ledgerHead(db)
    }

    public func units() throws -> [PublicUnit] {
        try PublicCatalogueReader.units(db)
    }

    public func officials() throws -> [PublicOfficial] {
        try PublicCatalogueReader.officials(db)
    }

    public func organisations() throws -> [PublicOrganisation] {
        try PublicCatalogueReader.organisations(db)
    }

    public func issues() throws -> [PublicIssue] {
        try PublicCatalogueReader.issues(db)
    }

    /// Streams the public meetings matching `filter` in `order`, in constant memory.
    public func forEachPublicMeeting(_ filter: MeetingFilter = .all, order: MeetingOrder = .id,
                                     _ body: (PublicMeeting) throws -> Void) throws {
        try PublicMeetingReader.forEach(filter, order: order, in: db, body)
    }

    public func publicMeetingCount(_ filter: MeetingFilter = .all) throws -> Int {
        try PublicMeetingReader.count(filter, in: db)
    }

    /// Streams the public changes after `sequence` in ledger order, in constant memory.
    /// Drafts are not public and never appear.
    public func forEachPublicChange(after sequence: Int64, _ body: (PublicChange) throws -> Void) throws {
        let rows = try Row.fetchCursor(
            db, sql: "SELECT \(Register.publicChangeColumns) FROM change WHERE seq > ? AND public = 1 ORDER BY seq",
            arguments: [sequence])
        while let row = try rows.next() {
            try body(try Register.publicChange(row))
        }
    }
}

extension Register {
    /// Runs `body` with a snapshot of the register: one read transaction for all its reads.
    public func read<T>(_ body: (RegisterSnapshot) throws -> T) throws -> T {
        try writer.read { db in try body(RegisterSnapshot(db: db)) }
    }
}
