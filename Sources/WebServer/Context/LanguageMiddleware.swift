import Hummingbird
import Publishing

/// Chooses the language of each response: `?lang=sv|en` first (the visible switch,
/// remembered in the `lang` cookie), then that cookie, then `Accept-Language`, and
/// Swedish by default. Any other `lang` is a bad request naming the parameter.
struct LanguageMiddleware: RouterMiddleware {
    typealias Context = InsynRequestContext

    static let cookieName = "lang"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let value = try QueryParameters(request).text("lang") {
            guard let language = Language(rawValue: value) else {
                throw BadParameter("lang", value: value, expected: "expectLanguage")
            }
            context.language = language
            context.languageChosen = true
        } else if let cookie = request.cookies[Self.cookieName].flatMap({ Language(rawValue: $0.value) }) {
            context.language = cookie
        } else {
            context.language = Self.preferred(request.headers[.acceptLanguage] ?? "")
        }
        var response = try await next(request, context)
        if context.languageChosen {
            response.setCookie(Cookie(name: Self.cookieName, value: context.language.rawValue, maxAge: 365 * 24 * 3600,
                                      path: "/", secure: false, httpOnly: true, sameSite: .lax))
        }
        return response
    }

    /// The language of a response when the request's own choice cannot be used (an
    /// error page for a bad `lang` is in the cookie's or the browser's language).
    static func language(of request: Request) -> Language {
        if let value = try? QueryParameters(request).text("lang"), let language = Language(rawValue: value) { return language }
        if let cookie = request.cookies[cookieName].flatMap({ Language(rawValue: $0.value) }) { return cookie }
        return preferred(request.headers[.acceptLanguage] ?? "")
    }

    /// The language an `Accept-Language` header prefers among ours (RFC 9110 §12.5.4):
    /// the highest weight wins, the earlier on a tie; Swedish if it names neither.
    static func preferred(_ header: String) -> Language {
        var best: (language: Language, weight: Double)?
        for item in header.split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first?.lowercased() else { continue }
            let primary = tag.split(separator: "-").first.map(String.init) ?? tag
            let weight = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            guard weight > 0, let language = Language(rawValue: primary == "nb" || primary == "nn" || primary == "da" ? "sv" : primary) else {
                continue
            }
            if best == nil || weight > best!.weight { best = (language, weight) }
        }
        return best?.language ?? .sv
    }
}
