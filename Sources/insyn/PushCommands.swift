import ArgumentParser
import Delivery
import Foundation
import RegisterCore

/// `insyn push …`: deliver the queued public changes, and watch and repair the queue.
struct PushCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push", abstract: "Deliver every public change to the push endpoints.",
        subcommands: [Run.self, Status.self, Retry.self], defaultSubcommand: Run.self)

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Deliver everything due and exit (non-zero when a failed delivery is still pending), or keep delivering with --follow.",
            discussion: """
                Each endpoint gets its changes strictly in ledger order on a connection of its own. A 2xx answer is \
                delivered; timeouts, connection failures, 408, 429 and 5xx are retried with exponential backoff and \
                jitter until --max-retry-age, then become dead letters; 401, 403, 404 and 410 pause the endpoint \
                (nothing becomes a dead letter; `endpoint update` or `endpoint enable` resumes it); other answers \
                become dead letters at once. A dead letter holds back the later changes to the same record until \
                `push retry` requeues it. A ckan endpoint gets up to --ckan-batch records per request.
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: PushOptions
        @Flag(help: "Keep running, looking for new changes every --poll, until SIGINT or SIGTERM.") var follow = false

        func run() async throws {
            let register = try global.openRegister()
            let worker = PushWorker(register: register, configuration: options.configuration)
            let signals = StopSignals { worker.stop() }
            defer { signals.cancel() }
            if follow {
                FileHandle.standardError.write(Data("Pushing to \(try register.endpoints().filter(\.isDelivering).count) endpoints; Ctrl-C stops.\n".utf8))
            }
            let report = follow ? try await worker.run() : try await worker.drain()
            let statuses = try register.outboxStatus().filter(\.endpoint.enabled)
            let failing = statuses.filter { $0.retrying > 0 || $0.held > 0 || $0.endpoint.pause != nil }
            print(Self.summary(report, failing: failing))
            if !failing.isEmpty || report.deadLettered > 0 || !report.errors.isEmpty { throw ExitCode(1) }
        }

        static func summary(_ report: PushReport, failing: [OutboxStatus]) -> String {
            var parts = ["Delivered \(report.delivered)"]
            if report.skipped > 0 { parts.append("skipped \(report.skipped) (not for their endpoint's kind)") }
            if report.retried > 0 { parts.append("\(report.retried) failed attempts") }
            if report.deadLettered > 0 { parts.append("\(report.deadLettered) new dead letters (see `insyn push status`)") }
            parts += report.errors
            for status in failing {
                if let pause = status.endpoint.pause {
                    parts.append("endpoint \(status.endpoint.id): \(EndpointCommand.List.describe(pause, of: status.endpoint)), \(status.pending) pending")
                    continue
                }
                var waiting = "endpoint \(status.endpoint.id): \(status.retrying + status.held) still pending after failures"
                if let error = status.lastError { waiting += " (\(error))" }
                if let next = status.nextAttemptAt { waiting += ", next attempt \(Timestamp.format(next))" }
                parts.append(waiting)
            }
            return parts.joined(separator: "; ") + "."
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show per endpoint what is pending, the oldest pending age, the last error and the dead letters.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let now = Date()
            let statuses = try global.openRegister().outboxStatus()
            if statuses.isEmpty { print("No endpoints; add one with `insyn endpoint add`.") }
            for status in statuses {
                let endpoint = status.endpoint
                print("endpoint \(endpoint.id)\t\(endpoint.kind.rawValue)\t\(EndpointCommand.List.state(endpoint))\t\(endpoint.url)")
                if let pause = endpoint.pause { print("  " + EndpointCommand.List.describe(pause, of: endpoint)) }
                var pending = "  pending \(status.pending)"
                if status.held > 0 { pending += " (\(status.held) held behind a dead letter for the same record)" }
                if let age = status.oldestPendingAge(at: now) { pending += ", oldest queued \(Self.describe(age)) ago" }
                if let next = status.nextAttemptAt, next > now { pending += ", next attempt \(Timestamp.format(next))" }
                print(pending)
                print("  delivered \(status.delivered), skipped \(status.skipped), dead letters \(status.dead)")
                if let error = status.lastError {
                    print("  last error\(status.lastErrorAt.map { " " + Timestamp.format($0) } ?? ""): \(error)")
                }
            }
        }

        static func describe(_ interval: TimeInterval) -> String {
            let seconds = Int(interval)
            if seconds < 60 { return "\(seconds) s" }
            if seconds < 3600 { return "\(seconds / 60) min" }
            if seconds < 86_400 { return "\(seconds / 3600) h \(seconds % 3600 / 60) min" }
            return "\(seconds / 86_400) d \(seconds % 86_400 / 3600) h"
        }
    }

    struct Retry: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Requeue dead letters (after the receiver is fixed); the next push sends them, in order.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this endpoint's dead letters.") var endpoint: Int64?

        func run() throws {
            let register = try global.openRegister()
            if let endpoint { _ = try register.endpoint(endpoint) }
            let count = try register.requeueDeadLetters(endpoint: endpoint)
            print("Requeued \(count) dead letter\(count == 1 ? "" : "s").")
        }
    }
}
