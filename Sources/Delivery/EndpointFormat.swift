import Foundation
import Publishing
import RegisterCore

/// How one kind of endpoint turns a public change into an HTTP request, so the worker's
/// queueing, ordering and retries stay the same for every kind. The payload is made
/// ahead of sending; the request around it is made at each attempt.
protocol EndpointFormat: Sendable {
    /// What is sent for `change`, or nil when this kind does not take the change.
    func payload(for change: PublicChange) throws -> Payload?
    func request(for payload: Payload, at date: Date) -> HTTPRequest
}

/// The body of one delivery and the message id that names it on every attempt.
struct Payload: Sendable {
    var messageId: String
    var body: [UInt8]
}

/// An endpoint's configuration that cannot be used (a stored secret that does not decode).
public struct EndpointConfigurationError: Error, CustomStringConvertible {
    public var description: String
}

/// The one place that maps a stored endpoint's kind to its format, checking its credentials.
enum EndpointFormats {
    static func make(for endpoint: Endpoint, publication: Publication) throws -> any EndpointFormat {
        switch endpoint.kind {
        case .webhook:
            guard let secret = endpoint.secret, let signer = try? WebhookSigner(secret: secret) else {
                throw EndpointConfigurationError(description: "endpoint \(endpoint.id) has no usable webhook secret")
            }
            return WebhookFormat(url: endpoint.url, signer: signer, publication: publication)
        case .ckan:
            guard let token = endpoint.token, let resourceId = endpoint.resourceId else {
                throw EndpointConfigurationError(description: "endpoint \(endpoint.id) lacks its CKAN token or resource id")
            }
            return CKANFormat(siteURL: endpoint.url, token: token, resourceId: resourceId, publication: publication)
        }
    }
}
