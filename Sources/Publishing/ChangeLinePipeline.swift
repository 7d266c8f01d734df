import Dispatch
import RegisterCore

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

/// Writes the lines of one batch of changes to the sink on another thread while the
/// caller reads the next batch from the database, so that reading and writing take
/// the time of the slower of the two instead of their sum. Reading is the slower (it
/// is most of what `sqlite3` itself spends), so the caller's thread does nothing
/// else: the transcoding and the sink's copies and hand-overs all happen here. One
/// batch is written at a time, in the batches' order, so the sink is used by one
/// thread at a time.
final class ChangeLinePipeline: @unchecked Sendable {
    private let transcoder: ChangeLineTranscoder
    private let records: PublicJSON
    private let sink: any ByteSink
    /// The lines of the batch being written, kept from batch to batch.
    private let lines = ChangeLineBuffer(capacity: 2 * ChangeLinesExport.bufferSize)
    private let done = DispatchSemaphore(value: 0)
    /// Whether a batch is being written; `failure` is read only after `done` is signalled.
    private var pending = false
    private var failure: (any Error)?

    init(_ publication: Publication, writingTo sink: any ByteSink) {
        transcoder = ChangeLineTranscoder(publication)
        records = PublicJSON(publication)
        self.sink = sink
    }

    /// Waits for the batch being written, if any, then starts writing `batch`'s lines.
    /// Throws what writing an earlier batch threw (a client gone, a full disk).
    func submit(_ batch: ChangeBatch) throws {
        try finish()
        guard !batch.isEmpty else { return }
        pending = true
        DispatchQueue.global().async { [self] in
            do {
                lines.count = 0
                try batch.lines(transcoder, records, into: lines)
                try sink.write(lines.bytes)
            } catch {
                failure = error
            }
            done.signal()
        }
    }

    /// Waits for the batch being written, if any, and throws what writing it threw.
    func finish() throws {
        guard pending else { return }
        done.wait()
        pending = false
        if let failure {
            self.failure = nil
            throw failure
        }
    }

    /// Waits for the batch being written, if any, so that nothing touches the sink
    /// after the caller gives up on it; what it threw no longer matters.
    func abandon() {
        try? finish()
    }
}
