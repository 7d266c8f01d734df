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
        /// The receiver said the endpoint itself is wrong.
        case paused(String)
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
            format = try EndpointFormats.make(for: endpoint, publication: publication, register: register, configuration: configuration)
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
            case (.paused(let reason), _):
                pause(reason: reason, counts: &counts)
                return counts
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

    /// Sends the queue's deliveries in order, as many per request as the kind takes,
    /// until none is left or a request fails. After a failure or a dead letter the queue
    /// is read afresh, since which delivery comes next is decided again.
    private func deliver(from queue: DeliveryQueue, format: any EndpointFormat, client: CurlHTTPClient,
                         generator: inout SystemRandomNumberGenerator, counts: inout PushReport.EndpointCounts) throws -> RunEnd {
        while !isStopped, let first = try queue.next() {
            let item = first.item
            guard item.nextAttemptAt <= Date() else { return .waiting(until: item.nextAttemptAt) }
            switch first.payload {
            case .success(.none):
                queue.record(OutboxAttempt(delivery: item.id, outcome: .skipped, at: Date()))
                counts.skipped += 1
                continue
            case .failure(let error):
                queue.record(OutboxAttempt(delivery: item.id, outcome: .dead(error: "cannot build the request: \(error)"), at: Date()))
                counts.deadLettered += 1
                logger.error("endpoint \(endpoint.id): change \(item.sequence) is a dead letter: cannot build the request: \(error)")
                return .reread
            case .success(.some):
                break
            }
            let batch = try collectBatch(startingWith: first, from: queue, limit: format.batchLimit, counts: &counts)
            let result = send(batch, format: format, client: client, queue: queue)
            let now = Date()
            guard let outcome = configuration.retry.outcome(of: result, for: item, at: now, using: &generator) else {
                if case .endpointRefused(let reason) = result { return .paused(reason) }
                return .reread
            }
            for prepared in batch { queue.record(OutboxAttempt(delivery: prepared.item.id, outcome: outcome, at: now)) }
            let changes = batch.count == 1 ? "change \(item.sequence)" : "changes \(item.sequence)–\(batch.last!.item.sequence) (\(batch.count))"
            switch outcome {
            case .delivered:
                counts.delivered += batch.count
            case .skipped:
                counts.skipped += batch.count
            case .retry(let next, let error):
                counts.retried += batch.count
                logger.warning("endpoint \(endpoint.id): \(changes) failed (\(error)); next attempt at \(Timestamp.format(next))")
                return .waiting(until: next)
            case .dead(let error):
                counts.deadLettered += batch.count
                logger.error("endpoint \(endpoint.id): \(changes) became dead letters: \(error)")
                return .reread
            }
        }
        return .idle
    }

    /// `first` and the deliveries after it that are due and have a payload, up to
    /// `limit`, in ledger order; the changes this kind skips on the way are recorded as
    /// skipped. The first delivery that cannot join is left for the next request.
    private func collectBatch(startingWith first: PreparedDelivery, from queue: DeliveryQueue, limit: Int,
                              counts: inout PushReport.EndpointCounts) throws -> [PreparedDelivery] {
        var batch = [first]
        let now = Date()
        while batch.count < limit, !isStopped, let next = try queue.next() {
            switch next.payload {
            case .success(.none) where next.item.nextAttemptAt <= now:
                queue.record(OutboxAttempt(delivery: next.item.id, outcome: .skipped, at: now))
                counts.skipped += 1
            case .success(.some) where next.item.nextAttemptAt <= now:
                batch.append(next)
            default:
                queue.putBack(next)
                return batch
            }
        }
        return batch
    }

    private func send(_ batch: [PreparedDelivery], format: any EndpointFormat, client: CurlHTTPClient,
                      queue: DeliveryQueue) -> AttemptResult {
        do {
            let request = PreparedDelivery.request(for: batch, using: format, at: Date())
            let response = try client.send(request, whileWaiting: queue.workWhileWaiting)
            return AttemptResult(response, reason: response.isSuccess ? nil : format.reason(in: response))
        } catch {
            return AttemptResult(error)
        }
    }

    /// Stops delivering to the endpoint, keeping its deliveries pending, unless it was
    /// changed meanwhile (then the next run uses the new settings).
    private func pause(reason: String, counts: inout PushReport.EndpointCounts) {
        do {
            if try register.pauseEndpoint(endpoint, reason: reason) {
                counts.paused = reason
                logger.error("endpoint \(endpoint.id) is paused: \(reason); `insyn endpoint update \(endpoint.id)` or `insyn endpoint enable \(endpoint.id)` resumes it")
            }
        } catch {
            report(error, in: &counts)
        }
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
