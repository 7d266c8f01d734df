import Foundation
import RegisterCore

/// A kind of query parameter, by what a bad value of it is.
enum QueryKind: Sendable {
    /// A record's id.
    case id
    /// A day, YYYY-MM-DD.
    case day
    /// A whole number (a page, a limit, a ledger position).
    case number
    /// One of a list of words.
    case choice
    /// A position in a list that only the server writes.
    case cursor
    /// Free text (search words): markup in it is a search like any other.
    case text
}

/// The hostile values the tests throw, in one place (the command line's tests share
/// this file): text that breaks naive escaping
/// and the markers by which an unescaped echo is found, path segments, query values,
/// whole bodies, and values that spoil one member of a well-formed JSON body.
enum HostileInput {
    /// Markup the tests send; a page or body that contains any of these unescaped echoed the attacker's markup.
    static let markers = ["<script>alert(7)", "<svg onload=alert(7)>", "<img src=x onerror=alert(7)>", "<!ENTITY xxe"]

    static let markup = [
        "<script>alert(7)</script>", "\"><svg onload=alert(7)>", "'><img src=x onerror=alert(7)>",
        "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>&xxe;", "]]><!--", "' OR '1'='1' --", "1; DROP TABLE meeting; --",
        "\" UNION SELECT secret FROM api_token --",
    ]

    /// Percent-encodes everything but letters and digits.
    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    // MARK: Path segments, as sent on the wire

    static let segments: [String] = [
        "..", ".", "%2e%2e", "%2E%2E", "..%2f..%2f..%2fetc%2fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..%5c..%5cboot.ini", "%2f", "%5c",
        "%00", "1%00", "%2500", "1%0d%0aSet-Cookie:%20x=y", "%0a", "%09", "%7f",
        "-1", "0", "01", "+1", "1.0", "1e3", "0x1F", "%201", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "18446744073709551616", "1e309", "NaN", "Infinity",
        "%E2%80%AE1", "%FF%FE", "%C0%AE%C0%AE", "%ED%A0%80", "%", "%zz", "%E2%82", "~", "%7e",
        String(repeating: "9", count: 4000), String(repeating: "a", count: 4000),
    ] + markup.map(encoded)

    // MARK: Query values, as sent on the wire

    /// Bad for every kind of parameter, free text included: not text at all.
    static let undecodable = ["%00", "a%00b", "%FF", "%C0%AE", "%ED%A0%80", "%", "%zz", "%E2%82"]
    /// Bad for every kind but free text. (The search trims white space from its values,
    /// on purpose, so " 1" is 1 and " " is no value: those are not hostile.)
    static let texts = markup.map(encoded) + ["%E2%80%AE", "a%0D%0ASet-Cookie:%20x=y", String(repeating: "x", count: 1500)]

    static func queryValues(_ kind: QueryKind) -> [String] {
        let numbers = ["0", "-1", "01", "+1", "1.5", "1e3", "1e309", "-1e309", "NaN", "Infinity", "0x10", "9223372036854775808",
                       "-9223372036854775809", "99999999999999999999999999"]
        switch kind {
        case .id: return undecodable + texts + numbers.filter { $0 != "+1" }
        case .number: return undecodable + texts + numbers.filter { $0 != "0" }
        case .day:
            return undecodable + texts + ["0000-01-01", "10000-01-01", "2026-02-30", "2026-13-01", "2026-00-10", "2026-1-1", "-2026-01-01",
                                          "2026-11-20T00:00", "20261120", "9223372036854775807-01-01", "2026-11-20%00"]
        case .choice, .cursor: return undecodable + texts + ["-1", "0", "9223372036854775808"]
        case .text: return undecodable
        }
    }

    // MARK: Whole bodies

    /// Bodies no JSON route can take, named; `valid` is the route's well-formed body.
    /// `huge` adds two bodies just under the write API's limit.
    static func bodies(valid: [UInt8], huge: Bool = true) -> [(name: String, bytes: [UInt8])] {
        func text(_ string: String) -> [UInt8] { Array(string.utf8) }
        let depth = 10_000
        var cases: [(String, [UInt8])] = [
            ("empty", []), ("white space", text(" \r\n\t")), ("null", text("null")), ("a list", text("[]")), ("a string", text("\"x\"")),
            ("a number", text("1")), ("true", text("true")), ("an open brace", text("{")), ("a close brace", text("}")),
            ("text after the document", valid + text("x")), ("two documents", valid + valid), ("a trailing comma", text(#"{"a": 1,}"#)),
            ("single quotes", text("{'a': 1}")), ("a comment", text("{/* x */}")), ("NaN", text(#"{"a": NaN}"#)),
            ("a bare word", text("{a: 1}")), ("UTF-16", [0xFF, 0xFE] + Array("{}".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })),
            ("a byte order mark and nothing", [0xEF, 0xBB, 0xBF]),
            ("\(depth) nested lists", text(String(repeating: "[", count: depth) + String(repeating: "]", count: depth))),
            ("\(depth) nested objects", text(String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth))),
            ("\(depth) unclosed lists", text(String(repeating: "[", count: depth))),
            ("\(depth) nested lists in a member", text(#"{"a": "# + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}")),
            ("a raw NUL", inString(valid, [0x00])), ("a raw line feed in a string", inString(valid, [0x0A])),
            ("an escaped NUL", inString(valid, text("\\u0000"))), ("a lone surrogate escape", inString(valid, text("\\ud800"))),
            ("a lone low surrogate escape", inString(valid, text("\\udc00x"))), ("a bad escape", inString(valid, text("\\x41"))),
            ("a short \\u escape", inString(valid, text("\\u12G"))),
            ("byte FF", inString(valid, [0xFF])), ("an overlong slash", inString(valid, [0xC0, 0xAF])),
            ("an encoded surrogate", inString(valid, [0xED, 0xA0, 0x80])), ("a lone continuation byte", inString(valid, [0x80])),
            ("a cut multi-byte character", inString(valid, [0xE2, 0x82])), ("beyond U+10FFFF", inString(valid, [0xF4, 0x90, 0x80, 0x80])),
            ("a leading byte order mark in a value", inString(valid, text("\\ufeff"))),
            ("an unknown member", member(valid, #""unknownMember": 1"#)), ("a member named with NUL", member(valid, #""a\u0000b": 1"#)),
            ("a member named with markup", member(valid, #""<script>alert(7)</script>": 1"#)),
            ("a member named with a bidi override", member(valid, #""\u202Eevil": 1"#)),
            ("a member of invalid UTF-8", member(valid, text("\"") + [0xFF] + text("\": 1"))),
            ("a repeated member", repeatedFirst(valid)),
        ]
        if huge {
            cases += [("a huge unknown member", member(valid, #""x": ""# + String(repeating: "x", count: 900_000) + "\"")),
                      ("a million-long number", member(valid, #""x": "# + String(repeating: "9", count: 900_000)))]
        }
        for cut in Set([1, valid.count / 4, valid.count / 2, valid.count - 1]) where cut > 0 && cut < valid.count {
            cases.append(("cut after \(cut) bytes", Array(valid.prefix(cut))))
        }
        return cases
    }

    /// `bytes` put at the start of the body's first string value (or of a new member's name when it has none).
    static func inString(_ body: [UInt8], _ bytes: [UInt8]) -> [UInt8] {
        var index = 0
        while index + 1 < body.count {
            if body[index] == UInt8(ascii: ":") {
                var next = index + 1
                while next < body.count, body[next] == 0x20 { next += 1 }
                if next < body.count, body[next] == UInt8(ascii: "\"") { return Array(body[...next]) + bytes + Array(body[(next + 1)...]) }
            }
            index += 1
        }
        return member(body, Array("\"".utf8) + bytes + Array("\": 1".utf8))
    }

    /// A member added at the start of the body's top-level object.
    static func member(_ body: [UInt8], _ member: String) -> [UInt8] {
        self.member(body, Array(member.utf8))
    }

    static func member(_ body: [UInt8], _ member: [UInt8]) -> [UInt8] {
        guard let open = body.firstIndex(of: UInt8(ascii: "{")) else { return body }
        let rest = Array(body[(open + 1)...])
        let empty = rest.first { $0 != 0x20 && $0 != 0x0A } == UInt8(ascii: "}")
        return Array(body[...open]) + member + (empty ? [] : Array(", ".utf8)) + rest
    }

    /// The body with its first top-level member given twice.
    static func repeatedFirst(_ body: [UInt8]) -> [UInt8] {
        guard case .object(let object)? = try? JSONValue.parse(Data(body)), let name = object.keys.sorted().first,
              let value = object[name] else { return body }
        return member(body, Array(JSONText.string(name).utf8) + Array(": ".utf8) + JSONText.render(value))
    }
}

/// JSON text written by the tests, so a value can be one no encoder writes (`1e309`, a
/// lone surrogate, invalid UTF-8) in place of any member of a well-formed body.
enum JSONText {
    /// One step into a document: a member's name or a list's index.
    enum Step: Hashable, Sendable, CustomStringConvertible {
        case member(String)
        case index(Int)

        var description: String {
            switch self {
            case .member(let name): "/" + name
            case .index(let index): "/\(index)"
            }
        }
    }

    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Every path to a value inside `value` (not the root itself).
    static func paths(_ value: JSONValue, at prefix: [Step] = []) -> [[Step]] {
        switch value {
        case .object(let object):
            return object.keys.sorted().flatMap { name in [prefix + [.member(name)]] + paths(object[name]!, at: prefix + [.member(name)]) }
        case .array(let items):
            return items.indices.flatMap { index in [prefix + [.index(index)]] + paths(items[index], at: prefix + [.index(index)]) }
        default:
            return []
        }
    }

    static func value(_ root: JSONValue, at path: [Step]) -> JSONValue? {
        var current = root
        for step in path {
            switch (step, current) {
            case (.member(let name), .object(let object)): guard let next = object[name] else { return nil }; current = next
            case (.index(let index), .array(let items)): guard items.indices.contains(index) else { return nil }; current = items[index]
            default: return nil
            }
        }
        return current
    }

    /// `value` as JSON text, with `raw` in place of the value at `path`.
    static func render(_ value: JSONValue, replacing path: [Step]? = nil, with raw: [UInt8] = []) -> [UInt8] {
        if path == [] { return raw }
        switch value {
        case .null: return Array("null".utf8)
        case .bool(let flag): return Array((flag ? "true" : "false").utf8)
        case .int(let number): return Array(String(number).utf8)
        case .string(let text): return Array(string(text).utf8)
        case .array(let items):
            let parts = items.enumerated().map { index, item in
                render(item, replacing: path?.first == .index(index) ? Array(path!.dropFirst()) : nil, with: raw)
            }
            return Array("[".utf8) + Array(parts.joined(separator: Array(",".utf8))) + Array("]".utf8)
        case .object(let object):
            let parts = object.keys.sorted().map { name in
                Array(string(name).utf8) + Array(":".utf8)
                    + render(object[name]!, replacing: path?.first == .member(name) ? Array(path!.dropFirst()) : nil, with: raw)
            }
            return Array("{".utf8) + Array(parts.joined(separator: Array(",".utf8))) + Array("}".utf8)
        }
    }

    /// Values that no member of `original`'s type can take: the wrong type, numbers out
    /// of every range, text no field takes, and for a date or time, days that do not exist.
    static func spoilers(for original: JSONValue) -> [(name: String, raw: [UInt8])] {
        func raw(_ text: String) -> [UInt8] { Array(text.utf8) }
        let numbers = ["1.5", "1e309", "-1e309", "9223372036854775808", "-9223372036854775809", "NaN", "Infinity", "-0.0", "1E2"]
        let containers = ["[]", "{}", #"{"<script>alert(7)</script>": 1}"#, "[" + String(repeating: "[", count: 10_000) + "]"]
        var cases: [(String, [UInt8])]
        switch original {
        case .string(let text):
            cases = (numbers + ["1", "-1", "true"] + containers).map { ($0.count > 40 ? "deep list" : $0, raw($0)) }
            cases += [("NUL", raw(#""a\u0000b""#)), ("byte order mark", raw(#""\ufeffx""#)), ("lone surrogate", raw(#""\udfff""#)),
                      ("invalid UTF-8", [0x22, 0x61, 0xFF, 0x22]), ("100 001 characters", raw("\"" + String(repeating: "x", count: 100_001) + "\""))]
            if text.count >= 10, text.prefix(4).allSatisfy(\.isNumber), text.dropFirst(4).first == "-" {
                let time = text.count > 10 ? "T10:00" : ""
                cases += ["0000-01-01", "10000-01-01", "-0001-01-01", "2026-02-30", "2026-13-01", "2026-11-31", "9999-99-99"]
                    .map { ($0, raw("\"\($0)\(time)\"")) }
                if !time.isEmpty {
                    cases += ["2026-11-20T24:01", "2026-11-20T14:60", "2026-11-20T14:30+25:00", "2026-11-20T14:30:61Z"].map { ($0, raw("\"\($0)\"")) }
                }
            }
        case .int:
            cases = (numbers + ["-1", "\"1\"", "true", "\"\""] + containers).map { ($0.count > 40 ? "deep list" : $0, raw($0)) }
        case .bool:
            cases = ["1", "0", "\"true\"", "\"yes\"", "1e309"].map { ($0, raw($0)) } + containers.map { ($0.count > 40 ? "deep list" : $0, raw($0)) }
        case .array:
            cases = ["{}", "\"[]\"", "1", "true", "1e309"].map { ($0, raw($0)) }
        case .object:
            cases = ["[]", "\"{}\"", "1", "true", "1e309"].map { ($0, raw($0)) }
            if case .object(let object) = original {
                let inner = render(.object(object))
                cases.append(("an unknown member", Array(inner.dropLast()) + raw((object.isEmpty ? "" : ",") + #""\u202Eunknown": 1}"#)))
            }
        case .null:
            cases = []
        }
        return cases
    }
}
