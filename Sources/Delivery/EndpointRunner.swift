import Foundation
import Logging
import Publishing
import RegisterCore

/// Delivers one endpoint's queue, strictly in ledger order, on a thread of its own:
/// libcurl blocks, so it must stay off Swift concurrency's shared executor, and one
/// thread with one HTTP client per endpoint keeps that endpoint's connection alive.
/// The outbox reading and writing around it happen in the waits (`DeliveryQueue`).
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

    private enum RunEnd {
        /// Choose the next delivery afresh from the outbox at once.
        case reread
        /// Nothing pending, or stopped.
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
        let queue = DeliveryQueue(register: register, endpoint: endpoint.id, format: format, batchSize: configuration.batchSize)
        var generator = SystemRandomNumberGenerator()
        while !isStopped {
            var end = RunEnd.idle
            do {
                end = try deliver(from: queue, format: format, client: client, generator: &generator, counts: &counts)
            } catch {
                report(error, in: &counts)
            }
            do {
                try queue.restart()
            } catch {
                report(error, in: &counts)
                end = .idle
            }
            let poll = Date().addingTimeInterval(configuration.pollInterval.seconds)
            switch (end, mode) {
            case (.reread, _):
                continue
            case (.idle, .drain), (.waiting, .drain):
                return counts
            case (.idle, .follow):
                sleep(until: poll)
            case (.waiting(let until), .follow):
                sleep(until: min(until, poll))
            }
        }
        return counts
    }

    /// Sends the queue's deliveries in order until none is left or one fails. After a
    /// failure or a dead letter the queue is read afresh, since which delivery comes next
    /// is decided again.
    private func deliver(from queue: DeliveryQueue, format: any EndpointFormat, client: CurlHTTPClient,
                         generator: inout SystemRandomNumberGenerator, counts: inout PushReport.EndpointCounts) throws -> RunEnd {
        while !isStopped, let prepared = try queue.next() {
            let item = prepared.item
            guard item.nextAttemptAt <= Date() else { return .waiting(until: item.nextAttemptAt) }
            let outcome = attempt(prepared, format: format, client: client, queue: queue, generator: &generator)
            queue.record(OutboxAttempt(delivery: item.id, outcome: outcome, at: Date()))
            switch outcome {
            case .delivered:
                counts.delivered += 1
            case .skipped:
                counts.skipped += 1
            case .retry(let next, let error):
                counts.retried += 1
                logger.warning("endpoint \(endpoint.id): change \(item.sequence) failed (\(error)); next attempt at \(Timestamp.format(next))")
                return .waiting(until: next)
            case .dead(let error):
                counts.deadLettered += 1
                logger.error("endpoint \(endpoint.id): change \(item.sequence) is a dead letter: \(error)")
                return .reread
            }
        }
        return .idle
    }

    private func attempt(_ prepared: PreparedDelivery, format: any EndpointFormat, client: CurlHTTPClient, queue: DeliveryQueue,
                         generator: inout SystemRandomNumberGenerator) -> OutboxOutcome {
        let payload: Payload
        switch prepared.payload {
        case .success(.some(let made)): payload = made
        case .success(.none): return .skipped
        case .failure(let error): return .dead(error: "cannot build the request: \(error)")
        }
        let result: AttemptResult
        do {
            let request = prepared.request(using: format, payload: payload, at: Date())
            result = AttemptResult(try client.send(request, whileWaiting: queue.workWhileWaiting))
        } catch {
            result = AttemptResult(error)
        }
        return configuration.retry.outcome(of: result, for: prepared.item, at: Date(), using: &generator)
    }

    private func report(_ error: any Error, in counts: inout PushReport.EndpointCounts) {
        counts.errors.append("endpoint \(endpoint.id): \(error)")
        logger.error("endpoint \(endpoint.id): the outbox cannot be read or written: \(error)")
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
