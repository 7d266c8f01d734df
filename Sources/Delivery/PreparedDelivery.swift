import Foundation
import RegisterCore

/// A queued delivery made ready to send: the payload its endpoint's kind makes of the
/// change (nil when the kind skips it), or the error that kept the payload from being
/// made; and the request as made then, signed then, to send while still fresh.
struct PreparedDelivery {
    /// How long a request made ahead may wait: a signature's timestamp stays this close
    /// to the moment of sending (Standard Webhooks receivers accept five minutes).
    static let freshness: TimeInterval = 2

    let item: OutboxItem
    let payload: Result<Payload?, any Error>
    let request: HTTPRequest?
    let madeAt: Date

    init(_ item: OutboxItem, format: any EndpointFormat, at now: Date) {
        self.item = item
        payload = Result { try format.payload(for: item.change()) }
        request = (try? payload.get())?.flatMap { format.request(for: $0, at: now) }
        madeAt = now
    }

    /// The request made ahead if it is still fresh, else one made now.
    func request(using format: any EndpointFormat, payload: Payload, at now: Date) -> HTTPRequest {
        if let request, now.timeIntervalSince(madeAt) < Self.freshness { return request }
        return format.request(for: payload, at: now)
    }
}
