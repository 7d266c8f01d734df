import Foundation
import Publishing
import RegisterCore

/// The webhook kind: every public change as the register's JSON event, one per
/// request, signed per the Standard Webhooks specification. The event's `type` is the
/// change's type, whatever it is. The `webhook-id` is the change's message id, the
/// same on every retry, so a receiver can deduplicate; the timestamp and signature are
/// made afresh for each attempt.
struct WebhookFormat: EndpointFormat {
    let url: String
    let signer: WebhookSigner
    let publication: Publication

    var batchLimit: Int { 1 }

    func payload(for change: PublicChange) throws -> Payload? {
        Payload(messageId: publication.messageId(change), body: try PublicJSON(publication).changeBytes(change),
                record: "\(change.entity)/\(change.entityId)")
    }

    func request(for payloads: [Payload], at date: Date) -> HTTPRequest {
        let payload = payloads[0]
        let headers = [(name: "Content-Type", value: "application/json")]
            + signer.headers(messageID: payload.messageId, at: date, body: payload.body)
        return HTTPRequest(method: .post, url: url, headers: headers, body: payload.body)
    }

    func reason(in response: HTTPResponse) -> String? { nil }
}
