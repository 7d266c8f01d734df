import Foundation
import Hummingbird
import Publishing
import RegisterCore

/// What a page is built with besides the register: the language and its words, the
/// register's settings, dates in the register's time zone, and where the request was
/// made (so the language switch and the `hreflang` alternates keep the page).
public struct PageContext: Sendable {
    public let language: Language
    public let strings: Strings
    public let settings: RegisterSettings
    public let dates: LocalDates
    /// The request's path, e.g. "/meetings/42".
    public let path: String
    /// The request's query parameters.
    public let query: QueryParameters
    /// Who is signed in, on the pages that are never shared between readers (the
    /// signed-in pages); nil on the public pages, which are the same for everyone.
    public var principal: Principal?

    public init(language: Language, settings: RegisterSettings, path: String, query: QueryParameters) {
        self.language = language
        strings = Strings(language)
        self.settings = settings
        dates = LocalDates(timeZone: settings.timeZone, language: language.rawValue)
        self.path = path
        self.query = query
    }

    public init(request: Request, context: InsynRequestContext, settings: RegisterSettings) {
        self.init(language: context.language, settings: settings, path: request.uri.path, query: QueryParameters(request))
        principal = context.principal
    }

    /// Words of the catalogue in the page's language.
    public subscript(_ key: String) -> String { strings[key] }

    /// This page in `language`: the same path and parameters, with `lang` set.
    public func address(in language: Language) -> String {
        let kept = query.pairs.filter { $0.name != "lang" }.map { (name: $0.name, value: $0.value ?? "") }
        return path + "?" + Self.encode(kept + [(name: "lang", value: language.rawValue)])
    }

    /// A query string, form-encoded.
    public static func encode(_ pairs: [(name: String, value: String)]) -> String {
        pairs.map { encodeComponent($0.name) + "=" + encodeComponent($0.value) }.joined(separator: "&")
    }

    public static func encodeComponent(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
