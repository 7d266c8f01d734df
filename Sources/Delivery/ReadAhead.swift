import Foundation
import RegisterCore

/// A queued delivery with the payload its endpoint's kind makes of it (nil when the kind
/// skips the change), or the error that kept the payload from being made; and the
/// request as made when it was read, signed then, to send while still fresh.
struct PreparedDelivery: Sendable {
    /// How long a request made ahead may wait: a signature's timestamp stays this close
    /// to the moment of sending (Standard Webhooks receivers accept five minutes).
    static let freshness: TimeInterval = 2

    let item: OutboxItem
    let payload: Result<Payload?, any Error>
    let request: HTTPRequest?
    let madeAt: Date

    /// The request made ahead if it is still fresh, else one made now.
    func request(using format: any EndpointFormat, payload: Payload, at now: Date) -> HTTPRequest {
        if let request, now.timeIntervalSince(madeAt) < Self.freshness { return request }
        return format.request(for: payload, at: now)
    }
}

/// Reads the next batch of an endpoint's queue and makes its requests on a queue of its
/// own while the current batch is being sent, so the sending thread mostly just sends. Reading and decoding never touch libcurl, so a dispatch queue suits them.
final class ReadAhead: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<[PreparedDelivery], any Error> = .success([])

    /// Starts reading up to `limit` deliveries after change `sequence` (from the first
    /// pending one when nil).
    init(register: Register, endpoint: Int64, format: any EndpointFormat, after sequence: Int64?, limit: Int,
         on queue: DispatchQueue) {
        queue.async {
            self.result = Result {
                let items = try register.pendingDeliveries(endpoint: endpoint, after: sequence, limit: limit)
                let now = Date()
                return items.map { item in
                    let payload = Result { try format.payload(for: item.change) }
                    let request = (try? payload.get())?.flatMap { format.request(for: $0, at: now) }
                    return PreparedDelivery(item: item, payload: payload, request: request, madeAt: now)
                }
            }
            self.done.signal()
        }
    }

    /// Waits for the batch; call once.
    func batch() throws -> [PreparedDelivery] {
        done.wait()
        return try result.get()
    }
}
