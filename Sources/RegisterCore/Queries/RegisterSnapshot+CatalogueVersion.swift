import GRDB

extension RegisterSnapshot {
    /// The sequence number of the latest change to a unit, official, organisation or
    /// issue (0 before any): the public catalogue is the same while this is, however
    /// many meetings are recorded, so what is derived from it alone can be kept.
    public func catalogueVersion() throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: """
            SELECT MAX(seq) FROM change WHERE entity IN ('unit', 'official', 'organisation', 'issue')
            """)) ?? 0
    }
}
