import GRDB

extension RegisterSnapshot {
    /// The public meeting `id` as it stands now (published or withdrawn); nil for a
    /// draft or an id the register has not used, since drafts are never public.
    public func publicMeeting(_ id: Int64) throws -> PublicMeeting? {
        try PublicMeetingReader.fetch(ids: [id], in: db).first
    }

    /// Every public change of meeting `id` in ledger order, each with the meeting as it
    /// stood after it, read from the stored public form of the ledger (so redacted
    /// values are absent from every version).
    public func publicChanges(ofMeeting id: Int64) throws -> [PublicChange] {
        try Row.fetchAll(db, sql: """
            SELECT \(Register.publicChangeColumns) FROM change
            WHERE entity = 'meeting' AND entity_id = ? AND public = 1 ORDER BY seq
            """, arguments: [id]).map(Register.publicChange)
    }
}

extension RegisterSnapshot {
    /// Streams the stored changes after `sequence` in ledger order, as `insyn ledger
    /// export` writes them (each entry's `line(view:)`).
    public func forEachLedgerEntry(after sequence: Int64 = 0, _ body: (LedgerEntry) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: "SELECT \(Register.entryColumns) FROM change WHERE seq > ? ORDER BY seq",
                                       arguments: [sequence])
        while let row = try rows.next() {
            try body(try Register.entry(row))
        }
    }
}
