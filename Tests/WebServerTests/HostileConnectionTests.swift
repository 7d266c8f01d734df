import Foundation
import Hummingbird
import HummingbirdTesting
import RegisterCore
import Testing
@testable import WebServer

/// What only a raw connection can send: a body announced as gigabytes (the server must
/// answer 413 from the announcement, not wait for or keep the bytes), a chunked body
/// past the limit, an oversized header, and request lines no HTTP parser takes. The
/// server answers each with a 4xx or closes that connection, and goes on serving.
@Suite("Hostile input: raw connections", .serialized)
struct HostileConnectionTests {
    static let gigabytes = "10737418240"

    /// A request's head as bytes, with the admin's credentials for `path`.
    static func head(_ method: String, _ path: String, _ fixture: HostileFixture, _ extra: [String]) -> String {
        let credentials = fixture.credentials(for: path).map { "\($0.name): \($0.value)\r\n" }.joined()
        return "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\(credentials)" + extra.map { $0 + "\r\n" }.joined() + "\r\n"
    }

    static let bodyRoutes = [("POST", "/api/v1/meetings", "application/json"), ("PUT", "/api/v1/units/1", "application/json"),
                             ("POST", "/sign-in", "application/x-www-form-urlencoded"),
                             ("POST", "/set-password/x", "application/x-www-form-urlencoded"),
                             ("POST", "/my/meetings/from-calendar", "multipart/form-data;boundary=\(HostileForm.boundary)")]

    @Test(arguments: bodyRoutes.map { "\($0.0) \($0.1) \($0.2)" })
    func aBodyAnnouncedAsGigabytesIsRefusedFromItsLengthAlone(route: String) async throws {
        let parts = route.split(separator: " ").map(String.init)
        let fixture = try await HostileFixture.shared()
        let before = try fixture.state()
        try await buildApplication(register: fixture.register, address: ServerAddress(port: 0)).test(.live) { client in
            let port = try #require(client.port)
            let socket = try LocalSocket.connect(port: port, readTimeout: 10)
            try socket.send(Self.head(parts[0], parts[1], fixture, ["Content-Type: \(parts[2])", "Content-Length: \(Self.gigabytes)"]) + "{")
            let answer = try socket.readHead()
            #expect(answer.hasPrefix("HTTP/1.1 413"), "\(route): \(answer.prefix(200))")
            try await HostileExpect.stillUp(client, route)
        }
        #expect(try fixture.state() == before)
    }

    @Test func aChunkedBodyPastTheLimitIsRefusedWithoutReadingItAll() async throws {
        let fixture = try await HostileFixture.shared()
        let before = try fixture.state()
        try await buildApplication(register: fixture.register, address: ServerAddress(port: 0)).test(.live) { client in
            let socket = try LocalSocket.connect(port: try #require(client.port), readTimeout: 10)
            try socket.send(Self.head("POST", "/api/v1/meetings", fixture, ["Content-Type: application/json", "Transfer-Encoding: chunked"]))
            let chunk = Array("10000\r\n".utf8) + [UInt8](repeating: 0x20, count: 0x10000) + Array("\r\n".utf8)
            var answer = ""
            for _ in 0..<64 where answer.isEmpty {
                do { try socket.send(bytes: chunk) } catch { break }
                answer = try socket.readHeadIfReady()
            }
            if answer.isEmpty { answer = try socket.readHead() }
            #expect(answer.hasPrefix("HTTP/1.1 413"), "\(answer.prefix(200))")
            try await HostileExpect.stillUp(client, "a chunked body")
        }
        #expect(try fixture.state() == before)
    }

    /// Request heads no parser takes: the server answers 4xx or closes the connection, and keeps serving.
    @Test(arguments: [
        ("a header of 200 kB", "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + String(repeating: "a", count: 200_000) + "\r\n\r\n"),
        ("a path of 200 kB", "GET /" + String(repeating: "a", count: 200_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"),
        ("a NUL in the path", "GET /meetings/1\u{0}x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"),
        ("a line break in a header's value", "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: b\rSet-Cookie: x=y\r\n\r\n"),
        ("a space in the path", "GET /meetings/1 2 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"),
        ("no HTTP version", "GET /\r\n\r\n"), ("binary noise", "\u{16}\u{3}\u{1}\u{0}\u{FF}\r\n\r\n"),
        ("two lengths", "POST /api/v1/meetings HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n{}"),
        ("a negative length", "POST /api/v1/meetings HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -1\r\n\r\n"),
        ("an overflowing length", "POST /api/v1/meetings HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 99999999999999999999999\r\n\r\n"),
        ("a length and chunks", "POST /api/v1/meetings HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
        ("an unknown method", "BREW / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"),
        ("a bidi override in the path", "GET /meetings/\u{202E}1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"),
    ])
    func aRequestHeadNoParserTakesGetsA4xxOrACloseAndTheServerStaysUp(name: String, request: String) async throws {
        let fixture = try await HostileFixture.shared()
        let before = try fixture.state()
        try await buildApplication(register: fixture.register, address: ServerAddress(port: 0)).test(.live) { client in
            let socket = try LocalSocket.connect(port: try #require(client.port), readTimeout: 10)
            try? socket.send(request)
            let answer = (try? socket.readHead()) ?? ""
            let status = answer.split(separator: " ").dropFirst().first.flatMap { Int($0) }
            #expect(answer.isEmpty || status.map { (400..<500).contains($0) } == true, "\(name): \(answer.prefix(200))")
            #expect(!answer.lowercased().contains("set-cookie: x=y"), "\(name): an injected header")
            try await HostileExpect.stillUp(client, name)
        }
        #expect(try fixture.state() == before)
    }
}
