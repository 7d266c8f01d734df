import GRDB

extension RegisterSnapshot {
    /// The ledger position of the newest redaction, 0 when there is none: a document
    /// written before it may hold a value that is no longer public.
    public func newestRedactionSequence() throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT MAX(seq) FROM change WHERE type LIKE '%.redacted'")) ?? 0
    }
}
