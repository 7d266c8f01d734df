import Foundation
import RegisterCore

/// A queued delivery made ready to send: the payload its endpoint's kind makes of the
/// change (nil when the kind skips it), or the error that kept the payload from being
/// made; and, for a kind that sends one delivery per request, the request as made
/// then, signed then, to send while still fresh.
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
        request = format.batchLimit == 1 ? (try? payload.get())?.flatMap { format.request(for: [$0], at: now) } : nil
        madeAt = now
    }

    /// The request carrying `batch` (deliveries that all have a payload): the one made
    /// ahead if the batch is this delivery alone and it is still fresh, else one made now.
    static func request(for batch: [PreparedDelivery], using format: any EndpointFormat, at now: Date) -> HTTPRequest {
        if batch.count == 1, let request = batch[0].request, now.timeIntervalSince(batch[0].madeAt) < freshness { return request }
        return format.request(for: batch.compactMap { try? $0.payload.get() }, at: now)
    }
}
