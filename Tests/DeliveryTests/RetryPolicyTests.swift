import Delivery
import Foundation
import RegisterCore
import Testing

@Suite("Retry policy: which answers are retried, how long to wait, when to give up")
struct RetryPolicyTests {
    private let policy = RetryPolicy(baseDelay: .seconds(5), maxDelay: .seconds(3600), maxAge: .seconds(72 * 3600))

    @Test(arguments: [200, 201, 202, 204, 299])
    func anyTwoHundredIsDelivered(status: Int) {
        #expect(AttemptResult(HTTPResponse(status: status)) == .delivered)
    }

    @Test(arguments: [408, 429, 500, 502, 503, 504, 599])
    func transientAnswersAreRetried(status: Int) {
        guard case .failed(let reason, _) = AttemptResult(HTTPResponse(status: status, body: Array("busy\n now".utf8))) else {
            Issue.record("\(status) should be retried")
            return
        }
        #expect(reason == "HTTP \(status): busy now")
    }

    @Test(arguments: [400, 405, 409, 413, 422, 301, 304])
    func otherAnswersAreDeadLetters(status: Int) {
        #expect(AttemptResult(HTTPResponse(status: status)) == .rejected("HTTP \(status)"))
    }

    @Test(arguments: [401, 403, 404, 410])
    func answersThatTheEndpointIsWrongPauseIt(status: Int) throws {
        #expect(AttemptResult(HTTPResponse(status: status, body: Array("token\nrevoked".utf8))) == .endpointRefused("HTTP \(status): token revoked"))
        let register = try Register.inMemory()
        let endpoint = try register.addEndpoint(NewEndpoint(url: "https://example.se/hook", kind: .webhook, secret: PushFixture.secret), by: .shell)
        try register.add(RegisterCore.Unit(name: "Regionstyrelsen", kind: .board), by: .shell)
        let item = try #require(try register.pendingDeliveries(endpoint: endpoint.id).first)
        var generator = SystemRandomNumberGenerator()
        #expect(policy.outcome(of: .endpointRefused("HTTP \(status)"), for: item, at: Date(), using: &generator) == nil,
                "the delivery is left as it was")
    }

    @Test func aLongReasonIsKeptOnOneLineUpToAThousandCharacters() {
        let reason = "Access denied: " + String(repeating: "the editor role was revoked. ", count: 30)
        let kept = "Access denied: " + String(repeating: "the editor role was revoked. ", count: 30).dropLast()
        #expect(AttemptResult(HTTPResponse(status: 400, body: Array(reason.utf8))) == .rejected("HTTP 400: \(kept)"))
        #expect(kept.count > 800)
        guard case .rejected(let cut) = AttemptResult(HTTPResponse(status: 400, body: Array((reason + reason).utf8))) else {
            Issue.record("a 400 is a dead letter")
            return
        }
        #expect(cut.count == "HTTP 400: ".count + 1000)
        #expect(cut.hasSuffix("…"))
    }

    @Test func transportFailuresAreRetriedButUnsendableRequestsAreNot() {
        #expect(AttemptResult(.timedOut("slow")) == .failed("timed out: slow", retryAfter: nil))
        #expect(AttemptResult(.connectionFailed(code: 7, message: "refused")) == .failed("connection failed (curl 7): refused", retryAfter: nil))
        #expect(AttemptResult(.transferFailed(code: 35, message: "TLS")) == .failed("transfer failed (curl 35): TLS", retryAfter: nil))
        #expect(AttemptResult(.invalidRequest("bad URL")) == .rejected("invalid request: bad URL"))
    }

    @Test func retryAfterIsCarried() {
        let result = AttemptResult(HTTPResponse(status: 429, headers: ["retry-after": "120"]))
        #expect(result == .failed("HTTP 429", retryAfter: .seconds(120)))
    }

    @Test func delaysDoubleWithJitterUpToTheMaximum() {
        var generator = SystemRandomNumberGenerator()
        for failures in 1...14 {
            let nominal = min(5 * pow(2, Double(failures - 1)), 3600)
            for _ in 0..<50 {
                let delay = policy.delay(afterFailures: failures, retryAfter: nil, using: &generator)
                #expect(delay >= .milliseconds(Int64(nominal * 500)) && delay <= .milliseconds(Int64(nominal * 1000)),
                        "failure \(failures): \(delay) is outside \(nominal / 2)…\(nominal) s")
            }
        }
    }

    @Test func retryAfterIsHonouredWithinBounds() {
        var generator = SystemRandomNumberGenerator()
        #expect(policy.delay(afterFailures: 1, retryAfter: .seconds(120), using: &generator) == .seconds(120))
        #expect(policy.delay(afterFailures: 1, retryAfter: .zero, using: &generator) == .seconds(5))
        #expect(policy.delay(afterFailures: 1, retryAfter: .seconds(86_400), using: &generator) == .seconds(3600))
    }

    @Test func failuresAreRetriedUntilTheMaximumAgeThenDead() throws {
        let register = try Register.inMemory()
        let endpoint = try register.addEndpoint(NewEndpoint(url: "https://example.se/hook", kind: .webhook,
                                                            secret: PushFixture.secret), by: .shell)
        try register.add(RegisterCore.Unit(name: "Regionstyrelsen", kind: .board), by: .shell)
        var item = try #require(try register.pendingDeliveries(endpoint: endpoint.id).first)
        var generator = SystemRandomNumberGenerator()
        let now = Date()
        let failure = AttemptResult.failed("HTTP 503", retryAfter: nil)

        guard case .retry(let next, let error) = policy.outcome(of: failure, for: item, at: now, using: &generator) else {
            Issue.record("a first failure is retried")
            return
        }
        #expect(error == "HTTP 503")
        #expect(next.timeIntervalSince(now) >= 2.5 && next.timeIntervalSince(now) <= 5)

        item.attempts = 30
        item.firstFailedAt = now.addingTimeInterval(-71.9 * 3600)
        guard case .retry(let last, _) = policy.outcome(of: failure, for: item, at: now, using: &generator) else {
            Issue.record("within the maximum age it is still retried")
            return
        }
        #expect(abs(last.timeIntervalSince(item.firstFailedAt!.addingTimeInterval(72 * 3600))) < 0.001,
                "the last retry falls at the maximum age")

        item.firstFailedAt = now.addingTimeInterval(-72 * 3600)
        guard case .dead(let reason) = policy.outcome(of: failure, for: item, at: now, using: &generator) else {
            Issue.record("at the maximum age it is a dead letter")
            return
        }
        #expect(reason.hasPrefix("HTTP 503 (retried for 72.0 h"))
        #expect(policy.outcome(of: .rejected("HTTP 400"), for: item, at: now, using: &generator) == .dead(error: "HTTP 400"))
        #expect(policy.outcome(of: .delivered, for: item, at: now, using: &generator) == .delivered)
    }
}
