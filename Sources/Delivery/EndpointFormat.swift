import Foundation
import Publishing
import RegisterCore

/// How one kind of endpoint turns public changes into HTTP requests, so the worker's
/// queueing, ordering and retries stay the same for every kind. Payloads are made
/// ahead of sending, one per change in ledger order; the request around one or more
/// of them is made at each attempt.
protocol EndpointFormat: Sendable {
    /// The most deliveries one request carries.
    var batchLimit: Int { get }
    /// What is sent for `change`, or nil when this kind does not take the change.
    func payload(for change: PublicChange) throws -> Payload?
    /// One request carrying `payloads`: at least one, at most `batchLimit`, in ledger order.
    func request(for payloads: [Payload], at date: Date) -> HTTPRequest
    /// The receiver's own message in a failure's body, when this kind knows its shape.
    func reason(in response: HTTPResponse) -> String?
}

/// The body of one delivery, the message id that names it on every attempt, and the
/// record it is about.
struct Payload: Sendable {
    var messageId: String
    var body: [UInt8]
    var record: String
}

/// An endpoint's configuration that cannot be used (a stored secret that does not decode).
public struct EndpointConfigurationError: Error, CustomStringConvertible {
    public var description: String
}

/// The one place that maps a stored endpoint's kind to its format, checking its credentials.
enum EndpointFormats {
    static func make(for endpoint: Endpoint, publication: Publication, register: Register,
                     configuration: PushConfiguration) throws -> any EndpointFormat {
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
            let names = try register.read { try CatalogueNames($0) }
            return try CKANFormat(siteURL: endpoint.url, token: token, resourceId: resourceId, publication: publication,
                                  names: names, batchLimit: configuration.ckanBatchSize)
        }
    }
}
