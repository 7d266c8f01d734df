import Foundation
import Hummingbird
import Publishing
import RegisterCore

/// Serves the Atom documents and their stylesheet under /feeds/, rendered by the
/// same `FeedSet` that writes Feeds/, with conditional GET; each document's
/// Last-Modified is the time of its newest change.
///
/// Rendered documents are kept in a `DocumentCache` while the register's version is
/// unchanged, so a repeated or conditional GET costs a share of one read of the
/// ledger head and the settings (concurrent requests share it), and no rendering.
struct FeedController: SiteController {
    let register: Register
    let cache: DocumentCache
    let versions: RegisterVersionReader

    init(register: Register, cache: DocumentCache = DocumentCache()) {
        self.register = register
        self.cache = cache
        versions = RegisterVersionReader(register: register)
    }

    func addRoutes(to router: Router<InsynRequestContext>) {
        router.get(RouterPath(SiteURL.feedStylesheet.routePattern)) { request, _ in
            try ConditionalResponse.make(request: request, bytes: try StaticPublisher.stylesheet(),
                                         contentType: "text/xsl; charset=utf-8", lastModified: nil)
        }
        router.get(RouterPath(SiteURL.feed(.all).routePattern), use: feed)
    }

    @Sendable func feed(_ request: Request, context: InsynRequestContext) async throws -> Response {
        let path = context.parameters.getCatchAll().joined(separator: "/")
        // One URL per document: the router also matches "/feeds/x/" and "/feeds//x".
        guard request.uri.path == SiteURL.feedStylesheet.path.dropLast("feed.xsl".count) + path else {
            throw HTTPError(.notFound, message: "No feed at /feeds/\(path)")
        }
        let register = register
        let version = try await versions.current()
        let document = try await cache.document(path, at: version) {
            try await register.read { snapshot in
                DocumentCache.Rendered(version: try RegisterVersion(snapshot),
                                       document: try FeedSet(snapshot: snapshot).document(at: path).map {
                                           CachedDocument(bytes: $0.bytes, lastModified: $0.updated)
                                       })
            }
        }
        guard let document else { throw HTTPError(.notFound, message: "No feed at /feeds/\(path)") }
        return try ConditionalResponse.make(request: request, body: document.body, etag: document.etag,
                                            contentType: Self.contentType(for: request), lastModified: document.lastModified,
                                            lastModifiedHeader: document.lastModifiedHeader)
    }

    /// Browsers apply feed.xsl only to documents served as XML, so a request that
    /// prefers HTML gets the same bytes as `application/xml`; feed readers get Atom's type.
    static func contentType(for request: Request) -> String {
        let accept = request.headers[.accept] ?? ""
        return accept.contains("text/html") ? "application/xml; charset=utf-8" : "application/atom+xml; charset=utf-8"
    }
}
