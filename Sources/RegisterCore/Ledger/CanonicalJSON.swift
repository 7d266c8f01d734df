/// RFC 8785 (JSON Canonicalization Scheme) for the integer-only values the ledger
/// holds: object members sorted by the UTF-16 code units of their names, no
/// insignificant white space, strings escaped as ECMAScript's JSON.stringify does.
/// Written here because no Swift package implements RFC 8785.
public enum CanonicalJSON {
    public static func bytes(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        write(value, into: &out)
        return out
    }

    public static func string(_ value: JSONValue) -> String {
        String(decoding: bytes(value), as: UTF8.self)
    }

    static func write(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(literal: "null")
        case .bool(let flag): out.append(literal: flag ? "true" : "false")
        case .int(let number): writeInteger(number, into: &out)
        case .string(let text): writeString(text, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                write(item, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (index, member) in sortedMembers(members).enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                write(member.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// The members of an object in canonical order.
    static func sortedMembers(_ members: JSONObject) -> [(key: String, value: JSONValue)] {
        var list: [(key: String, value: JSONValue)] = []
        list.reserveCapacity(members.count)
        for member in members { list.append(member) }
        list.sort { precedes($0.key, $1.key) }
        return list
    }

    /// Whether `a` sorts before `b` by UTF-16 code units. UTF-8 bytes sort as code
    /// points do, which is UTF-16's order unless the first difference sets a code
    /// point from U+E000 (lead byte EE or EF) against one above U+FFFF (F0 to F4):
    /// only then is the UTF-16 view (slow on Swift's UTF-8 strings) asked.
    static func precedes(_ a: String, _ b: String) -> Bool {
        let fast = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in precedes(x, y) }
        }
        switch fast {
        case .some(.some(.some(let result))): return result
        case .some(.some(.none)): return a.utf16.lexicographicallyPrecedes(b.utf16)
        default: return precedes(Array(a.utf8), Array(b.utf8)) ?? a.utf16.lexicographicallyPrecedes(b.utf16)
        }
    }

    /// The UTF-16 order of two UTF-8 texts, or nil when only their UTF-16 forms can tell.
    static func precedes(_ x: some RandomAccessCollection<UInt8>, _ y: some RandomAccessCollection<UInt8>) -> Bool? {
        var left = x.makeIterator(), right = y.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return false
            case (nil, _): return true
            case (_, nil): return false
            case let (p?, q?):
                if p == q { continue }
                if p >= 0xEE || q >= 0xEE { return nil }
                return p < q
            }
        }
    }

    static func writeInteger(_ number: Int64, into out: inout [UInt8]) {
        guard number != .min else { out.append(contentsOf: String(number).utf8); return }
        if number < 0 { out.append(UInt8(ascii: "-")) }
        var rest = number.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[19 - count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            out.append(contentsOf: buffer[(20 - count)...])
        }
    }

    static func writeString(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let plain = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard !bytes.contains(where: needsEscape) else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if plain != true {
            for byte in text.utf8 { writeEscaped(byte, into: &out) }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Writes UTF-8 text (valid UTF-8, as a Swift string's bytes are) as a JSON string.
    static func writeString(bytes: some Collection<UInt8>, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in bytes { writeEscaped(byte, into: &out) }
        out.append(UInt8(ascii: "\""))
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    private static func writeEscaped(_ byte: UInt8, into out: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "\""): out.append(0x5C); out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C); out.append(0x5C)
        case 0x08: out.append(0x5C); out.append(UInt8(ascii: "b"))
        case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
        case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
        case 0x0C: out.append(0x5C); out.append(UInt8(ascii: "f"))
        case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
        case 0x00..<0x20:
            out.append(literal: "\\u00")
            out.append(hexDigit(byte >> 4))
            out.append(hexDigit(byte & 0x0F))
        default: out.append(byte)
        }
    }

    static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}

extension [UInt8] {
    /// Appends the UTF-8 bytes of a literal without building an array for them.
    mutating func append(literal: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }
}
