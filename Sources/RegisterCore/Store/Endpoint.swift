import Foundation
import GRDB

/// What a push endpoint speaks: signed JSON events (Standard Webhooks) or the CKAN
/// DataStore API. The register only stores it; Delivery knows how to talk to each.
public enum EndpointKind: String, Choice {
    case webhook, ckan
}

/// A configured receiver of the register's public changes, as stored in the register.
/// `createdAfterSequence` is the ledger position it starts after: only public changes
/// with a higher sequence are queued for it (0 when it was added with a backfill).
public struct Endpoint: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var url: String
    public var kind: EndpointKind
    /// The webhook signing secret (`whsec_…`); nil for ckan.
    public var secret: String?
    /// The CKAN API token sent in `Authorization`; nil for webhook.
    public var token: String?
    /// The CKAN DataStore resource that receives the meeting rows; nil for webhook.
    public var resourceId: String?
    public var enabled: Bool
    /// Set when a receiver's answer said the endpoint itself is wrong; cleared by
    /// `updateEndpoint` or by enabling it.
    public var pause: EndpointPause?
    public var createdAt: Date
    public var createdAfterSequence: Int64

    /// Enabled and not paused: the push worker delivers to it.
    public var isDelivering: Bool { enabled && pause == nil }

    /// Whether `other` sends to the same place with the same credentials.
    public func sameDestination(as other: Endpoint) -> Bool {
        (url, kind, secret, token, resourceId) == (other.url, other.kind, other.secret, other.token, other.resourceId)
    }

    init(row: Row) {
        id = row["id"]
        url = row["url"]
        kind = EndpointKind(rawValue: row["kind"]) ?? .webhook
        secret = row["secret"]
        token = row["token"]
        resourceId = row["resource_id"]
        enabled = row["enabled"]
        pause = (row["paused_at"] as String?).flatMap(PreciseTimestamp.parse).map { EndpointPause(at: $0, reason: row["pause_reason"] ?? "") }
        createdAt = Timestamp.parse(row["created_at"]) ?? .distantPast
        createdAfterSequence = row["created_after_seq"]
    }
}

/// Why deliveries to an endpoint stopped: the answer (status and the receiver's
/// message) that said the endpoint itself is wrong, e.g. a revoked token. Its
/// deliveries stay pending, and changes keep being queued for it, until it resumes.
public struct EndpointPause: Sendable, Equatable {
    public var at: Date
    public var reason: String

    public init(at: Date, reason: String) {
        self.at = at
        self.reason = reason
    }
}

/// New values for an endpoint's URL and credentials; nil leaves one as it is. The
/// endpoint as changed is checked by the same rules as a new one.
public struct EndpointUpdate: Sendable, Equatable {
    public var url: String?
    public var secret: String?
    public var token: String?
    public var resourceId: String?

    public init(url: String? = nil, secret: String? = nil, token: String? = nil, resourceId: String? = nil) {
        self.url = url
        self.secret = secret
        self.token = token
        self.resourceId = resourceId
    }

    /// `endpoint` with these values, validated as `addEndpoint` validates a new one.
    func applied(to endpoint: Endpoint) throws(ValidationError) -> NewEndpoint {
        if url == nil, secret == nil, token == nil, resourceId == nil {
            throw ValidationError("endpoint", "nothing to change: give a new url, secret, token or resource-id")
        }
        return try NewEndpoint(url: url ?? endpoint.url, kind: endpoint.kind, secret: secret ?? endpoint.secret,
                               token: token ?? endpoint.token, resourceId: resourceId ?? endpoint.resourceId).validated()
    }
}

/// An endpoint to be added: checked by `Register.addEndpoint`, which fills in the id
/// and the ledger position.
public struct NewEndpoint: Sendable, Equatable {
    public var url: String
    public var kind: EndpointKind
    public var secret: String?
    public var token: String?
    public var resourceId: String?
    /// Queue every public change already in the ledger, not only the later ones.
    public var fromStart: Bool

    public init(url: String, kind: EndpointKind, secret: String? = nil, token: String? = nil, resourceId: String? = nil,
                fromStart: Bool = false) {
        self.url = url
        self.kind = kind
        self.secret = secret
        self.token = token
        self.resourceId = resourceId
        self.fromStart = fromStart
    }

    func validated() throws(ValidationError) -> NewEndpoint {
        var problems = Problems()
        let url = url.trimmed
        if !SwedishIdentifiers.isWebAddress(url) { problems.add("url", "'\(url)' is not an http(s) address") }
        switch kind {
        case .webhook:
            if let secret, !Self.isWebhookSecret(secret) {
                problems.add("secret", "must be whsec_ followed by 24 to 64 bytes in base64")
            }
            if secret == nil { problems.add("secret", "is required for a webhook endpoint") }
            if token != nil { problems.add("token", "is for ckan endpoints; a webhook is signed with its secret") }
            if resourceId != nil { problems.add("resource-id", "is for ckan endpoints") }
        case .ckan:
            if secret != nil { problems.add("secret", "is for webhook endpoints; a ckan endpoint uses --token") }
            if let token { problems.requireText(token, "token", max: 1000) } else { problems.add("token", "is required for a ckan endpoint") }
            if let resourceId { problems.requireText(resourceId, "resource-id", max: 200) } else {
                problems.add("resource-id", "is required for a ckan endpoint (the DataStore resource that holds the meetings)")
            }
        }
        for (field, value) in [("token", token), ("resource-id", resourceId)] {
            if let value, value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                problems.add(field, "must not contain control characters")
            }
        }
        try problems.check()
        var valid = self
        valid.url = url
        valid.token = token?.trimmed
        valid.resourceId = resourceId?.trimmed
        return valid
    }

    static func isWebhookSecret(_ secret: String) -> Bool {
        guard secret.hasPrefix("whsec_"), let key = Data(base64Encoded: String(secret.dropFirst(6))) else { return false }
        return (24...64).contains(key.count)
    }
}
