/// Writes JSON (RFC 8259) token by token to a `ByteSink`, so the full register can be
/// exported in constant memory; `JSONEncoder` would build each document whole.
///
/// The writer places commas and colons itself and checks the structure as it goes:
/// a value inside an object without a key, a key outside an object, unbalanced
/// containers or a second top-level value are precondition failures (programming
/// errors, not data errors). Output is compact, with no whitespace.
///
/// Strings are escaped minimally: `"` and `\` get a backslash, control characters
/// below U+0020 become `\b \f \n \r \t` or `\u00XX`, and U+2028/U+2029 become
/// `\u2028`/`\u2029` so the output is also safe inside JavaScript. Everything else,
/// including `/` and non-ASCII text, is written as raw UTF-8.
///
/// Errors thrown by the sink propagate from whichever call happened to flush the
/// buffer; after such an error the writer must be abandoned.
public final class JSONStreamWriter {
    // A writer is used from one thread at a time (it is not Sendable), so its hot state
    // skips the runtime exclusivity checks, which took a third of the export time.
    @exclusivity(unchecked) private var out: OutputBuffer
    private let jsonLines: Bool
    @exclusivity(unchecked) private var containerIsObject: [Bool] = []
    @exclusivity(unchecked) private var needsComma = false
    @exclusivity(unchecked) private var afterKey = false
    @exclusivity(unchecked) private var wroteTopLevelValue = false

    /// - Parameters:
    ///   - jsonLines: when true, any number of top-level values may be written and each
    ///     is followed by `\n` (JSON Lines); when false, exactly one.
    ///   - bufferSize: bytes collected before each write to `sink`.
    public init(_ sink: any ByteSink, jsonLines: Bool = false, bufferSize: Int = 64 * 1024) {
        self.out = OutputBuffer(sink: sink, capacity: bufferSize)
        self.jsonLines = jsonLines
        containerIsObject.reserveCapacity(16)
    }

    /// The nesting depth: 0 at top level.
    public var depth: Int { containerIsObject.count }

    // MARK: Containers

    public func beginObject() throws {
        try beforeValue()
        try out.append(UInt8(ascii: "{"))
        containerIsObject.append(true)
        needsComma = false
    }

    public func endObject() throws {
        precondition(containerIsObject.last == true, "JSONStreamWriter: endObject without an open object")
        precondition(!afterKey, "JSONStreamWriter: endObject right after a key; the key needs a value")
        containerIsObject.removeLast()
        try out.append(UInt8(ascii: "}"))
        try afterValue()
    }

    public func beginArray() throws {
        try beforeValue()
        try out.append(UInt8(ascii: "["))
        containerIsObject.append(false)
        needsComma = false
    }

    public func endArray() throws {
        precondition(containerIsObject.last == false, "JSONStreamWriter: endArray without an open array")
        containerIsObject.removeLast()
        try out.append(UInt8(ascii: "]"))
        try afterValue()
    }

    /// Writes an object member's name; the next call must write its value.
    public func key(_ name: String) throws {
        precondition(containerIsObject.last == true, "JSONStreamWriter: key outside an object")
        precondition(!afterKey, "JSONStreamWriter: two keys in a row")
        if needsComma { try out.append(UInt8(ascii: ",")) }
        needsComma = true
        try writeQuoted(name)
        try out.append(UInt8(ascii: ":"))
        afterKey = true
    }

    // MARK: Values

    public func string(_ value: String) throws {
        try beforeValue()
        try writeQuoted(value)
        try afterValue()
    }

    public func int(_ value: Int64) throws {
        try beforeValue()
        try out.appendDecimal(value)
        try afterValue()
    }

    public func int(_ value: Int) throws {
        try int(Int64(value))
    }

    public func bool(_ value: Bool) throws {
        try beforeValue()
        try out.append(value ? "true" : "false")
        try afterValue()
    }

    public func null() throws {
        try beforeValue()
        try out.append("null")
        try afterValue()
    }

    /// Writes `fragment` unchanged as one value. The caller guarantees it is a single
    /// complete JSON value (for example a stored canonical form); nothing is checked.
    public func rawJSON(_ fragment: String) throws {
        precondition(!fragment.isEmpty, "JSONStreamWriter: empty raw JSON value")
        try beforeValue()
        try fragment.withUTF8Bytes { try out.append($0) }
        try afterValue()
    }

    // MARK: Optional values (nil is written as null)

    public func string(_ value: String?) throws {
        if let value { try string(value) } else { try null() }
    }

    public func int(_ value: Int64?) throws {
        if let value { try int(value) } else { try null() }
    }

    public func int(_ value: Int?) throws {
        if let value { try int(Int64(value)) } else { try null() }
    }

    public func bool(_ value: Bool?) throws {
        if let value { try bool(value) } else { try null() }
    }

    // MARK: Object members: key and value in one call

    /// Writes the member `key: value`, with `null` when `value` is nil.
    public func field(_ key: String, _ value: String?) throws {
        try self.key(key)
        try string(value)
    }

    public func field(_ key: String, _ value: Int64?) throws {
        try self.key(key)
        try int(value)
    }

    public func field(_ key: String, _ value: Int?) throws {
        try self.key(key)
        try int(value)
    }

    public func field(_ key: String, _ value: Bool?) throws {
        try self.key(key)
        try bool(value)
    }

    /// Writes the member `key: value`, or nothing at all when `value` is nil.
    public func fieldIfPresent(_ key: String, _ value: String?) throws {
        if let value { try field(key, value) }
    }

    public func fieldIfPresent(_ key: String, _ value: Int64?) throws {
        if let value { try field(key, value) }
    }

    public func fieldIfPresent(_ key: String, _ value: Int?) throws {
        if let value { try field(key, value) }
    }

    public func fieldIfPresent(_ key: String, _ value: Bool?) throws {
        if let value { try field(key, value) }
    }

    // MARK: Completion

    /// Hands everything written so far to the sink (useful before `BufferSink.take()`).
    public func flush() throws {
        try out.flush()
    }

    /// Checks that the document is complete, flushes, and finishes the sink.
    public func finish() throws {
        precondition(containerIsObject.isEmpty && !afterKey, "JSONStreamWriter: finish with an open object or array")
        precondition(wroteTopLevelValue || jsonLines, "JSONStreamWriter: finish before any value was written")
        try out.flush()
        try out.sink.finish()
    }

    // MARK: Structure

    @inline(__always)
    private func beforeValue() throws {
        if afterKey {
            afterKey = false
            return
        }
        if let isObject = containerIsObject.last {
            precondition(!isObject, "JSONStreamWriter: a value inside an object needs a key first")
            if needsComma { try out.append(UInt8(ascii: ",")) }
            needsComma = true
        } else {
            precondition(jsonLines || !wroteTopLevelValue, "JSONStreamWriter: a second top-level value (use jsonLines: true)")
        }
    }

    @inline(__always)
    private func afterValue() throws {
        if containerIsObject.isEmpty {
            wroteTopLevelValue = true
            if jsonLines { try out.append(UInt8(ascii: "\n")) }
        } else {
            needsComma = true
        }
    }

    // MARK: Escaping

    private func writeQuoted(_ text: String) throws {
        try out.append(UInt8(ascii: "\""))
        try text.withUTF8Bytes { try writeEscaped($0) }
        try out.append(UInt8(ascii: "\""))
    }

    private func writeEscaped(_ source: UnsafeBufferPointer<UInt8>) throws {
        let count = source.count
        var runStart = 0
        var index = 0
        while index < count {
            let byte = source[index]
            if byte >= 0x20 && byte != 0x22 && byte != 0x5C && byte != 0xE2 {
                index += 1
                continue
            }
            if byte == 0xE2 {
                guard index + 2 < count, source[index + 1] == 0x80, source[index + 2] & 0xFE == 0xA8 else {
                    index += 1
                    continue
                }
                try out.append(UnsafeBufferPointer(rebasing: source[runStart..<index]))
                try out.append(source[index + 2] == 0xA8 ? "\\u2028" : "\\u2029")
                index += 3
                runStart = index
                continue
            }
            try out.append(UnsafeBufferPointer(rebasing: source[runStart..<index]))
            try writeEscape(byte)
            index += 1
            runStart = index
        }
        try out.append(UnsafeBufferPointer(rebasing: source[runStart..<count]))
    }

    private func writeEscape(_ byte: UInt8) throws {
        switch byte {
        case 0x22: try out.append("\\\"")
        case 0x5C: try out.append("\\\\")
        case 0x0A: try out.append("\\n")
        case 0x0D: try out.append("\\r")
        case 0x09: try out.append("\\t")
        case 0x08: try out.append("\\b")
        case 0x0C: try out.append("\\f")
        default:
            let target = try out.reserve(6)
            target[0] = UInt8(ascii: "\\")
            target[1] = UInt8(ascii: "u")
            target[2] = UInt8(ascii: "0")
            target[3] = UInt8(ascii: "0")
            target[4] = hexDigit(byte >> 4)
            target[5] = hexDigit(byte & 0x0F)
            out.commit(6)
        }
    }
}

@inline(__always)
func hexDigit(_ nibble: UInt8) -> UInt8 {
    nibble < 10 ? nibble &+ 0x30 : nibble &+ 0x57
}
