import Foundation
import HTTPTypes
import Hummingbird
import Publishing
import RegisterCore

/// Answers a request of the read API: one read of the register through its async
/// API, and within it a 304 when `If-None-Match` names the register as it stands,
/// or else the JSON written by `PublicJSON` (the export's forms) into memory.
///
/// A resource is the same bytes while the ledger head and the settings are: its
/// ETag is made of them, so a conditional GET costs one read of the head. Check the
/// query parameters before calling `json`, so that a bad one is a 400 even for a
/// conditional request.
struct APIResponder: Sendable {
    let register: Register

    /// What a resource's writer hands back besides its body.
    struct Written: Sendable {
        /// The next page's URL, for the `Link` header.
        var next: String?
        static let none = Written(next: nil)
    }

    static let jsonType = "application/json"

    func json(_ request: Request,
              _ write: @escaping @Sendable (RegisterSnapshot, PublicJSON, JSONStreamWriter) throws -> Written) async throws -> Response {
        let conditions = request.headers[values: .ifNoneMatch]
        let answer = try await register.read { snapshot -> (etag: String, body: [UInt8]?, written: Written) in
            let settings = try snapshot.settings()
            let etag = Self.etag(head: try snapshot.ledgerHead(), settings: settings)
            if PageResponder.matches(conditions, etag) { return (etag, nil, .none) }
            let sink = BufferSink(reservingCapacity: 16 * 1024)
            let json = JSONStreamWriter(sink)
            let written = try write(snapshot, PublicJSON(Publication(settings: settings)), json)
            try json.finish()
            return (etag, sink.take() + [0x0A], written)
        }
        var headers = Self.headers(etag: answer.etag)
        guard let body = answer.body else { return Response(status: .notModified, headers: headers) }
        headers[.contentType] = Self.jsonType
        if let next = answer.written.next { headers[HTTPField.Name("Link")!] = "<\(next)>; rel=\"next\"" }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// A response streamed by an export writer, after a read of the head for its ETag
    /// and a 304 when it matches; `check` runs in that read and may refuse the request.
    func stream(_ request: Request, contentType: String, extra: HTTPFields = [:],
                check: @escaping @Sendable (RegisterSnapshot) throws -> Void = { _ in },
                _ export: @escaping @Sendable (RegisterSnapshot, any ByteSink) throws -> Void) async throws -> Response {
        let etag = try await register.read { snapshot in
            try check(snapshot)
            return Self.etag(head: try snapshot.ledgerHead(), settings: try snapshot.settings())
        }
        var headers = Self.headers(etag: etag)
        if PageResponder.matches(request.headers[values: .ifNoneMatch], etag) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = contentType
        for field in extra { headers[field.name] = field.value }
        return Response(status: .ok, headers: headers, body: StreamedBody.make(register: register, export))
    }

    static func headers(etag: String) -> HTTPFields {
        [.eTag: etag, .cacheControl: "no-cache"]
    }

    /// The register's version as an entity tag: the ledger head and the settings (which the URLs in the JSON come from).
    static func etag(head: LedgerHead, settings: RegisterSettings) -> String {
        "\"a\(head.sequence)-\(head.hash.prefix(16))-\(RegisterVersion.fingerprint(settings))\""
    }
}
