import Delivery
import Foundation
import Testing

@Suite("CurlHTTPClient against a real receiver")
struct CurlHTTPClientTests {
    private func post(_ url: String, _ text: String, headers: [(name: String, value: String)] = []) -> HTTPRequest {
        HTTPRequest(method: .post, url: url, headers: headers, body: Array(text.utf8))
    }

    @Test func okResponseCarriesStatusHeadersAndBody() throws {
        let receiver = try TestReceiver()
        let client = CurlHTTPClient()
        let response = try client.send(post(receiver.url("/hook?x=1"), #"{"n":1}"#, headers: [
            ("Content-Type", "application/json"), ("X-Trace", "abc"), ("X-Empty", ""),
        ]))

        #expect(response.status == 200)
        #expect(response.isSuccess)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"ok":true}"#)
        #expect(response.headers["content-type"] == "application/json")
        #expect(response.header("X-Receiver-Seq") == "1")

        let seen = try #require(try receiver.received().first)
        #expect(seen.method == "POST")
        #expect(seen.path == "/hook?x=1")
        #expect(seen.body == #"{"n":1}"#)
        #expect(seen.headers["content-type"] == "application/json")
        #expect(seen.headers["x-trace"] == "abc")
        #expect(seen.headers["x-empty"] == "")
        #expect(seen.headers["user-agent"] == CurlHTTPClient.defaultUserAgent)
        #expect(seen.headers["expect"] == nil)
    }

    @Test func noContentTypeIsSentUnlessGiven() throws {
        let receiver = try TestReceiver()
        _ = try CurlHTTPClient().send(post(receiver.url(), "raw"))
        let seen = try #require(try receiver.received().first)
        #expect(seen.headers["content-type"] == nil)
        #expect(seen.headers["content-length"] == "3")
    }

    @Test(arguments: [HTTPMethod.put, .patch, .delete])
    func methodsWithBody(method: HTTPMethod) throws {
        let receiver = try TestReceiver()
        let response = try CurlHTTPClient().send(HTTPRequest(method: method, url: receiver.url(), body: Array("payload".utf8)))
        #expect(response.status == 200)
        let seen = try #require(try receiver.received().first)
        #expect(seen.method == method.rawValue)
        #expect(seen.body == "payload")
    }

    @Test func getAndHead() throws {
        let receiver = try TestReceiver()
        let client = CurlHTTPClient()
        #expect(try client.send(HTTPRequest(url: receiver.url())).body == Array(#"{"ok":true}"#.utf8))
        let head = try client.send(HTTPRequest(method: .head, url: receiver.url()))
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        #expect(try receiver.received().map(\.method) == ["GET", "HEAD"])
    }

    @Test func successiveRequestsReuseOneConnection() throws {
        let receiver = try TestReceiver()
        try receiver.setScript(["status:500", "ok"])
        let client = CurlHTTPClient()
        let statuses = try (1...4).map { try client.send(post(receiver.url(), "event \($0)")).status }

        #expect(statuses == [500, 200, 200, 200])
        let seen = try receiver.received()
        #expect(seen.map(\.body) == ["event 1", "event 2", "event 3", "event 4"])
        #expect(Set(seen.map(\.peerPort)).count == 1)
        #expect(client.connectionsOpened == 1)
    }

    @Test func stallPastTotalTimeoutIsATimeout() throws {
        let receiver = try TestReceiver()
        try receiver.setScript(["stall:3"])
        let client = CurlHTTPClient(configuration: .init(connectTimeout: .seconds(2), timeout: .milliseconds(400)))
        let clock = ContinuousClock()
        let start = clock.now
        let error = #expect(throws: HTTPTransportError.self) {
            try client.send(post(receiver.url(), "slow"))
        }
        #expect(clock.now - start < .seconds(2))
        guard case .timedOut = error else {
            Issue.record("expected a timeout, got \(String(describing: error))")
            return
        }
        #expect(try client.send(post(receiver.url(), "after")).status == 200)
    }

    @Test func closedWithoutReplyIsAConnectionFailureAndTheClientRecovers() throws {
        let receiver = try TestReceiver()
        try receiver.setScript(["close"])
        let client = CurlHTTPClient()
        let error = #expect(throws: HTTPTransportError.self) {
            try client.send(post(receiver.url(), "dropped"))
        }
        guard case .connectionFailed(let code, let message) = error else {
            Issue.record("expected a connection failure, got \(String(describing: error))")
            return
        }
        #expect(code == 52)
        #expect(!message.isEmpty)

        #expect(try client.send(post(receiver.url(), "retried")).status == 200)
        #expect(try receiver.received().map(\.status) == [nil, 200])
        #expect(client.connectionsOpened == 2)
    }

    @Test func tooManyRequestsCarriesRetryAfter() throws {
        let receiver = try TestReceiver()
        try receiver.setScript(["status:429:retry-after=1"])
        let response = try CurlHTTPClient().send(post(receiver.url(), "busy"))
        #expect(response.status == 429)
        #expect(!response.isSuccess)
        #expect(response.retryAfter() == .seconds(1))
    }

    @Test func refusedConnectionIsAConnectionFailure() throws {
        let refusing = try RefusingPort()
        let error = #expect(throws: HTTPTransportError.self) {
            try CurlHTTPClient().send(HTTPRequest(method: .post, url: "http://127.0.0.1:\(refusing.port)/hook"))
        }
        guard case .connectionFailed(let code, let message) = error else {
            Issue.record("expected a connection failure, got \(String(describing: error))")
            return
        }
        #expect(code == 7)
        #expect(message.contains("\(refusing.port)"))
    }

    @Test func responseBodyIsCappedAtTheConfiguredSize() throws {
        let receiver = try TestReceiver()
        let client = CurlHTTPClient(configuration: .init(maxResponseBodyBytes: 4))
        let response = try client.send(post(receiver.url(), "x"))
        #expect(response.status == 200)
        #expect(response.body == Array(#"{"ok"#.utf8))
    }

    @Test func headerInjectionIsRejectedBeforeSending() throws {
        let client = CurlHTTPClient()
        let badValue = HTTPRequest(url: "http://127.0.0.1:1/", headers: [("X-A", "1\r\nX-Injected: yes")])
        #expect(throws: HTTPTransportError.invalidRequest("header X-A has a control character in its value")) {
            try client.send(badValue)
        }
        let badName = HTTPRequest(url: "http://127.0.0.1:1/", headers: [("X A", "1")])
        #expect(throws: HTTPTransportError.self) { try client.send(badName) }
        #expect(client.connectionsOpened == 0)
    }

    @Test func onlyHTTPAndHTTPSAreAllowed() throws {
        let error = #expect(throws: HTTPTransportError.self) {
            try CurlHTTPClient().send(HTTPRequest(url: "file:///etc/passwd"))
        }
        guard case .invalidRequest = error else {
            Issue.record("expected an invalid request, got \(String(describing: error))")
            return
        }
    }

    @Test func signedPushVerifiesAtTheReceiver() throws {
        let receiver = try TestReceiver()
        let signer = try WebhookSigner(secret: WebhookSigner.generateSecret())
        let body = Array(#"{"type":"meeting.published","id":"m-1"}"#.utf8)
        let headers = signer.headers(messageID: "msg_1", body: body) + [("Content-Type", "application/json")]
        #expect(try CurlHTTPClient().send(HTTPRequest(method: .post, url: receiver.url(), headers: headers, body: body)).isSuccess)

        let seen = try #require(try receiver.received().first)
        try signer.verify(headers: seen.headers, body: Array(seen.body.utf8))
        #expect(throws: WebhookSignatureError.noMatchingSignature) {
            try signer.verify(headers: seen.headers, body: Array(seen.body.utf8) + [0x20])
        }
    }

    @Test func workFillsTheWaitForTheAnswer() throws {
        let receiver = try TestReceiver()
        try receiver.setScript(["stall:0.3"])
        let client = CurlHTTPClient()
        var steps = 0
        var idleCalls = 0
        let clock = ContinuousClock()
        let start = clock.now
        let response = try client.send(post(receiver.url(), "slow"), recheck: .milliseconds(20)) {
            guard steps < 5 else {
                idleCalls += 1
                return false
            }
            steps += 1
            return true
        }

        #expect(response.status == 200)
        #expect(steps == 5)
        #expect(idleCalls >= 5, "with nothing to do, the work is offered again every recheck interval")
        #expect(clock.now - start < .seconds(2))
        #expect(try client.send(post(receiver.url(), "next")).status == 200)
        #expect(client.connectionsOpened == 1)
    }

    @Test func quietReceiverCountsOnly() throws {
        let receiver = try TestReceiver(quietRecord: true)
        let client = CurlHTTPClient()
        for index in 1...50 {
            _ = try client.send(post(receiver.url(), "event \(index)"))
        }
        #expect(try receiver.count() == 50)
        #expect(try receiver.received().isEmpty)
        try receiver.reset()
        #expect(try receiver.count() == 0)
        #expect(client.connectionsOpened == 1)
    }
}
