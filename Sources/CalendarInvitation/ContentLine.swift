/// One logical line of an iCalendar file (RFC 5545 §3.1) after unfolding: its name,
/// its parameters and its raw value, with the physical line it starts on.
public struct ContentLine: Sendable, Equatable {
    /// In upper case: names are case-insensitive.
    public var name: String
    public var parameters: [Parameter]
    /// As written: TEXT escapes are undone by `CalendarText`, since only some value types have them.
    public var value: String
    public var line: Int

    /// A parameter with its values (`MEMBER="a","b"` has two), quotes removed and RFC 6868's `^` escapes undone.
    public struct Parameter: Sendable, Equatable {
        public var name: String
        public var values: [String]
    }

    /// The first value of the parameter named `name` (any case).
    public func parameter(_ name: String) -> String? {
        let wanted = name.uppercased()
        return parameters.first { $0.name == wanted }?.values.first
    }

    public func error(_ message: String) -> CalendarError {
        CalendarError(line: line, "\(name): \(message)")
    }
}

/// Splits a file into content lines: unfolds (a line break followed by a space or a
/// tab continues the line, RFC 5545 §3.1) on the bytes, so that a fold inside a
/// multi-byte UTF-8 character joins it again, and only then decodes each line.
enum ContentLineReader {
    static func lines(_ bytes: [UInt8]) throws(CalendarError) -> [ContentLine] {
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var logical: [(line: Int, bytes: [UInt8])] = []
        var physical = 1
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            var content = bytes[start..<end]
            if content.last == 0x0D { content = content.dropLast() }
            if let first = content.first, first == 0x20 || first == 0x09 {
                guard !logical.isEmpty else { throw CalendarError(line: physical, "the file starts with a continuation line") }
                logical[logical.count - 1].bytes += content.dropFirst()
            } else if !content.isEmpty {
                logical.append((physical, Array(content)))
            }
            physical += 1
            start = end + 1
        }
        var result: [ContentLine] = []
        result.reserveCapacity(logical.count)
        for (line, content) in logical {
            guard let text = String(validating: content, as: UTF8.self) else {
                throw CalendarError(line: line, "is not valid UTF-8")
            }
            result.append(try parse(text, line: line))
        }
        return result
    }

    /// `name *(";" param) ":" value`, where a parameter value is quoted or free of `;:,"`.
    static func parse(_ text: String, line: Int) throws(CalendarError) -> ContentLine {
        let scalars = Array(text.unicodeScalars)
        if let bad = scalars.first(where: { $0.value < 0x20 && $0 != "\t" || $0.value == 0x7F }) {
            throw CalendarError(line: line, "holds the control character U+\(String(bad.value, radix: 16, uppercase: true))")
        }
        var index = 0
        func token() -> String {
            let begin = index
            while index < scalars.count, scalars[index].properties.isAlphabetic && scalars[index].isASCII
                    || ("0"..."9").contains(scalars[index]) || scalars[index] == "-" {
                index += 1
            }
            return String(String.UnicodeScalarView(scalars[begin..<index])).uppercased()
        }
        let name = token()
        guard !name.isEmpty else {
            throw CalendarError(line: line, "is not a content line like NAME:value (\(shown(text)))")
        }
        var parameters: [ContentLine.Parameter] = []
        while index < scalars.count, scalars[index] == ";" {
            index += 1
            let parameterName = token()
            guard !parameterName.isEmpty, index < scalars.count, scalars[index] == "=" else {
                throw CalendarError(line: line, "\(name): a parameter must be NAME=value")
            }
            index += 1
            var values: [String] = []
            repeat {
                if index < scalars.count, scalars[index] == "," { index += 1 }
                var value = String.UnicodeScalarView()
                if index < scalars.count, scalars[index] == "\"" {
                    index += 1
                    while index < scalars.count, scalars[index] != "\"" { value.append(scalars[index]); index += 1 }
                    guard index < scalars.count else {
                        throw CalendarError(line: line, "\(name): the quoted value of \(parameterName) is not closed")
                    }
                    index += 1
                } else {
                    while index < scalars.count, !";:,\"".unicodeScalars.contains(scalars[index]) { value.append(scalars[index]); index += 1 }
                }
                values.append(caretDecoded(String(value)))
            } while index < scalars.count && scalars[index] == ","
            parameters.append(.init(name: parameterName, values: values))
        }
        guard index < scalars.count, scalars[index] == ":" else {
            throw CalendarError(line: line, "\(name): a ':' must separate the name and parameters from the value")
        }
        let value = String(String.UnicodeScalarView(scalars[(index + 1)...]))
        return ContentLine(name: name, parameters: parameters, value: value, line: line)
    }

    /// RFC 6868: `^n` is a line break, `^'` a double quote, `^^` a caret.
    static func caretDecoded(_ value: String) -> String {
        guard value.contains("^") else { return value }
        var out = ""
        var pending = false
        for character in value {
            if pending {
                switch character {
                case "n", "N": out += "\n"
                case "'": out += "\""
                case "^": out += "^"
                default: out += "^" + String(character)
                }
                pending = false
            } else if character == "^" {
                pending = true
            } else {
                out.append(character)
            }
        }
        return pending ? out + "^" : out
    }

    static func shown(_ text: String) -> String {
        let prefix = String(text.unicodeScalars.prefix(40).map(Character.init))
        return "'" + prefix + (text.unicodeScalars.count > 40 ? "…" : "") + "'"
    }
}
