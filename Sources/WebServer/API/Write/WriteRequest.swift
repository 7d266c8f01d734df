import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOPosix
import RegisterCore

/// What every write route does before and after the register's one write path: it
/// requires a principal (401 otherwise), refuses a query (no write route takes one),
/// reads the body once and within a limit,
/// decodes it with `RegisterInput` (every bad field named), reads `If-Match` and
/// `Idempotency-Key`, runs the write off the event loop, and turns the register's
/// refusals into problem+json (`WriteProblem`).
struct WriteRequest {
    let request: Request
    let context: InsynRequestContext
    let register: Register
    let actor: Principal
    let body: Data

    /// The largest body a write takes: a meeting with a long summary is a few kilobytes.
    static let bodyLimit = 1 << 20
    static let idempotencyKeyHeader = HTTPField.Name("Idempotency-Key")!
    static let replayed = HTTPField.Name("Idempotent-Replayed")!

    /// Starts a write of meetings (`meetings`) or of what only the registrar keeps
    /// (`registrar` names the action): a role that may do neither is refused before
    /// the body is read, by the register's own rule.
    static func start(_ request: Request, context: InsynRequestContext, register: Register, meetings: Bool = false,
                      registrar action: String? = nil) async throws -> WriteRequest {
        guard let actor = context.principal else {
            throw ProblemDetails(status: .unauthorized, title: "Authentication required",
                                 detail: "send an API token as Authorization: Bearer <token>, or sign in",
                                 headers: [.wwwAuthenticate: "Bearer realm=\"insyn\""])
        }
        _ = try APIQuery(request, allowed: [])
        do {
            if meetings { try actor.requireMayWriteMeetings("change a meeting") }
            if let action { try actor.requireRegistrar(action) }
        } catch {
            throw WriteProblem.from(error)
        }
        var request = request
        guard let buffer = try await request.collectBody(within: bodyLimit) else {
            throw ProblemDetails(status: .contentTooLarge, detail: "the body is larger than \(bodyLimit) bytes", headers: [.connection: "close"])
        }
        return WriteRequest(request: request, context: context, register: register, actor: actor, body: Data(buffer: buffer))
    }

    /// The body as the register's input type; `at` is where that input stands in the body.
    func decode<T: InputShaped>(_ type: T.Type, at prefix: String = "") async throws -> T {
        let timeZone = try await register.read { try $0.settings().timeZone }
        do {
            return try RegisterInput.decode(T.self, from: body, timeZone: timeZone)
        } catch {
            throw WriteProblem.from(error, bodyPrefix: prefix)
        }
    }

    /// The body's top-level `version` member, when it is a whole number (a meeting's
    /// input shape ignores it, so a record read from the API can be sent back as it is).
    var versionMember: Int64? {
        guard case .object(let members)? = try? JSONValue.parse(body) else { return nil }
        return members["version"]?.intValue
    }

    /// The state of meeting `id` that an edit was based on: `If-Match` with its ETag,
    /// or the body's `version`. Required (428 without either); `If-Match: *` takes any.
    func basedOn(meeting id: Int64, version: Int64?) throws -> MeetingRevision? {
        if let header = request.headers[.ifMatch] { return MeetingETag.revision(ifMatch: header, id: id) }
        if let version { return MeetingRevision(version) }
        throw ProblemDetails(status: .preconditionRequired, title: "Say which version this change is based on",
                             detail: "send If-Match with the meeting's ETag, or a \"version\" member with its version")
    }

    /// The request's `Idempotency-Key` for this actor, over its method, path and body.
    func idempotencyKey() throws -> IdempotencyKey? {
        guard let key = request.headers[Self.idempotencyKeyHeader] else { return nil }
        var hasher = SHA256()
        hasher.update(data: Array("\(request.method.rawValue) \(request.uri.path)\n".utf8))
        hasher.update(data: body)
        let fingerprint = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        do {
            return try IdempotencyKey(key, for: actor, fingerprint: fingerprint)
        } catch {
            throw WriteProblem.from(error)
        }
    }

    /// Runs a blocking write of the register on NIO's thread pool, never on the event loop.
    func write<T: Sendable>(bodyPrefix: String = "", renaming: [String: String] = [:],
                            _ body: @escaping @Sendable (Register, Principal) throws -> T) async throws -> T {
        let register = register, actor = actor
        do {
            return try await NIOThreadPool.singleton.runIfActive { try body(register, actor) }
        } catch {
            throw WriteProblem.from(error, bodyPrefix: bodyPrefix, renaming: renaming)
        }
    }

    /// Writes to the access log that the actor is about to read a meeting's full record.
    func logRecordRead(_ stored: StoredMeeting) async throws {
        try await register.logAccess(by: actor, entity: "meeting", id: stored.id, what: "full record (write API)")
    }

    /// An id from the route.
    func id(_ name: String = "id") throws -> Int64 {
        guard let text = context.parameters.get(name), let id = Int64(text), id > 0, String(id) == text else {
            throw ProblemDetails(status: .notFound, detail: "no such record")
        }
        return id
    }
}
