import Foundation
import Logging
import Publishing
import RegisterCore

/// Delivers one endpoint's queue, strictly in ledger order, on a thread of its own:
/// libcurl blocks, so it must stay off Swift concurrency's shared executor, and one
/// thread with one HTTP client per endpoint keeps that endpoint's connection alive.
/// Reading the next batch (`ReadAhead`) and writing outcomes (`OutboxRecorder`) happen
/// on dispatch queues beside it, so the thread mostly waits for the receiver.
///
/// A delivery is recorded as delivered only after the receiver's 2xx, so a crash between
/// the two means at worst a redelivery with the same message id.
final class EndpointRunner: @unchecked Sendable {
    enum Mode: Sendable {
        /// Return once nothing is due.
        case drain
        /// Keep going until stopped, looking for new changes every poll interval.
        case follow
    }

    private enum BatchEnd {
        /// The batch was full and all sent: the read-ahead batch follows.
        case more
        /// Read the queue afresh from its first pending delivery.
        case reread
        /// Nothing pending.
        case idle
        /// The first pending delivery is not due before this time.
        case waiting(until: Date)
    }

    let endpoint: Endpoint
    private let register: Register
    private let publication: Publication
    private let configuration: PushConfiguration
    private let logger: Logger
    private let condition = NSCondition()
    private var stopped = false
    private var woken = false

    init(endpoint: Endpoint, register: Register, publication: Publication, configuration: PushConfiguration, logger: Logger) {
        self.endpoint = endpoint
        self.register = register
        self.publication = publication
        self.configuration = configuration
        self.logger = logger
    }

    /// Ends the run after the delivery in flight, if any, has its outcome recorded.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    /// Looks at the queue at once instead of at the next poll.
    func wake() {
        condition.lock()
        woken = true
        condition.broadcast()
        condition.unlock()
    }

    func run(_ mode: Mode) -> PushReport.EndpointCounts {
        var counts = PushReport.EndpointCounts()
        let format: any EndpointFormat
        do {
            format = try EndpointFormats.make(for: endpoint, publication: publication)
        } catch {
            counts.errors.append("\(error)")
            logger.error("\(error)")
            return counts
        }
        let client = CurlHTTPClient(configuration: configuration.http)
        let recorder = OutboxRecorder(register: register, label: "insyn.push.record.\(endpoint.id)")
        let readQueue = DispatchQueue(label: "insyn.push.read.\(endpoint.id)")
        var generator = SystemRandomNumberGenerator()
        var readAhead: ReadAhead?
        while !isStopped {
            let end: BatchEnd
            do {
                let batch: [PreparedDelivery]
                if let ahead = readAhead {
                    batch = try ahead.batch()
                } else {
                    try recorder.flush()
                    batch = try ReadAhead(register: register, endpoint: endpoint.id, format: format, after: nil,
                                          limit: configuration.batchSize, on: readQueue).batch()
                }
                readAhead = batch.count == configuration.batchSize
                    ? ReadAhead(register: register, endpoint: endpoint.id, format: format, after: batch.last?.item.change.sequence,
                                limit: configuration.batchSize, on: readQueue)
                    : nil
                end = deliver(batch, format: format, client: client, recorder: recorder, generator: &generator, counts: &counts)
            } catch {
                counts.errors.append("endpoint \(endpoint.id): \(error)")
                logger.error("endpoint \(endpoint.id): the outbox cannot be read or written: \(error)")
                readAhead = nil
                end = .idle
            }
            let poll = Date().addingTimeInterval(configuration.pollInterval.seconds)
            switch (end, mode) {
            case (.more, _):
                continue
            case (.reread, _):
                readAhead = nil
            case (.idle, .drain), (.waiting, .drain):
                return finish(recorder, counts)
            case (.idle, .follow):
                sleep(until: poll)
            case (.waiting(let until), .follow):
                readAhead = nil
                sleep(until: min(until, poll))
            }
        }
        return finish(recorder, counts)
    }

    /// Sends a batch in order until it ends or a delivery fails; `.more` when the
    /// read-ahead batch may follow at once. After a failure or a dead letter the queue
    /// is read afresh, since which delivery comes next is decided again.
    private func deliver(_ batch: [PreparedDelivery], format: any EndpointFormat, client: CurlHTTPClient, recorder: OutboxRecorder,
                         generator: inout SystemRandomNumberGenerator, counts: inout PushReport.EndpointCounts) -> BatchEnd {
        guard !batch.isEmpty else { return .idle }
        for prepared in batch {
            if isStopped { return .more }
            let item = prepared.item
            guard item.nextAttemptAt <= Date() else { return .waiting(until: item.nextAttemptAt) }
            let outcome = attempt(prepared, format: format, client: client, generator: &generator)
            recorder.add(OutboxAttempt(delivery: item.id, outcome: outcome, at: Date()))
            switch outcome {
            case .delivered:
                counts.delivered += 1
            case .skipped:
                counts.skipped += 1
            case .retry(let next, let error):
                counts.retried += 1
                logger.warning("endpoint \(endpoint.id): change \(item.change.sequence) failed (\(error)); next attempt at \(Timestamp.format(next))")
                return .waiting(until: next)
            case .dead(let error):
                counts.deadLettered += 1
                logger.error("endpoint \(endpoint.id): change \(item.change.sequence) is a dead letter: \(error)")
                return .reread
            }
        }
        return batch.count == configuration.batchSize ? .more : .reread
    }

    private func attempt(_ prepared: PreparedDelivery, format: any EndpointFormat, client: CurlHTTPClient,
                         generator: inout SystemRandomNumberGenerator) -> OutboxOutcome {
        let payload: Payload
        switch prepared.payload {
        case .success(.some(let made)): payload = made
        case .success(.none): return .skipped
        case .failure(let error): return .dead(error: "cannot build the request: \(error)")
        }
        let result: AttemptResult
        do {
            result = AttemptResult(try client.send(prepared.request(using: format, payload: payload, at: Date())))
        } catch {
            result = AttemptResult(error)
        }
        return configuration.retry.outcome(of: result, for: prepared.item, at: Date(), using: &generator)
    }

    private func finish(_ recorder: OutboxRecorder, _ counts: PushReport.EndpointCounts) -> PushReport.EndpointCounts {
        var counts = counts
        do {
            try recorder.flush()
        } catch {
            counts.errors.append("endpoint \(endpoint.id): \(error)")
            logger.error("endpoint \(endpoint.id): the outbox cannot be written: \(error)")
        }
        return counts
    }

    private var isStopped: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopped
    }

    private func sleep(until deadline: Date) {
        condition.lock()
        while !stopped, !woken, Date() < deadline {
            _ = condition.wait(until: deadline)
        }
        woken = false
        condition.unlock()
    }
}
