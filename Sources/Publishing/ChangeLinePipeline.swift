import Dispatch
import RegisterCore
import Synchronization

/// Stored changes copied out of a read, to be written as lines later: each change's
/// hash and body end to end in one array, with its sequence and where they end.
struct ChangeBatch: Sendable {
    private struct Entry: Sendable {
        var sequence: Int64
        var hashEnd: Int
        var bodyEnd: Int
    }

    private(set) var bytes: [UInt8] = []
    private var entries: [Entry] = []

    init() {
        bytes.reserveCapacity(ChangeLinesExport.bufferSize + 16 * 1024)
        entries.reserveCapacity(512)
    }

    var isEmpty: Bool { entries.isEmpty }

    mutating func add(_ change: StoredChangeRow) {
        bytes.append(contentsOf: change.hashBytes.assumingMemoryBound(to: UInt8.self))
        let hashEnd = bytes.count
        bytes.append(contentsOf: change.body.assumingMemoryBound(to: UInt8.self))
        entries.append(Entry(sequence: change.sequence, hashEnd: hashEnd, bodyEnd: bytes.count))
    }

    /// Appends each change's line to `out`, in order, as `ChangeLineTranscoder` writes
    /// it or, when it declines, as `PublicJSON.change` writes the decoded change.
    func lines(_ transcoder: ChangeLineTranscoder, _ records: PublicJSON, into out: ChangeLineBuffer) throws {
        try bytes.withUnsafeBytes { all in
            var start = 0
            for entry in entries {
                let change = StoredChangeRow(sequence: entry.sequence,
                                             hash: UnsafeRawBufferPointer(rebasing: all[start..<entry.hashEnd]),
                                             body: UnsafeRawBufferPointer(rebasing: all[entry.hashEnd..<entry.bodyEnd]))
                if !transcoder.append(change, to: out) {
                    out.append(try records.changeBytes(try change.decoded()))
                    out.append(0x0A)
                }
                start = entry.bodyEnd
            }
        }
    }
}

/// Writes the lines of the batches of changes to the sink on another thread while
/// the caller reads the next batches from the database, so that reading and writing
/// take the time of the slower of the two instead of their sum. Reading is the
/// slower (it is most of what `sqlite3` itself spends), so the caller's thread does
/// nothing else: the transcoding and the sink's copies and hand-overs all happen
/// here, up to `depth` batches behind the reading, so that a moment's wait of the
/// sink (a client reading) does not stop the reading at once. The batches are
/// written one at a time, in order, on a serial queue of its own rather than on the
/// shared concurrent one: a sink may block (a web response waits for its client),
/// and a blocked thread of the shared pool is one fewer for every request's tasks.
final class ChangeLinePipeline: @unchecked Sendable {
    static let depth = 2

    private let transcoder: ChangeLineTranscoder
    private let records: PublicJSON
    private let sink: any ByteSink
    /// The lines of the batch being written, kept from batch to batch (only the queue touches it).
    private let lines = ChangeLineBuffer(capacity: 2 * ChangeLinesExport.bufferSize)
    private let queue = DispatchQueue(label: "insyn.change-lines")
    /// Counted up from zero in `init` (libdispatch traps when a semaphore is freed below its initial value).
    private let slots = DispatchSemaphore(value: 0)
    /// What writing a batch threw; the batches after it are not written.
    private let failure = Mutex<(any Error)?>(nil)

    init(_ publication: Publication, writingTo sink: any ByteSink) {
        transcoder = ChangeLineTranscoder(publication)
        records = PublicJSON(publication)
        self.sink = sink
        for _ in 0..<Self.depth { slots.signal() }
    }

    /// Waits while `depth` batches are still to be written, then queues `batch`'s lines.
    /// Throws what writing an earlier batch threw (a client gone, a full disk).
    func submit(_ batch: ChangeBatch) throws {
        guard !batch.isEmpty else { return try rethrow() }
        slots.wait()
        do {
            try rethrow()
        } catch {
            slots.signal()
            throw error
        }
        queue.async { [self] in
            defer { slots.signal() }
            guard failure.withLock({ $0 == nil }) else { return }
            do {
                lines.count = 0
                try batch.lines(transcoder, records, into: lines)
                try sink.write(lines.bytes)
            } catch {
                failure.withLock { $0 = error }
            }
        }
    }

    /// Waits for the batches still to be written and throws what writing one threw.
    func finish() throws {
        queue.sync {}
        try rethrow()
    }

    /// Waits for the batches still to be written, so that nothing touches the sink
    /// after the caller gives up on it; what they threw no longer matters.
    func abandon() {
        queue.sync {}
    }

    private func rethrow() throws {
        if let error = failure.withLock({ $0 }) { throw error }
    }
}
