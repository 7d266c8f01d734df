import Foundation
import Logging
import Publishing
import RegisterCore

/// Delivers one endpoint's queue, strictly in ledger order, on a thread of its own:
/// libcurl blocks, so it must stay off Swift concurrency's shared executor, and one
/// thread with one HTTP client per endpoint keeps that endpoint's connection alive.
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
        case more
        case idle
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
        var generator = SystemRandomNumberGenerator()
        while !isStopped {
            let end: BatchEnd
            do {
                end = try deliverBatch(format: format, client: client, generator: &generator, counts: &counts)
            } catch {
                counts.errors.append("endpoint \(endpoint.id): \(error)")
                logger.error("endpoint \(endpoint.id): the outbox cannot be read or written: \(error)")
                end = .idle
            }
            let poll = Date().addingTimeInterval(configuration.pollInterval.seconds)
            switch (end, mode) {
            case (.more, _):
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

    private func deliverBatch(format: any EndpointFormat, client: CurlHTTPClient, generator: inout SystemRandomNumberGenerator,
                              counts: inout PushReport.EndpointCounts) throws -> BatchEnd {
        let batch = try register.pendingDeliveries(endpoint: endpoint.id, limit: configuration.batchSize)
        guard !batch.isEmpty else { return .idle }
        for item in batch {
            if isStopped { return .more }
            guard item.nextAttemptAt <= Date() else { return .waiting(until: item.nextAttemptAt) }
            let outcome = attempt(item, format: format, client: client, generator: &generator)
            try register.record(outcome, for: item.id, at: Date())
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
                return .more
            }
        }
        return .more
    }

    private func attempt(_ item: OutboxItem, format: any EndpointFormat, client: CurlHTTPClient,
                         generator: inout SystemRandomNumberGenerator) -> OutboxOutcome {
        let request: HTTPRequest?
        do {
            request = try format.request(for: item.change, at: Date())
        } catch {
            return .dead(error: "cannot build the request: \(error)")
        }
        guard let request else { return .skipped }
        let result: AttemptResult
        do {
            result = AttemptResult(try client.send(request))
        } catch {
            result = AttemptResult(error)
        }
        return configuration.retry.outcome(of: result, for: item, at: Date(), using: &generator)
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
