import Foundation

/// What one HTTP attempt means for a delivery, whatever the endpoint's kind: any 2xx is
/// delivered; timeouts, broken connections, 408, 429 and 5xx are worth retrying; 401,
/// 403, 404 and 410 say the endpoint itself is wrong (its credentials, its URL, a
/// resource that is gone), so it is paused rather than every change given up on; every
/// other answer (other 4xx, a redirect, an unsendable request) will not get better by
/// itself and goes to dead letter at once.
public enum AttemptResult: Sendable, Equatable {
    case delivered
    case failed(String, retryAfter: Duration?)
    case rejected(String)
    /// The endpoint, not the change, is wrong: pause it with this reason.
    case endpointRefused(String)

    /// The statuses that pause an endpoint.
    public static let endpointStatuses: Set<Int> = [401, 403, 404, 410]

    /// How much of a receiver's answer is kept for `push status`.
    public static let reasonLimit = 1000

    /// `reason` is the receiver's message as the endpoint's kind reads it; by default
    /// the start of the body.
    public init(_ response: HTTPResponse, reason: String? = nil, now: Date = Date()) {
        if response.isSuccess {
            self = .delivered
            return
        }
        let text = Self.line(reason ?? String(decoding: response.body.prefix(Self.reasonLimit * 4), as: UTF8.self))
        let reason = text.isEmpty ? "HTTP \(response.status)" : "HTTP \(response.status): \(text)"
        switch response.status {
        case 408, 429, 500...599:
            self = .failed(reason, retryAfter: response.retryAfter(now: now))
        case _ where Self.endpointStatuses.contains(response.status):
            self = .endpointRefused(reason)
        default:
            self = .rejected(reason)
        }
    }

    public init(_ error: HTTPTransportError) {
        switch error {
        case .invalidRequest:
            self = .rejected(Self.line(error.description))
        case .timedOut, .connectionFailed, .transferFailed:
            self = .failed(Self.line(error.description), retryAfter: nil)
        }
    }

    /// `text` on one line, runs of white space and control characters as one space, at
    /// most `reasonLimit` characters (with "…" when cut).
    static func line(_ text: String) -> String {
        let words = text.split { $0.isWhitespace || $0.unicodeScalars.contains { $0.properties.generalCategory == .control } }
        let joined = words.joined(separator: " ")
        return joined.count > reasonLimit ? joined.prefix(reasonLimit - 1) + "…" : joined
    }
}
