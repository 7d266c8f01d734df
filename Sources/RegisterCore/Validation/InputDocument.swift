/// A JSON input document (RFC 8259) as it was written: members in their order with
/// their names exactly as sent, and numbers as their text, so that the checks of
/// `InputShape` can name a misspelt member, a repeated one or a number such as
/// `1.5`, `9223372036854775808` or `1e400` by its path. Written by hand because
/// Foundation's parsers fail the whole document on such numbers and merge repeated
/// members without a word.
indirect enum InputValue {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([InputValue])
    case object([(name: String, value: InputValue)])
}

struct InputParser {
    private let bytes: [UInt8]
    private var index = 0

    /// Parses UTF-8 JSON text; a leading byte order mark is skipped.
    static func parse(_ bytes: [UInt8]) throws(Refusal) -> InputValue {
        var parser = InputParser(bytes: bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.index = 3 }
        let value = try parser.value(depth: 0)
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw parser.failure("unexpected text after the document") }
        return value
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private func failure(_ what: String) -> Refusal {
        var line = 1, column = 1
        for byte in bytes[..<min(index, bytes.count)] {
            if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return Refusal("the input is not valid JSON: \(what) at line \(line), column \(column)")
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(Refusal) {
        skipWhitespace()
        guard current == byte else { throw failure(what) }
        index += 1
    }

    private mutating func value(depth: Int) throws(Refusal) -> InputValue {
        guard depth < 256 else { throw failure("nested too deeply") }
        skipWhitespace()
        guard let byte = current else { throw failure("a value is missing") }
        switch byte {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw failure("unexpected character")
        }
    }

    private mutating func literal(_ word: String) throws(Refusal) {
        let expected = Array(word.utf8)
        guard bytes[index...].starts(with: expected) else { throw failure("unknown word") }
        index += expected.count
    }

    private mutating func object(depth: Int) throws(Refusal) -> InputValue {
        index += 1
        var members: [(name: String, value: InputValue)] = []
        skipWhitespace()
        if current == UInt8(ascii: "}") { index += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw failure("a member name in quotes is expected") }
            let name = try string()
            try expect(UInt8(ascii: ":"), "':' is expected after a member name")
            members.append((name, try value(depth: depth + 1)))
            skipWhitespace()
            guard let next = current else { throw failure("the object is not closed") }
            index += 1
            if next == UInt8(ascii: "}") { return .object(members) }
            guard next == UInt8(ascii: ",") else { index -= 1; throw failure("',' or '}' is expected") }
        }
    }

    private mutating func array(depth: Int) throws(Refusal) -> InputValue {
        index += 1
        var elements: [InputValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") { index += 1; return .array(elements) }
        while true {
            elements.append(try value(depth: depth + 1))
            skipWhitespace()
            guard let next = current else { throw failure("the list is not closed") }
            index += 1
            if next == UInt8(ascii: "]") { return .array(elements) }
            guard next == UInt8(ascii: ",") else { index -= 1; throw failure("',' or ']' is expected") }
        }
    }

    private mutating func number() throws(Refusal) -> String {
        let start = index
        func digits() -> Int {
            let from = index
            while let byte = current, (0x30...0x39).contains(byte) { index += 1 }
            return index - from
        }
        if current == UInt8(ascii: "-") { index += 1 }
        if current == UInt8(ascii: "0") { index += 1 } else if digits() == 0 { throw failure("a digit is expected") }
        if current == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { throw failure("a digit is expected after '.'") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw failure("a digit is expected in the exponent") }
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func string() throws(Refusal) -> String {
        index += 1
        var out: [UInt8] = []
        while true {
            guard let byte = current else { throw failure("the text is not closed with '\"'") }
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: out, as: UTF8.self) else {
                    index -= 1
                    throw failure("the text is not valid UTF-8")
                }
                return text
            case UInt8(ascii: "\\"):
                guard let escape = current else { throw failure("the text is not closed with '\"'") }
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"): out += Array(String(try escapedScalar()).utf8)
                default: index -= 1; throw failure("unknown escape")
                }
            case 0x00..<0x20:
                index -= 1
                throw failure("a control character must be escaped in text")
            default:
                out.append(byte)
            }
        }
    }

    private mutating func hexQuad() throws(Refusal) -> UInt32 {
        guard index + 4 <= bytes.count,
              let value = UInt32(String(decoding: bytes[index..<(index + 4)], as: UTF8.self), radix: 16) else {
            throw failure("\\u needs four hexadecimal digits")
        }
        index += 4
        return value
    }

    private mutating func escapedScalar() throws(Refusal) -> Unicode.Scalar {
        let first = try hexQuad()
        if (0xD800..<0xDC00).contains(first) {
            guard bytes[index...].starts(with: [UInt8(ascii: "\\"), UInt8(ascii: "u")]) else {
                throw failure("a lone surrogate \\u\(String(first, radix: 16)) is not a character")
            }
            index += 2
            let second = try hexQuad()
            guard (0xDC00..<0xE000).contains(second) else {
                throw failure("a lone surrogate \\u\(String(first, radix: 16)) is not a character")
            }
            return Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))!
        }
        guard let scalar = Unicode.Scalar(first) else {
            throw failure("a lone surrogate \\u\(String(first, radix: 16)) is not a character")
        }
        return scalar
    }
}
