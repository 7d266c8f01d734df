import Delivery
import Foundation
import Testing

@Suite("Standard Webhooks signatures")
struct WebhookSignatureTests {
    private let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    private let messageID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
    private let timestamp: Int64 = 1_614_265_330
    private let body = Array(#"{"test": 2432232314}"#.utf8)
    private let expected = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="

    private func headers(signature: String? = nil) -> [String: String] {
        [
            "webhook-id": messageID,
            "webhook-timestamp": String(timestamp),
            "webhook-signature": signature ?? expected,
        ]
    }

    private var now: Date { Date(timeIntervalSince1970: TimeInterval(timestamp) + 10) }

    @Test func matchesTheSpecificationVector() throws {
        let signer = try WebhookSigner(secret: secret)
        #expect(signer.signature(messageID: messageID, timestamp: timestamp, body: body) == expected)
        let unprefixed = try WebhookSigner(secret: String(secret.dropFirst("whsec_".count)))
        #expect(unprefixed.signature(messageID: messageID, timestamp: timestamp, body: body) == expected)
    }

    @Test func headersCarryIdTimestampAndSignature() throws {
        let signer = try WebhookSigner(secret: secret)
        let pairs = signer.headers(messageID: messageID, at: Date(timeIntervalSince1970: 1_614_265_330.9), body: body)
        #expect(pairs.map(\.name) == ["webhook-id", "webhook-timestamp", "webhook-signature"])
        #expect(pairs.map(\.value) == [messageID, "1614265330", expected])
    }

    @Test func verifyAcceptsTheVector() throws {
        try WebhookSigner(secret: secret).verify(headers: headers(), body: body, now: now)
    }

    @Test func verifyAcceptsAnyMatchingV1AmongSeveral() throws {
        let signer = try WebhookSigner(secret: secret)
        let several = "v1a,ignored v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= \(expected)"
        try signer.verify(headers: headers(signature: several), body: body, now: now)
        let mixedCase = ["Webhook-Id": messageID, "Webhook-Timestamp": String(timestamp), "Webhook-Signature": expected]
        try signer.verify(headers: mixedCase, body: body, now: now)
    }

    @Test func verifyRejectsATamperedBody() throws {
        let signer = try WebhookSigner(secret: secret)
        #expect(throws: WebhookSignatureError.noMatchingSignature) {
            try signer.verify(headers: headers(), body: Array(#"{"test": 2432232315}"#.utf8), now: now)
        }
    }

    @Test func verifyRejectsAnotherKeyOrVersion() throws {
        let other = try WebhookSigner(secret: WebhookSigner.generateSecret())
        #expect(throws: WebhookSignatureError.noMatchingSignature) {
            try other.verify(headers: headers(), body: body, now: now)
        }
        let signer = try WebhookSigner(secret: secret)
        #expect(throws: WebhookSignatureError.noMatchingSignature) {
            try signer.verify(headers: headers(signature: "v2," + expected.dropFirst(3)), body: body, now: now)
        }
    }

    @Test(arguments: [-301.0, 301.0])
    func verifyRejectsTimestampsOutsideTolerance(offset: Double) throws {
        let signer = try WebhookSigner(secret: secret)
        let skewed = Date(timeIntervalSince1970: TimeInterval(timestamp) + offset)
        #expect(throws: WebhookSignatureError.timestampOutOfTolerance) {
            try signer.verify(headers: headers(), body: body, now: skewed)
        }
        try signer.verify(headers: headers(), body: body, now: skewed, tolerance: .seconds(400))
    }

    @Test func verifyRejectsMissingOrMalformedHeaders() throws {
        let signer = try WebhookSigner(secret: secret)
        var missing = headers()
        missing["webhook-id"] = nil
        #expect(throws: WebhookSignatureError.missingHeader("webhook-id")) {
            try signer.verify(headers: missing, body: body, now: now)
        }
        var malformed = headers()
        malformed["webhook-timestamp"] = "yesterday"
        #expect(throws: WebhookSignatureError.invalidTimestamp) {
            try signer.verify(headers: malformed, body: body, now: now)
        }
    }

    @Test func invalidSecretsAreRejected() {
        #expect(throws: WebhookSignatureError.invalidSecret) { try WebhookSigner(secret: "whsec_not base64!") }
        #expect(throws: WebhookSignatureError.invalidSecret) { try WebhookSigner(secret: "whsec_") }
    }

    @Test func generatedSecretsAreFreshAndUsable() throws {
        let first = WebhookSigner.generateSecret()
        let second = WebhookSigner.generateSecret(byteCount: 24)
        #expect(first.hasPrefix("whsec_"))
        #expect(first != second)
        #expect(Data(base64Encoded: String(first.dropFirst(6)))?.count == 32)
        #expect(Data(base64Encoded: String(second.dropFirst(6)))?.count == 24)

        let signer = try WebhookSigner(secret: first)
        let pairs = signer.headers(messageID: "msg_x", timestamp: timestamp, body: body)
        try signer.verify(headers: Dictionary(uniqueKeysWithValues: pairs.map { ($0.name, $0.value) }), body: body, now: now)
    }
}
