import Foundation
import Hummingbird
import Publishing
import RegisterCore

/// Serves the Atom documents and their stylesheet under /feeds/, rendered by the
/// same `FeedSet` that writes Feeds/, with conditional GET; each document's
/// Last-Modified is the time of its newest change.
struct FeedController: SiteController {
    let register: Register

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
        guard request.uri.path == SiteURL.feedStylesheet.path.dropLast("feed.xsl".count) + path,
              let document = try await register.read({ snapshot in try FeedSet(snapshot: snapshot).document(at: path) }) else {
            throw HTTPError(.notFound, message: "No feed at /feeds/\(path)")
        }
        return try ConditionalResponse.make(request: request, bytes: document.bytes, contentType: Self.contentType(for: request),
                                            lastModified: document.updated)
    }

    /// Browsers apply feed.xsl only to documents served as XML, so a request that
    /// prefers HTML gets the same bytes as `application/xml`; feed readers get Atom's type.
    static func contentType(for request: Request) -> String {
        let accept = request.headers[.accept] ?? ""
        return accept.contains("text/html") ? "application/xml; charset=utf-8" : "application/atom+xml; charset=utf-8"
    }
}
