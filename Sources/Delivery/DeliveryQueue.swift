import Foundation
import RegisterCore

/// One endpoint's outbox as its sending thread works through it: the deliveries read,
/// those already made ready to send, and the outcomes not yet written. Reading,
/// decoding, signing and writing are done in the waits for the receiver (see
/// `CurlHTTPClient.send(_:recheck:whileWaiting:)`), on the same thread, so no other
/// thread competes with the sending for the processor and nothing needs a lock.
///
/// Outcomes are written together, once 64 have gathered or the oldest is 5 ms old, in
/// one transaction; a crash loses at most those marks, and their deliveries are sent
/// again with the same message id.
final class DeliveryQueue {
    private let readyAhead: Int
    private static let marksAtOnce = 64
    private static let marksAge: TimeInterval = 0.005

    private let register: Register
    private let endpoint: Int64
    private let format: any EndpointFormat
    private let batchSize: Int
    private var read: ArraySlice<OutboxItem> = []
    private var ready: ArraySlice<PreparedDelivery> = []
    private var lastRead: Int64?
    private var exhausted = false
    private var failure: (any Error)?
    private var marks: [OutboxAttempt] = []

    init(register: Register, endpoint: Int64, format: any EndpointFormat, batchSize: Int) {
        self.register = register
        self.endpoint = endpoint
        self.format = format
        self.batchSize = max(batchSize, format.batchLimit)
        readyAhead = max(16, format.batchLimit)
    }

    /// The next delivery in ledger order, made ready now if the waits did not; nil when
    /// nothing more is pending. Throws what went wrong reading the outbox meanwhile.
    func next() throws -> PreparedDelivery? {
        if let failure {
            self.failure = nil
            throw failure
        }
        if let prepared = ready.popFirst() { return prepared }
        if read.isEmpty, !exhausted { try readMore() }
        return read.popFirst().map { PreparedDelivery($0, format: format, at: Date()) }
    }

    /// Makes `prepared`, just taken by `next()`, the next again.
    func putBack(_ prepared: PreparedDelivery) {
        ready.insert(prepared, at: ready.startIndex)
    }

    func record(_ attempt: OutboxAttempt) {
        marks.append(attempt)
    }

    /// One small step of the work ahead, for a wait; false when nothing is due now.
    func workWhileWaiting() -> Bool {
        if let first = marks.first, marks.count >= Self.marksAtOnce || Date().timeIntervalSince(first.at) >= Self.marksAge {
            do { try writeMarks() } catch { failure = failure ?? error }
            return true
        }
        guard ready.count < readyAhead, failure == nil else { return false }
        if let item = read.popFirst() {
            ready.append(PreparedDelivery(item, format: format, at: Date()))
            return true
        }
        guard !exhausted else { return false }
        do { try readMore() } catch { failure = error }
        return true
    }

    /// Writes every outcome, then forgets what was read, so that the next delivery is
    /// chosen afresh from the outbox: after a failure, a dead letter, or a pause.
    func restart() throws {
        defer {
            read = []
            ready = []
            lastRead = nil
            exhausted = false
            failure = nil
        }
        try writeMarks()
    }

    func writeMarks() throws {
        guard !marks.isEmpty else { return }
        let batch = marks
        marks = []
        try register.record(batch)
    }

    private func readMore() throws {
        let items = try register.pendingDeliveries(endpoint: endpoint, after: lastRead, limit: batchSize)
        read = ArraySlice(items)
        lastRead = items.last?.sequence ?? lastRead
        exhausted = items.count < batchSize
    }
}
