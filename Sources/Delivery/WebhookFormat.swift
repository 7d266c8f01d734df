import Foundation
import Publishing
import RegisterCore

/// The webhook kind: every public change as the register's JSON event, signed per the
/// Standard Webhooks specification. The `webhook-id` is the change's message id, the
/// same on every retry, so a receiver can deduplicate; the timestamp and signature are
/// made afresh for each attempt.
struct WebhookFormat: EndpointFormat {
    let url: String
    let signer: WebhookSigner
    let json: PublicJSON

    func request(for change: PublicChange, at date: Date) throws -> HTTPRequest? {
        let body = try json.changeBytes(change)
        let headers = [(name: "Content-Type", value: "application/json")]
            + signer.headers(messageID: json.publication.messageId(change), at: date, body: body)
        return HTTPRequest(method: .post, url: url, headers: headers, body: body)
    }
}
