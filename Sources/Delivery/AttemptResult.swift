import Foundation

/// What one HTTP attempt means for a delivery, whatever the endpoint's kind: any 2xx is
/// delivered; timeouts, broken connections, 408, 429 and 5xx are worth retrying; every
/// other answer (other 4xx, a redirect, an unsendable request) will not get better by
/// itself and goes to dead letter at once.
public enum AttemptResult: Sendable, Equatable {
    case delivered
    case failed(String, retryAfter: Duration?)
    case rejected(String)

    public init(_ response: HTTPResponse, now: Date = Date()) {
        if response.isSuccess {
            self = .delivered
            return
        }
        let reason = Self.describe(response)
        switch response.status {
        case 408, 429, 500...599:
            self = .failed(reason, retryAfter: response.retryAfter(now: now))
        default:
            self = .rejected(reason)
        }
    }

    public init(_ error: HTTPTransportError) {
        switch error {
        case .invalidRequest:
            self = .rejected(error.description)
        case .timedOut, .connectionFailed, .transferFailed:
            self = .failed(error.description, retryAfter: nil)
        }
    }

    /// "HTTP 500: " and the start of the body on one line, for `push status`.
    static func describe(_ response: HTTPResponse) -> String {
        let text = String(decoding: response.body.prefix(300), as: UTF8.self)
            .map { $0.isNewline || $0.unicodeScalars.contains { $0.properties.generalCategory == .control } ? " " : $0 }
        let excerpt = String(text).split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        let trimmed = excerpt.count > 200 ? excerpt.prefix(200) + "…" : excerpt
        return trimmed.isEmpty ? "HTTP \(response.status)" : "HTTP \(response.status): \(trimmed)"
    }
}
