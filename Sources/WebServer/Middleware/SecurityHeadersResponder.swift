import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Publishing

/// Puts the security headers on every response the site sends, error pages and 405s
/// included: a Content-Security-Policy that allows only the site's own resources (no
/// `unsafe-inline`; the feeds' stylesheet page gets the hashes of its own `<style>`
/// blocks), no framing, no MIME sniffing, a referrer policy, and HSTS when the
/// register's base URL is https.
struct SecurityHeadersResponder<Inner: HTTPResponder>: HTTPResponder {
    typealias Context = Inner.Context
    let inner: Inner
    let headers: HTTPFields
    let feedHeaders: HTTPFields

    static var policy: String {
        "default-src 'self'; base-uri 'none'; object-src 'none'; form-action 'self'; frame-ancestors 'none'"
    }

    init(_ inner: Inner, https: Bool, feedStyles: [String]) {
        self.inner = inner
        var headers: HTTPFields = [
            .contentSecurityPolicy: Self.policy,
            .xContentTypeOptions: "nosniff",
            HTTPField.Name("Referrer-Policy")!: "strict-origin-when-cross-origin",
            HTTPField.Name("X-Frame-Options")!: "DENY",
        ]
        if https { headers[.strictTransportSecurity] = "max-age=31536000" }
        self.headers = headers
        var feedHeaders = headers
        let hashes = feedStyles.map { "'sha256-" + Data(SHA256.hash(data: Data($0.utf8))).base64EncodedString() + "'" }
        if !hashes.isEmpty { feedHeaders[.contentSecurityPolicy] = Self.policy + "; style-src 'self' " + hashes.joined(separator: " ") }
        self.feedHeaders = feedHeaders
    }

    func respond(to request: Request, context: Context) async throws -> Response {
        var response = try await inner.respond(to: request, context: context)
        let extra = request.uri.path.hasPrefix(SiteURL.feedStylesheet.path.dropLast("feed.xsl".count)) ? feedHeaders : headers
        if response.headers[.contentSecurityPolicy] == nil {
            response.headers.append(contentsOf: extra)
        } else {
            for field in extra { response.headers[field.name] = field.value }
        }
        if request.method == .get || request.method == .head, OpenData.isOpen(request.uri.path) {
            response.headers[.accessControlAllowOrigin] = "*"
        }
        return response
    }

    /// The contents of each `<style>` element of the feed stylesheet, as the browser hashes them.
    static func styles(in stylesheet: [UInt8]) -> [String] {
        let text = String(decoding: stylesheet, as: UTF8.self)
        var styles: [String] = []
        var rest = text[...]
        while let open = rest.range(of: "<style>"), let close = rest[open.upperBound...].range(of: "</style>") {
            styles.append(String(rest[open.upperBound..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return styles
    }
}
