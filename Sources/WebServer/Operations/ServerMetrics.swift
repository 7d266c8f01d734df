import Foundation
import Metrics
import Prometheus
import RegisterCore

/// The server's metrics in one Prometheus registry: the HTTP ones that swift-metrics
/// records (Hummingbird's `MetricsMiddleware`, sign-in failures), named the
/// Prometheus way, and the register's own state, read when `/metrics` is scraped.
public struct ServerMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
    }

    /// The factory to bootstrap swift-metrics with, once, in the executable.
    public var factory: PrometheusMetricsFactory {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.nameAndLabelSanitizer = Self.prometheusNames
        factory.defaultDurationHistogramBuckets = [.milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
                                                   .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
                                                   .milliseconds(2500), .seconds(5), .seconds(10)]
        return factory
    }

    static let names = [
        "hb.requests": "insyn_http_requests_total",
        "hb.request.errors": "insyn_http_request_errors_total",
        "http.server.request.duration": "insyn_http_request_duration_seconds",
        "http.server.active_requests": "insyn_http_active_requests",
    ]
    static let labels = ["http.route": "route", "http.request.method": "method", "http.response.status_code": "status", "error.type": "status"]

    /// Hummingbird's OpenTelemetry-style names (dots) made valid Prometheus names.
    @Sendable static func prometheusNames(_ name: String, _ labels: [(String, String)]) -> (String, [(String, String)]) {
        (names[name] ?? name.replacingOccurrences(of: ".", with: "_"),
         labels.map { (Self.labels[$0.0] ?? $0.0.replacingOccurrences(of: ".", with: "_"), $0.1) })
    }

    /// Sign-in attempts refused (`reason`: wrong-credentials or locked).
    static func signInFailed(_ reason: String) {
        Counter(label: "insyn_sign_in_failures_total", dimensions: [("reason", reason)]).increment()
    }

    /// Makes the counters that start at zero appear before their first event, so a
    /// rate can be taken from the first scrape.
    public static func declareCounters() {
        for reason in ["wrong-credentials", "locked"] {
            Counter(label: "insyn_sign_in_failures_total", dimensions: [("reason", reason)]).increment(by: 0)
        }
    }

    /// Sets the register's gauges from `state` and writes every metric in the text format.
    func text(after state: OperationalState, at now: Date) -> [UInt8] {
        registry.makeGauge(descriptor: MetricNameDescriptor(metricName: "insyn_ledger_head_sequence", unitName: "", helpText: "The sequence number of the ledger's newest change."), labels: [])
            .set(Double(state.head.sequence))
        registry.makeGauge(descriptor: MetricNameDescriptor(metricName: "insyn_ledger_head_age_seconds", unitName: "", helpText: "Seconds since the ledger's newest change was recorded."), labels: [])
            .set(state.head.at.map { max(0, now.timeIntervalSince($0)) } ?? 0)
        for status in state.outbox {
            let endpoint = String(status.endpoint.id)
            let paused = status.endpoint.isDelivering ? 0 : status.pending
            let values = [("pending", status.pending - paused), ("paused", paused), ("held", status.held), ("retrying", status.retrying),
                          ("dead", status.dead)]
            for (state, count) in values {
                registry.makeGauge(descriptor: MetricNameDescriptor(metricName: "insyn_outbox_deliveries", unitName: "", helpText: "Deliveries per endpoint: pending (to be delivered), paused (pending for a paused or disabled endpoint), held (behind a dead letter; counted in pending), retrying (counted in pending), dead (dead letters)."), labels: [("endpoint", endpoint), ("state", state)])
                    .set(Double(count))
            }
            registry.makeGauge(descriptor: MetricNameDescriptor(metricName: "insyn_outbox_oldest_pending_age_seconds", unitName: "", helpText: "Seconds the longest-waiting pending delivery has waited."), labels: [("endpoint", endpoint)])
                .set(status.oldestPendingAge(at: now) ?? 0)
        }
        return registry.emitToBuffer()
    }
}
