import Hummingbird

/// An `application/x-www-form-urlencoded` body as name → value, read with
/// Hummingbird's decoder. Reading it keeps the body readable for whoever reads next.
enum FormBody {
    static let limit = 64 * 1024

    static func isForm(_ request: Request) -> Bool {
        (request.headers[.contentType] ?? "").lowercased().hasPrefix("application/x-www-form-urlencoded")
    }

    /// The fields; a body that is not a flat form is a 400.
    static func read(_ request: inout Request) async throws -> [String: String] {
        let buffer = try await request.collectBody(upTo: limit)
        do {
            return try URLEncodedFormDecoder().decode([String: String].self, from: String(buffer: buffer))
        } catch {
            throw HTTPError(.badRequest, message: "The form's body cannot be read.")
        }
    }
}
