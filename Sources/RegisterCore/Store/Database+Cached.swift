import GRDB

extension Database {
    /// Runs a statement of the write path through the connection's statement cache, so
    /// that it is compiled once per connection instead of once per change: compiling
    /// (and GRDB's authorizer) took a third of the time of recording a meeting.
    func executeCached(sql: String, arguments: StatementArguments = StatementArguments()) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }

    /// The first row of a cached statement's result, if any.
    func rowCached(sql: String, arguments: StatementArguments = StatementArguments()) throws -> Row? {
        try Row.fetchOne(cachedStatement(sql: sql), arguments: arguments)
    }
}
