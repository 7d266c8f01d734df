import Crypto
import Foundation

/// Signs push payloads the Standard Webhooks way (https://www.standardwebhooks.com/), so
/// a receiver can authenticate them with any Standard Webhooks library, and verifies
/// such signatures for our tests and for receivers written in Swift.
public struct WebhookSigner: Sendable {
    public static let secretPrefix = "whsec_"
    public static let idHeader = "webhook-id"
    public static let timestampHeader = "webhook-timestamp"
    public static let signatureHeader = "webhook-signature"

    /// Raw bytes rather than a `SymmetricKey`, which swift-crypto does not mark `Sendable`.
    private let keyBytes: [UInt8]
    private var key: SymmetricKey { SymmetricKey(data: keyBytes) }

    /// Accepts `whsec_` followed by base64 key bytes, or the base64 alone.
    public init(secret: String) throws(WebhookSignatureError) {
        let encoded = secret.hasPrefix(Self.secretPrefix) ? String(secret.dropFirst(Self.secretPrefix.count)) : secret
        guard let bytes = Data(base64Encoded: encoded), !bytes.isEmpty else {
            throw .invalidSecret
        }
        keyBytes = Array(bytes)
    }

    public init(keyBytes: [UInt8]) {
        precondition(!keyBytes.isEmpty, "a webhook key needs at least one byte")
        self.keyBytes = keyBytes
    }

    /// A fresh random secret in the `whsec_` form, to hand to an endpoint's owner.
    public static func generateSecret(byteCount: Int = 32) -> String {
        precondition((24...64).contains(byteCount), "Standard Webhooks keys are 24 to 64 bytes")
        let key = SymmetricKey(size: SymmetricKeySize(bitCount: byteCount * 8))
        return secretPrefix + key.withUnsafeBytes { Data($0).base64EncodedString() }
    }

    /// The `webhook-signature` value: `v1,` and the base64 HMAC-SHA256 of `id.timestamp.body`.
    public func signature(messageID: String, timestamp: Int64, body: [UInt8]) -> String {
        var mac = HMAC<SHA256>(key: key)
        mac.update(data: Array("\(messageID).\(timestamp).".utf8))
        mac.update(data: body)
        return "v1," + Data(mac.finalize()).base64EncodedString()
    }

    /// The three headers that accompany a signed payload, ready for ``HTTPRequest/headers``.
    public func headers(messageID: String, timestamp: Int64, body: [UInt8]) -> [(name: String, value: String)] {
        [
            (Self.idHeader, messageID),
            (Self.timestampHeader, String(timestamp)),
            (Self.signatureHeader, signature(messageID: messageID, timestamp: timestamp, body: body)),
        ]
    }

    public func headers(messageID: String, at date: Date = Date(), body: [UInt8]) -> [(name: String, value: String)] {
        headers(messageID: messageID, timestamp: Int64(date.timeIntervalSince1970.rounded(.down)), body: body)
    }

    /// Checks the headers of a received payload: a timestamp within `tolerance` of `now`
    /// in either direction, and at least one `v1` signature that matches (compared in
    /// constant time). Header names are matched case-insensitively.
    public func verify(
        headers: [String: String],
        body: [UInt8],
        now: Date = Date(),
        tolerance: Duration = .seconds(300)
    ) throws(WebhookSignatureError) {
        func value(_ name: String) throws(WebhookSignatureError) -> String {
            if let exact = headers[name] { return exact }
            guard let match = headers.first(where: { $0.key.lowercased() == name }) else {
                throw .missingHeader(name)
            }
            return match.value
        }
        let messageID = try value(Self.idHeader)
        let timestampText = try value(Self.timestampHeader)
        let signatures = try value(Self.signatureHeader)

        guard let timestamp = Int64(timestampText) else { throw .invalidTimestamp }
        let skew = abs(now.timeIntervalSince1970 - Double(timestamp))
        let (toleranceSeconds, toleranceAttoseconds) = tolerance.components
        guard skew <= Double(toleranceSeconds) + Double(toleranceAttoseconds) / 1e18 else {
            throw .timestampOutOfTolerance
        }

        let content = Self.signedContent(messageID: messageID, timestamp: timestampText, body: body)
        for candidate in signatures.split(separator: " ") {
            guard candidate.hasPrefix("v1,"), let mac = Data(base64Encoded: String(candidate.dropFirst(3))) else {
                continue
            }
            if HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: content, using: key) {
                return
            }
        }
        throw .noMatchingSignature
    }

    private static func signedContent(messageID: String, timestamp: String, body: [UInt8]) -> [UInt8] {
        Array("\(messageID).\(timestamp).".utf8) + body
    }
}

/// Why a secret or a signed payload was rejected, so a receiver can answer precisely.
public enum WebhookSignatureError: Error, Sendable, Equatable {
    case invalidSecret
    case missingHeader(String)
    case invalidTimestamp
    case timestampOutOfTolerance
    case noMatchingSignature
}
