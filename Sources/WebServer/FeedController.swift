import Foundation
import Hummingbird
import Publishing
import RegisterCore

/// Serves the Atom documents and their stylesheet under /feeds/, rendered by the
/// same `FeedSet` that writes Feeds/, with conditional GET.
struct FeedController {
    let register: Register

    func addRoutes(to group: RouterGroup<BasicRequestContext>) {
        group.get("feed.xsl") { request, _ in
            try ConditionalResponse.make(request: request, bytes: try StaticPublisher.stylesheet(),
                                         contentType: "text/xsl; charset=utf-8", lastModified: nil)
        }
        group.on("**", method: .head, use: feed)
        group.get("**", use: feed)
    }

    @Sendable func feed(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let path = context.parameters.getCatchAll().joined(separator: "/")
        guard let bytes = try FeedSet(register: register).render(path: path) else {
            throw HTTPError(.notFound, message: "No feed at /feeds/\(path)")
        }
        return try ConditionalResponse.make(request: request, bytes: bytes, contentType: Self.contentType(for: request),
                                            lastModified: try register.ledgerHead().at)
    }

    /// Browsers apply feed.xsl only to documents served as XML, so a request that
    /// prefers HTML gets the same bytes as `application/xml`; feed readers get Atom's type.
    static func contentType(for request: Request) -> String {
        let accept = request.headers[.accept] ?? ""
        return accept.contains("text/html") ? "application/xml; charset=utf-8" : "application/atom+xml; charset=utf-8"
    }
}
