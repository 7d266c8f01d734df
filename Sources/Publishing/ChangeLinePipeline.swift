import Dispatch
import RegisterCore

/// Stored changes copied out of a read, to be written as lines later: their bodies
/// end to end, with each change's end, sequence and hash.
struct ChangeBatch: Sendable {
    var bytes: [UInt8] = []
    var ends: [Int] = []
    var sequences: [Int64] = []
    var hashes: [String] = []

    init() {
        bytes.reserveCapacity(ChangeLinesExport.bufferSize + 16 * 1024)
    }

    mutating func add(_ change: StoredChangeRow) {
        bytes.append(contentsOf: change.body.bindMemory(to: UInt8.self))
        ends.append(bytes.count)
        sequences.append(change.sequence)
        hashes.append(change.hash)
    }

    /// Each change's line, in order, as `ChangeLineTranscoder` writes it or, when it
    /// declines, as `PublicJSON.change` writes the decoded change.
    func lines(_ transcoder: ChangeLineTranscoder, _ records: PublicJSON) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 2)
        try bytes.withUnsafeBytes { all in
            var start = 0
            for (index, end) in ends.enumerated() {
                let change = StoredChangeRow(sequence: sequences[index], hash: hashes[index],
                                             body: UnsafeRawBufferPointer(rebasing: all[start..<end]))
                if !transcoder.append(change, to: &out) {
                    out += try records.changeBytes(try change.decoded())
                    out.append(0x0A)
                }
                start = end
            }
        }
        return out
    }
}

/// Writes the lines of one batch of changes on another thread while the caller reads
/// the next batch from the database, so that reading and writing take the time of the
/// slower of the two instead of their sum. The caller's thread alone writes to the
/// sink, in the batches' order.
final class ChangeLinePipeline: @unchecked Sendable {
    private let transcoder: ChangeLineTranscoder
    private let publication: Publication
    private let done = DispatchSemaphore(value: 0)
    /// The batch being written, if any; its result is read only after `done` is signalled.
    private var pending = false
    private var result: Result<[UInt8], any Error> = .success([])

    init(_ publication: Publication) {
        self.publication = publication
        transcoder = ChangeLineTranscoder(publication)
    }

    /// Hands the previous batch's lines to `sink`, then starts writing `batch`'s.
    func submit(_ batch: ChangeBatch, writingDoneWorkTo sink: any ByteSink) throws {
        try finish(writingTo: sink)
        guard !batch.ends.isEmpty else { return }
        pending = true
        DispatchQueue.global().async { [self] in
            result = Result { try batch.lines(transcoder, PublicJSON(publication)) }
            done.signal()
        }
    }

    /// Waits for the batch being written, if any, and hands its lines to `sink`.
    func finish(writingTo sink: any ByteSink) throws {
        guard pending else { return }
        done.wait()
        pending = false
        let lines = try result.get()
        result = .success([])
        try sink.write(lines)
    }
}
