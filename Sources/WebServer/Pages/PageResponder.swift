import Foundation
import Hummingbird
import Publishing
import RegisterCore

/// Answers a page request: one consistent read of the register through its async
/// API, and within it a 304 when the request's `If-None-Match` names the page as it
/// stands, or else the page built and rendered — all off the server's event loop.
///
/// A page is the same bytes while the ledger head, the settings, the theme and the
/// language are: its ETag is made of them, so a conditional GET costs one read of
/// the head and no rendering. Read and check the query parameters before calling
/// `respond`, so that a bad one is a 400 even for a conditional request.
public struct PageResponder: Sendable {
    public let register: Register
    public let renderer: PageRenderer
    private let catalogues = CatalogueCache()

    public init(register: Register, renderer: PageRenderer) {
        self.register = register
        self.renderer = renderer
    }

    /// The public catalogue in `snapshot`, read again only after it changed.
    func catalogue(_ snapshot: RegisterSnapshot) throws -> CatalogueIndex {
        try catalogues.catalogue(in: snapshot)
    }

    public func respond(to request: Request, context: InsynRequestContext,
                        _ build: @escaping @Sendable (RegisterSnapshot, PageContext) throws -> PageResult) async throws -> Response {
        let language = context.language
        let path = request.uri.path
        let query = QueryParameters(request)
        let conditions = request.headers[values: .ifNoneMatch]
        let renderer = renderer
        let answer = try await register.read { snapshot -> (status: Int, etag: String, html: String?) in
            let settings = try snapshot.settings()
            let etag = Self.etag(head: try snapshot.ledgerHead(), settings: settings, language: language, theme: renderer.fingerprint)
            if Self.matches(conditions, etag) { return (304, etag, nil) }
            let pageContext = PageContext(language: language, settings: settings, path: path, query: query)
            let result = try build(snapshot, pageContext)
            return (result.status, etag, try renderer.render(result.view, context: pageContext))
        }
        var headers = Self.headers(language: language)
        headers[.eTag] = answer.etag
        guard let html = answer.html else { return Response(status: .notModified, headers: headers) }
        return Self.response(status: answer.status, html: html, headers: headers)
    }

    /// The headers of every page: HTML, its language, revalidated on each use (the
    /// language may come from a cookie or `Accept-Language`).
    static func headers(language: Language) -> HTTPFields {
        [.contentType: "text/html; charset=utf-8", .contentLanguage: language.rawValue,
         .cacheControl: "no-cache", .vary: "Accept-Language, Cookie"]
    }

    static func response(status: Int, html: String, headers: HTTPFields) -> Response {
        Response(status: HTTPResponse.Status(code: status), headers: headers,
                 body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    static func etag(head: LedgerHead, settings: RegisterSettings, language: Language, theme: String) -> String {
        let settingsText = RegisterSettings.names.compactMap { settings.value(of: $0) }.joined(separator: "\u{0}")
        return "\"p\(head.sequence)-\(head.hash.prefix(16))-\(ConditionalResponse.fingerprint(Array(settingsText.utf8)))-\(theme)-\(language.rawValue)\""
    }

    /// `If-None-Match` by weak comparison (RFC 9110 §13.1.2).
    static func matches(_ conditions: [String], _ etag: String) -> Bool {
        conditions.flatMap { $0.split(separator: ",") }.contains { candidate in
            let tag = candidate.trimmingCharacters(in: .whitespaces)
            return tag == "*" || ConditionalResponse.opaque(tag) == ConditionalResponse.opaque(etag)
        }
    }
}
