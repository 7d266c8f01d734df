import Foundation
import Hummingbird

/// An `application/x-www-form-urlencoded` body as name → value, read with
/// Hummingbird's decoder. Reading it keeps the body readable for whoever reads next.
enum FormBody {
    static let limit = 64 * 1024

    static func isForm(_ request: Request) -> Bool {
        (request.headers[.contentType] ?? "").lowercased().hasPrefix("application/x-www-form-urlencoded")
    }

    /// The fields; a body that is not a flat form is a 400, one over `limit` a 413.
    static func read(_ request: inout Request) async throws -> [String: String] {
        guard let buffer = try await request.collectBody(within: limit) else {
            throw HTTPError(.contentTooLarge, message: "The form's body is larger than \(limit) bytes.")
        }
        do {
            guard let text = String(validating: buffer.readableBytesView, as: UTF8.self), decodable(text) else { throw FormBodyUndecodable() }
            return try URLEncodedFormDecoder().decode([String: String].self, from: text)
        } catch {
            throw HTTPError(.badRequest, message: "The form's body cannot be read.")
        }
    }

    /// Whether every name and value decodes to UTF-8 text: a decoder that put U+FFFD in
    /// place of bytes that are not would change what the person typed without a word.
    private static func decodable(_ text: String) -> Bool {
        text.split(separator: "&").allSatisfy { $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding != nil }
    }

    private struct FormBodyUndecodable: Error {}
}
