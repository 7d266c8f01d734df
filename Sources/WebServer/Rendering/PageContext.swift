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

    /// `text` with every UTF-8 byte other than RFC 3986's unreserved characters written as
    /// `%XX`, as `addingPercentEncoding` writes it (which cost most of a statistics
    /// page's many links).
    public static func encodeComponent(_ text: String) -> String {
        let bytes = text.utf8
        guard bytes.contains(where: { !isUnreserved($0) }) else { return text }
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 3)
        for byte in bytes {
            if isUnreserved(byte) {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"): true
        default: false
        }
    }
}
