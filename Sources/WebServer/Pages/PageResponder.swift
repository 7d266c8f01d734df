import Foundation
import Hummingbird
import Publishing
import RegisterCore

/// Answers a public page request: a 304 when the request's `If-None-Match` names
/// the page as it stands, or else the page from the cache of rendered pages, or built
/// and rendered in one consistent read of the register through its async API — all
/// off the server's event loop.
///
/// A page is the same bytes while the ledger head, the settings, the theme and the
/// language are (a public page is the same for every reader; a signed-in one gets the
/// kept bytes with their own header and footer, `LayoutSlots`): its ETag is made of
/// them (and of the signed-in reader), so a conditional GET costs a shared read of the head and no
/// rendering, and so does a repeated GET while the page is kept (`DocumentCache`,
/// keyed by the language, path and query). Read and check the query parameters
/// before calling `respond`, so that a bad one is a 400 even for a conditional request.
public struct PageResponder: Sendable {
    public let register: Register
    public let renderer: PageRenderer
    private let catalogues = CatalogueCache()
    private let rendered: DocumentCache
    private let versions: RegisterVersionReader

    public init(register: Register, renderer: PageRenderer) {
        self.register = register
        self.renderer = renderer
        rendered = DocumentCache()
        versions = RegisterVersionReader(register: register)
    }

    /// The public catalogue in `snapshot`, read again only after it changed.
    func catalogue(_ snapshot: RegisterSnapshot) throws -> CatalogueIndex {
        try catalogues.catalogue(in: snapshot)
    }

    /// How many pages have been built and rendered (not taken from the cache).
    var renderCount: Int { rendered.renderCount }

    public func respond(to request: Request, context: InsynRequestContext,
                        _ build: @escaping @Sendable (RegisterSnapshot, PageContext) throws -> PageResult) async throws -> Response {
        let language = context.language
        let path = request.uri.path
        let query = QueryParameters(request)
        let renderer = renderer
        let version = try await versions.current()
        var headers = Self.headers(language: language)
        let reader = context.principal.map(Self.readerTag) ?? ""
        let current = Self.etag(version, language: language, theme: renderer.fingerprint, reader: reader)
        if Self.matches(request.headers[values: .ifNoneMatch], current) {
            headers[.eTag] = current
            return Response(status: .notModified, headers: headers)
        }
        let key = "\(language.rawValue) \(path)?\(request.uri.query ?? "")"
        let register = register
        let page = try await rendered.document(key, at: version) {
            try await register.read { snapshot in
                let read = try RegisterVersion(snapshot)
                let pageContext = PageContext(language: language, settings: read.settings, path: path, query: query)
                let result = try build(snapshot, pageContext)
                let (body, layout) = try renderer.renderShared(result.view, context: pageContext)
                return DocumentCache.Rendered(version: read, document: CachedDocument(
                    page: body, etag: Self.etag(read, language: language, theme: renderer.fingerprint), status: result.status,
                    layout: layout))
            }
        }
        guard let page else { throw HTTPError(.notFound) }
        var body = page.body
        if let principal = context.principal, let layout = page.layout {
            var readerContext = PageContext(language: language, settings: version.settings, path: path, query: query)
            readerContext.principal = principal
            let (header, footer) = renderer.layout(layout, context: readerContext)
            body = layout.splice(page.body, header: header, footer: footer)
        }
        headers[.eTag] = reader.isEmpty ? page.etag : String(page.etag.dropLast()) + reader + "\""
        return Response(status: HTTPResponse.Status(code: page.status), headers: headers, body: ResponseBody(byteBuffer: body))
    }

    /// What a signed-in reader's copy of a page adds to its entity tag: their header
    /// differs with their name and role, which change outside the ledger.
    static func readerTag(_ principal: Principal) -> String {
        "-r" + ConditionalResponse.fingerprint(Array("\(principal.kind.rawValue)\u{0}\(principal.id ?? 0)\u{0}\(principal.name)\u{0}\(principal.role.rawValue)".utf8))
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

    static func etag(_ version: RegisterVersion, language: Language, theme: String, reader: String = "") -> String {
        "\"p\(version.sequence)-\(version.hash.prefix(16))-\(version.settingsFingerprint)-\(theme)-\(language.rawValue)\(reader)\""
    }

    /// `If-None-Match` by weak comparison (RFC 9110 §13.1.2).
    static func matches(_ conditions: [String], _ etag: String) -> Bool {
        conditions.flatMap { $0.split(separator: ",") }.contains { candidate in
            let tag = candidate.trimmingCharacters(in: .whitespaces)
            return tag == "*" || ConditionalResponse.opaque(tag) == ConditionalResponse.opaque(etag)
        }
    }
}
