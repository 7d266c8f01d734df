import Foundation
import Logging
import Publishing
import RegisterCore

/// The outbox worker: delivers every queued public change to every enabled endpoint,
/// one dedicated thread per endpoint (see `EndpointRunner`). `drain()` returns once
/// nothing is due; `run()` keeps going, picking up new changes and new, changed,
/// re-enabled or resumed endpoints every poll interval, until `stop()` or task cancellation. A library type,
/// so that `insyn serve` can run it in-process (calling `wake()` after each change)
/// just as `insyn push` runs it on its own.
public final class PushWorker: @unchecked Sendable {
    private let register: Register
    private let configuration: PushConfiguration
    private let logger: Logger
    private let condition = NSCondition()
    private var runners: [Int64: EndpointRunner] = [:]
    private var stopped = false

    public init(register: Register, configuration: PushConfiguration = .init(), logger: Logger = Logger(label: "insyn.push")) {
        self.register = register
        self.configuration = configuration
        self.logger = logger
    }

    /// Delivers what is due now to every enabled endpoint that is not paused and returns
    /// what was done; deliveries waiting for a retry are left for a later run.
    public func drain() async throws -> PushReport {
        let publication = Publication(settings: try register.settings())
        let endpoints = try register.endpoints().filter(\.isDelivering)
        return await stoppingOnCancel {
            let collector = ReportCollector()
            let group = DispatchGroup()
            for endpoint in endpoints {
                self.start(endpoint, mode: .drain, publication: publication, group: group, collector: collector)
            }
            group.wait()
            return collector.report
        }
    }

    /// Delivers continuously until `stop()` is called or the task is cancelled; returns
    /// once every endpoint thread has recorded its last outcome.
    public func run() async throws -> PushReport {
        let publication = Publication(settings: try register.settings())
        return await stoppingOnCancel {
            let collector = ReportCollector()
            let group = DispatchGroup()
            while !self.isStopped {
                self.reconcile(publication: publication, group: group, collector: collector)
                self.sleep(for: self.configuration.pollInterval)
            }
            group.wait()
            return collector.report
        }
    }

    public func stop() {
        condition.lock()
        stopped = true
        runners.values.forEach { $0.stop() }
        condition.broadcast()
        condition.unlock()
    }

    /// Makes every endpoint look at its queue now, e.g. right after a change was recorded.
    public func wake() {
        condition.lock()
        runners.values.forEach { $0.wake() }
        condition.unlock()
    }

    /// Starts runners for delivering endpoints that have none and stops those of
    /// endpoints that were disabled, paused, removed or changed (a new runner then uses
    /// the new settings); a stopping runner keeps its place until its thread ends, so
    /// one endpoint never has two.
    private func reconcile(publication: Publication, group: DispatchGroup, collector: ReportCollector) {
        let endpoints: [Endpoint]
        do {
            endpoints = try register.endpoints()
        } catch {
            logger.error("cannot read the endpoints: \(error)")
            return
        }
        let delivering = Dictionary(endpoints.filter(\.isDelivering).map { ($0.id, $0) }, uniquingKeysWith: { $1 })
        condition.lock()
        let running = runners
        condition.unlock()
        for (id, runner) in running where !(delivering[id].map(runner.endpoint.sameDestination) ?? false) { runner.stop() }
        for endpoint in delivering.values.sorted(by: { $0.id < $1.id }) where running[endpoint.id] == nil {
            start(endpoint, mode: .follow, publication: publication, group: group, collector: collector)
        }
    }

    private func start(_ endpoint: Endpoint, mode: EndpointRunner.Mode, publication: Publication, group: DispatchGroup,
                       collector: ReportCollector) {
        let runner = EndpointRunner(endpoint: endpoint, register: register, publication: publication,
                                    configuration: configuration, logger: logger)
        condition.lock()
        defer { condition.unlock() }
        guard !stopped else { return }
        runners[endpoint.id] = runner
        group.enter()
        let thread = Thread { [self] in
            collector.add(runner.run(mode), for: endpoint.id)
            condition.lock()
            if runners[endpoint.id] === runner { runners[endpoint.id] = nil }
            condition.unlock()
            group.leave()
        }
        thread.name = "insyn-push-\(endpoint.id)"
        thread.start()
    }

    private var isStopped: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopped
    }

    private func sleep(for duration: Duration) {
        let deadline = Date().addingTimeInterval(duration.seconds)
        condition.lock()
        while !stopped, Date() < deadline {
            _ = condition.wait(until: deadline)
        }
        condition.unlock()
    }

    /// Runs `body` on a thread of its own, so its waiting never occupies a thread of the
    /// cooperative pool, and stops the worker if the awaiting task is cancelled.
    private func stoppingOnCancel(_ body: @escaping @Sendable () -> PushReport) async -> PushReport {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                Thread { continuation.resume(returning: body()) }.start()
            }
        } onCancel: {
            stop()
        }
    }
}

/// Sums the endpoint threads' counts as they finish.
private final class ReportCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var collected = PushReport()

    func add(_ counts: PushReport.EndpointCounts, for endpoint: Int64) {
        lock.withLock { collected.add(counts, for: endpoint) }
    }

    var report: PushReport {
        lock.withLock { collected }
    }
}
