import GRDB

extension Register {
    /// Runs `body` with a snapshot of the register off the caller's thread: what a
    /// server handler uses, so that no read blocks its event loop.
    public func read<T: Sendable>(_ body: @escaping @Sendable (RegisterSnapshot) throws -> T) async throws -> T {
        try await writer.read { db in try body(RegisterSnapshot(db: db)) }
    }
}
