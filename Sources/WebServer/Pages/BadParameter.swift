import Foundation
import Hummingbird
import Publishing

/// A query parameter whose value the page cannot use: answered with 400 and an error
/// page that names the parameter, its value and what is expected (a key of the string
/// catalogue, with "%@" filled by `detail`).
public struct BadParameter: Error, Sendable {
    public var name: String
    public var value: String
    public var expected: String
    public var detail: String

    public init(_ name: String, value: String, expected: String, detail: String = "") {
        self.name = name
        self.value = value
        self.expected = expected
        self.detail = detail
    }

    /// The sentence the error page shows.
    public func message(_ strings: Strings) -> String {
        let quoted = "”" + String(value.unicodeScalars.prefix(60)) + "”"
        return strings.format("errorBadParameter", name, quoted) + " "
            + (strings.english ? "Expected: " : "Väntat: ") + strings.format(expected, detail) + "."
    }
}

/// Reading the query parameters a page takes: a bad value throws `BadParameter`
/// naming the parameter; a parameter given twice is refused too.
/// The query is read as a form (`application/x-www-form-urlencoded`: "+" is a space).
public struct QueryParameters: Sendable {
    /// Each parameter in order, decoded; nil for a value that is not valid percent-encoding.
    public let pairs: [(name: String, value: String?)]

    public init(_ request: Request) {
        self.init(query: request.uri.query ?? "")
    }

    public init(query: String) {
        pairs = query.split(separator: "&").map { item in
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String? { text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding }
            return (decode(parts[0]) ?? String(parts[0]), decode(parts.count > 1 ? parts[1] : ""))
        }
    }

    /// Every value given for `name`.
    public func values(_ name: String) throws(BadParameter) -> [String] {
        var values: [String] = []
        for pair in pairs where pair.name == name {
            guard let value = pair.value else { throw BadParameter(name, value: "%", expected: "expectText") }
            values.append(value)
        }
        return values
    }

    /// The parameter's value, nil when absent.
    public func text(_ name: String) throws(BadParameter) -> String? {
        let values = try values(name)
        guard values.count <= 1 else {
            throw BadParameter(name, value: values.joined(separator: ","), expected: "expectOnce")
        }
        return values.first
    }

    /// A whole number of at least `minimum`, written the one way (no sign, no leading zero).
    public func integer(_ name: String, minimum: Int64 = 0) throws(BadParameter) -> Int64? {
        guard let text = try text(name) else { return nil }
        guard let value = Int64(text), value >= minimum, String(value) == text else {
            throw BadParameter(name, value: text, expected: minimum > 0 ? "expectId" : "expectWholeNumber")
        }
        return value
    }

    /// One of the given values.
    public func choice(_ name: String, in allowed: [String]) throws(BadParameter) -> String? {
        guard let text = try text(name) else { return nil }
        guard allowed.contains(text) else {
            throw BadParameter(name, value: text, expected: "expectOneOf", detail: allowed.joined(separator: ", "))
        }
        return text
    }
}
