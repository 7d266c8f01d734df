import Foundation
import Testing

/// What an operator watches: `/healthz`, `/metrics` in Prometheus's text format, and
/// an access log in JSON that never holds a confidential value.
@Suite("insyn serve: health, metrics and access logs", .serialized)
struct ObservabilityTests {
    /// A wrong sign-in as a browser makes it: the form's CSRF token from the sign-in page.
    func failSignIn(port: Int, email: String, password: String) throws -> HTTPAnswer {
        let page = try LocalSocket.request("GET", "/sign-in", port: port)
        let cookie = try #require(page.header("Set-Cookie")?.split(separator: ";").first.map(String.init))
        let token = try #require(page.body.range(of: #"name="csrf" value=""#).map { String(page.body[$0.upperBound...].prefix { $0 != "\"" }) })
        let form = "csrf=\(token)&email=\(email)&password=\(password)"
        let socket = try LocalSocket.connect(port: port)
        try socket.send("POST /sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nCookie: \(cookie)\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(form.utf8.count)\r\n\r\n\(form)")
        return try LocalSocket.parse(String(decoding: try socket.readToEnd(), as: UTF8.self))
    }

    @Test func metricsCountRequestsByRoutePatternAndStatusAndShowTheLedgerAndTheOutbox() throws {
        let insyn = Insyn()
        defer { insyn.cleanUp() }
        _ = try insyn.makeWritable()
        let server = try ServerProcess(database: insyn.database)
        defer { server.stop() }
        #expect(try LocalSocket.request("GET", "/healthz", port: server.port).body == "ok\n")
        #expect(try LocalSocket.request("GET", "/meetings/98765", port: server.port).status == 404)
        #expect(try LocalSocket.request("GET", "/units/1", port: server.port).status == 200)
        #expect(try failSignIn(port: server.port, email: "nobody@example.se", password: "wrong").status == 400)
        let metrics = try LocalSocket.request("GET", "/metrics", port: server.port)
        #expect(metrics.status == 200)
        #expect(metrics.header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8")
        let lines = Set(metrics.body.split(separator: "\n").map(String.init))
        for expected in [
            #"insyn_http_requests_total{route="/healthz",method="GET",status="200"} 1"#,
            #"insyn_http_requests_total{route="/units/{id}",method="GET",status="200"} 1"#,
            #"insyn_http_request_duration_seconds_count{route="/units/{id}",method="GET",status="200"} 1"#,
            #"insyn_sign_in_failures_total{reason="wrong-credentials"} 1"#,
            #"insyn_sign_in_failures_total{reason="locked"} 0"#,
            "insyn_ledger_head_sequence 4.0",
            #"insyn_outbox_deliveries{endpoint="1",state="pending"} 0.0"#,
            #"insyn_outbox_deliveries{endpoint="1",state="dead"} 0.0"#,
            #"insyn_outbox_deliveries{endpoint="1",state="paused"} 0.0"#,
        ] {
            #expect(lines.contains(expected), "no line \(expected) in:\n\(metrics.body)")
        }
        #expect(lines.contains { $0.hasPrefix(#"insyn_http_request_duration_seconds_bucket{route="/units/{id}",method="GET",status="200",le=""#) })
        #expect(lines.contains { $0.hasPrefix("insyn_ledger_head_age_seconds ") })
        #expect(!metrics.body.contains("98765"), "a raw path reached the metrics")
        #expect(!server.text.contains("insyn.access"), "--log-format text writes no access lines")
    }

    @Test func jsonAccessLogIsOneObjectPerLineWithNoConfidentialValue() throws {
        let insyn = Insyn()
        defer { insyn.cleanUp() }
        let token = try insyn.makeWritable(role: "registrar")
        #expect(try insyn.run(["ground", "add", "--ground", "OSL 21 kap. 3 §", "--description", "Privat adress"]).status == 0)
        let secrets = ["Skogsstigen 17 Hemlig", "lösen-ord-4711", "19121212-1212"]
        let server = try ServerProcess(database: insyn.database, arguments: ["--no-push", "--log-format", "json"])
        let recorded = try LocalSocket.request("POST", "/api/v1/meetings", port: server.port, headers: ["Authorization": "Bearer \(token)"],
                                               body: Insyn.meeting(subject: "Loggtest", withheldPlace: secrets[0]))
        #expect(recorded.status == 201, "\(recorded.body)")
        let refused = try LocalSocket.request("POST", "/api/v1/meetings", port: server.port, headers: ["Authorization": "Bearer \(token)"],
                                              body: #"{"place": "\#(secrets[0])", "subject": 7}"#)
        #expect(refused.status == 422)
        #expect(try failSignIn(port: server.port, email: "anna%40region.example.se", password: secrets[1]).status == 400)
        #expect(try LocalSocket.request("GET", "/search?q=\(secrets[2])", port: server.port).status < 500)
        #expect(try LocalSocket.request("GET", "/set-password/0123456789abcdef", port: server.port).status < 500)
        #expect(server.stop() == 0)

        let output = server.text
        for secret in secrets + [token, "0123456789abcdef", "anna@region"] {
            #expect(!output.contains(secret), "the log holds \(secret)")
        }
        let stdout = output.split(separator: "\n").filter { $0.hasPrefix("{") }
        let access = try stdout.map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not one JSON object: \(line)")
        }.filter { $0["label"] as? String == "insyn.access" }
        #expect(access.count == 6, "\(access)")
        let first = try #require(access.first)
        #expect(first["method"] as? String == "POST")
        #expect(first["route"] as? String == "/api/v1/meetings")
        #expect(first["status"] as? Int == 201)
        #expect(first["duration_ms"] is Double)
        #expect(access.contains { $0["route"] as? String == "/set-password/{secret}" })
        #expect(Set(access.flatMap { $0.keys }) == ["duration_ms", "label", "level", "message", "method", "route", "source", "status", "time"])
    }
}
