import Foundation
import Hummingbird
import HummingbirdTesting
import RegisterCore
import Testing
@testable import WebServer

/// `/healthz` tells a load balancer whether the register can be read, not only
/// whether the process answers; `/metrics` reads the register's state when scraped.
@Suite("Health and metrics")
struct HealthTests {
    static let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

    @Test func healthzIsOkWhileTheRegisterCanBeReadAnd503Otherwise() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("insyn-health-\(UUID()).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let register = try Register.open(path: path)
        try await buildApplication(register: register).test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "ok\n")
            }
            try register.close()
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(String(buffer: response.body) == "unavailable: the register cannot be read\n")
                #expect(response.headers[.cacheControl] == "no-store")
            }
        }
    }

    @Test func metricsShowPendingPausedAndDeadDeliveriesPerEndpoint() async throws {
        let register = try Register.inMemory()
        let first = try register.addEndpoint(NewEndpoint(url: "https://portal.example/hook", kind: .webhook, secret: Self.secret), by: .shell)
        let second = try register.addEndpoint(NewEndpoint(url: "https://other.example/hook", kind: .webhook, secret: Self.secret), by: .shell)
        _ = try register.add(RegisterCore.Unit(name: "Regionstyrelsen", kind: .board), by: .shell)
        #expect(try register.pauseEndpoint(second, reason: "test"))
        try await buildApplication(register: register).test(.router) { client in
            try await client.execute(uri: "/metrics", method: .get) { response in
                let lines = Set(String(buffer: response.body).split(separator: "\n").map(String.init))
                #expect(lines.contains("insyn_ledger_head_sequence 1.0"))
                #expect(lines.contains(#"insyn_outbox_deliveries{endpoint="\#(first.id)",state="pending"} 1.0"#))
                #expect(lines.contains(#"insyn_outbox_deliveries{endpoint="\#(second.id)",state="paused"} 1.0"#))
                #expect(lines.contains(#"insyn_outbox_deliveries{endpoint="\#(second.id)",state="pending"} 0.0"#))
                #expect(lines.contains(#"insyn_outbox_deliveries{endpoint="\#(first.id)",state="dead"} 0.0"#))
            }
        }
    }
}
