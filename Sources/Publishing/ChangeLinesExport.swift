import RegisterCore

/// The incremental export: the public changes after a ledger position as JSON Lines,
/// one `PublicJSON.change` event per line (described by `Data/schema/change.schema.json`),
/// so that a mirror can apply what is new since it last looked. Drafts are not
/// public and never appear. The changes are streamed from one read transaction, so
/// memory stays flat and the export ends at the ledger head it started from. Each
/// change is written from its stored form by `ChangeLineTranscoder` (the same bytes
/// as `PublicJSON.change`, without decoding it), or decoded when it declines; one
/// batch of changes is written while the next is read (`ChangeLinePipeline`), so that
/// the reading thread does nothing but read.
public struct ChangeLinesExport {
    public var after: Int64

    /// How many bytes of stored changes are read before they are handed to the pipeline.
    static let bufferSize = 256 * 1024

    public init(after sequence: Int64) {
        self.after = sequence
    }

    /// What an incremental export wrote and where the next one should start.
    public struct Summary: Sendable, Equatable {
        public var changes: Int
        /// The sequence of the last change written, if any.
        public var lastWritten: Int64?
        /// The ledger head the export read up to: pass it as the next `after`. It can
        /// be past `lastWritten` when the newest changes are drafts.
        public var resumeAfter: Int64
    }

    /// Writes the lines to `sink` and finishes the sink. Throws, writing nothing, when
    /// the position is negative or beyond the ledger's head.
    @discardableResult
    public func write(_ register: Register, to sink: any ByteSink) throws -> Summary {
        try register.read { snapshot in try write(snapshot, to: sink) }
    }

    /// The same, inside a snapshot's read transaction (the server streams it from one).
    @discardableResult
    public func write(_ snapshot: RegisterSnapshot, to sink: any ByteSink) throws -> Summary {
        let head = try snapshot.ledgerHead()
        guard after >= 0 else { throw ValidationError("since", "must be 0 or a positive ledger sequence") }
        guard after <= head.sequence else {
            throw ValidationError("since", "\(after) is beyond the ledger's last change (\(head.sequence)); is this the right register?")
        }
        let publication = Publication(settings: try snapshot.settings())
        var summary = Summary(changes: 0, lastWritten: nil, resumeAfter: head.sequence)
        let pipeline = ChangeLinePipeline(publication, writingTo: sink)
        defer { pipeline.abandon() }
        var batch = ChangeBatch()
        try snapshot.forEachStoredPublicChange(after: after) { change in
            batch.add(change)
            summary.changes += 1
            summary.lastWritten = change.sequence
            if batch.bytes.count >= Self.bufferSize {
                try pipeline.submit(batch)
                batch = ChangeBatch()
            }
        }
        try pipeline.submit(batch)
        try pipeline.finish()
        try sink.finish()
        return summary
    }
}
