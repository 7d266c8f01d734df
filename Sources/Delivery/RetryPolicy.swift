import Foundation
import RegisterCore

/// When a failed delivery is tried again and when it is given up: exponential backoff
/// with jitter, `Retry-After` honoured within bounds, and a maximum age after which the
/// delivery becomes a dead letter.
public struct RetryPolicy: Sendable, Equatable {
    /// The delay after the first failure; it doubles with every further failure.
    public var baseDelay: Duration
    /// No delay exceeds this, a server's `Retry-After` included.
    public var maxDelay: Duration
    /// How long after its first failure a delivery keeps being retried.
    public var maxAge: Duration

    public init(baseDelay: Duration = .seconds(5), maxDelay: Duration = .seconds(3600), maxAge: Duration = .seconds(72 * 3600)) {
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxAge = maxAge
    }

    /// The wait after `failures` consecutive failures: base·2^(failures−1), capped at
    /// `maxDelay`, then drawn uniformly from its upper half so that many deliveries failing
    /// together do not retry together. A `Retry-After` replaces it, clamped to
    /// `baseDelay...maxDelay`.
    public func delay(afterFailures failures: Int, retryAfter: Duration?, using generator: inout some RandomNumberGenerator) -> Duration {
        if let retryAfter { return min(max(retryAfter, baseDelay), maxDelay) }
        let exponent = min(max(failures - 1, 0), 40)
        let capped = min(baseDelay.seconds * pow(2, Double(exponent)), maxDelay.seconds)
        return .milliseconds(Int64(capped * Double.random(in: 0.5...1, using: &generator) * 1000))
    }

    /// What the outbox records after an attempt at `item` ended with `result` at `now`;
    /// nil when the answer pauses the endpoint, which leaves the delivery as it was.
    public func outcome(of result: AttemptResult, for item: OutboxItem, at now: Date,
                        using generator: inout some RandomNumberGenerator) -> OutboxOutcome? {
        switch result {
        case .delivered:
            return .delivered
        case .endpointRefused:
            return nil
        case .rejected(let reason):
            return .dead(error: reason)
        case .failed(let reason, let retryAfter):
            let firstFailure = item.firstFailedAt ?? now
            let deadline = firstFailure.addingTimeInterval(maxAge.seconds)
            guard now < deadline else {
                return .dead(error: "\(reason) (retried for \(Self.describe(now.timeIntervalSince(firstFailure))), giving up)")
            }
            let wait = delay(afterFailures: item.attempts + 1, retryAfter: retryAfter, using: &generator)
            return .retry(next: min(now.addingTimeInterval(wait.seconds), deadline), error: reason)
        }
    }

    static func describe(_ interval: TimeInterval) -> String {
        interval >= 3600 ? String(format: "%.1f h", interval / 3600)
            : interval >= 60 ? String(format: "%.0f min", interval / 60) : String(format: "%.1f s", interval)
    }
}

extension Duration {
    /// The duration in seconds as a floating-point number, for date arithmetic.
    var seconds: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
