import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import RegisterCore
@testable import WebServer

/// A register to throw refused requests at: `WriteAPIFixture`'s records and real API
/// tokens, an admin signed in with a session (its cookie and CSRF token), and an
/// account's unused set-password link. The hostile-input tests share one, since none
/// of their requests may change it; `make` gives a fresh one to a request that does.
struct HostileFixture: Sendable {
    let api: WriteAPIFixture
    /// The admin's session; nil in a fixture made for the API alone (which uses tokens).
    let session: Session?
    let resetSecret: String
    var register: Register { api.register }

    static let password = "ett långt lösenord för admin"
    private static let made = Task { try await HostileFixture.make() }

    /// The shared fixture, made once.
    static func shared() async throws -> HostileFixture { try await made.value }

    /// A fresh register for the API alone: no accounts, so no bcrypt.
    static func makeForAPI() throws -> HostileFixture {
        HostileFixture(api: try WriteAPIFixture(), session: nil, resetSecret: "")
    }

    static func make() async throws -> HostileFixture {
        let api = try WriteAPIFixture()
        let register = api.register
        let admin = try register.addAccount(NewAccount(name: "Ada Admin", email: "admin@region.example.se", role: .admin, officials: []))
        try await register.setPassword(resetSecret: try register.passwordResetLink(for: admin.id).secret, password: Self.password)
        let session = try await register.signIn(email: admin.email, password: Self.password, address: "192.0.2.7")
        let newcomer = try register.addAccount(NewAccount(name: "Nils Ny", email: "nils@region.example.se", role: .recorder,
                                                          officials: [api.official]))
        return HostileFixture(api: api, session: session, resetSecret: try register.passwordResetLink(for: newcomer.id).secret)
    }

    /// Credentials for a request to `path`: the admin's API token under /api/, else the
    /// admin's session cookie with its CSRF token (so a signed-in page's own checks run).
    func credentials(for path: String) -> HTTPFields {
        if path.hasPrefix("/api/") { return [.authorization: "Bearer " + api.tokens[.admin]!] }
        guard let session else { return [:] }
        return [.cookie: "\(SessionCookies.name)=\(session.id)", CSRFMiddleware.header: session.csrfToken]
    }

    /// The ledger's head and the number of rows in every table.
    func state() throws -> RegisterState {
        try RegisterState(register)
    }
}

/// What a refused request must leave as it was: the ledger's head and the number of
/// rows of every table (`sign_in_failure` only when asked: a failed sign-in is counted
/// there on purpose, for the throttle).
struct RegisterState: Equatable, CustomStringConvertible {
    let head: String
    let counts: [String: Int]

    init(_ register: Register, excluding excluded: Set<String> = ["sign_in_failure"]) throws {
        let head = try register.ledgerHead()
        self.head = "\(head.sequence) \(head.hash)"
        counts = try register.readDatabase { db in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            var counts: [String: Int] = [:]
            for table in tables where !excluded.contains(table) {
                counts[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \"\(table)\"") ?? 0
            }
            return counts
        }
    }

    var description: String {
        "head \(head); " + counts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }
}

/// A response's parts the hostile-input tests look at, the body as bytes.
struct HostileResponse: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }
    var contentType: String { headers[.contentType] ?? "" }
}

extension TestClientProtocol {
    /// Sends `body` as it is, bytes and all.
    func hostile(_ method: HTTPRequest.Method, _ uri: String, headers: HTTPFields = [:], body: [UInt8]? = nil) async throws -> HostileResponse {
        try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(bytes: $0) }) { response in
            HostileResponse(status: response.status, headers: response.headers, body: Array(buffer: response.body))
        }
    }
}
