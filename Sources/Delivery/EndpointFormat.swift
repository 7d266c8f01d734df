import Foundation
import Publishing
import RegisterCore

/// How one kind of endpoint turns a public change into an HTTP request, so the worker's
/// queueing, ordering and retries stay the same for every kind.
protocol EndpointFormat {
    /// The request for `change` made at `date`, or nil when this kind does not take the change.
    func request(for change: PublicChange, at date: Date) throws -> HTTPRequest?
}

/// An endpoint's configuration that cannot be used (a stored secret that does not decode).
public struct EndpointConfigurationError: Error, CustomStringConvertible {
    public var description: String
}

enum EndpointFormats {
    static func make(for endpoint: Endpoint, publication: Publication) throws -> any EndpointFormat {
        switch endpoint.kind {
        case .webhook:
            guard let secret = endpoint.secret, let signer = try? WebhookSigner(secret: secret) else {
                throw EndpointConfigurationError(description: "endpoint \(endpoint.id) has no usable webhook secret")
            }
            return WebhookFormat(url: endpoint.url, signer: signer, json: PublicJSON(publication))
        case .ckan:
            guard let token = endpoint.token, let resourceId = endpoint.resourceId else {
                throw EndpointConfigurationError(description: "endpoint \(endpoint.id) lacks its CKAN token or resource id")
            }
            return CKANFormat(siteURL: endpoint.url, token: token, resourceId: resourceId, publication: publication)
        }
    }
}
