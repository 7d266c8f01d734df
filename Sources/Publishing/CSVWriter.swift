/// Writes CSV per RFC 4180 to a `ByteSink`, for people who open the register in a
/// spreadsheet.
///
/// - Records end with CRLF. A field is enclosed in double quotes when it contains a
///   comma, a double quote, CR or LF; quotes inside it are doubled. `nil` and `""`
///   both become an empty field, except that a record consisting of one empty field
///   is written as `""` so that it is not read back as a blank line.
/// - `byteOrderMark` (default on) starts the output with the UTF-8 byte order mark
///   EF BB BF. Without it Excel reads the file as Windows-1252 and LibreOffice may
///   guess wrongly, turning å, ä, ö into mojibake; with it both open UTF-8 intact.
///   RFC 4180 parsers that do not expect a BOM see it as part of the first header.
/// - `guardFormulas` (default on) defends against CSV/formula injection: a field that
///   begins with `=`, `+`, `-`, `@`, TAB or CR could be run as a formula by a
///   spreadsheet, so it is prefixed with a single quote (`'=SUM(A1)`), which
///   spreadsheets display as text. The text of such a field therefore differs from
///   the data (a negative number `-5` becomes `'-5`); turn the guard off for
///   machine-to-machine CSV whose consumers are not spreadsheets.
public final class CSVWriter {
    // A writer is used from one thread at a time (it is not Sendable), so its hot state
    // skips the runtime exclusivity checks, which took a third of the export time.
    @exclusivity(unchecked) private var out: OutputBuffer
    private let guardFormulas: Bool

    public init(_ sink: any ByteSink, byteOrderMark: Bool = true, guardFormulas: Bool = true, bufferSize: Int = 64 * 1024) {
        self.out = OutputBuffer(sink: sink, capacity: bufferSize)
        self.guardFormulas = guardFormulas
        if byteOrderMark {
            out.prefill("\u{FEFF}")
        }
    }

    /// Writes one record. Every record of a file should have the same number of fields.
    public func row(_ fields: [String?]) throws {
        if fields.count == 1, fields[0]?.isEmpty ?? true {
            try out.append("\"\"\r\n")
            return
        }
        var first = true
        for field in fields {
            if !first { try out.append(UInt8(ascii: ",")) }
            first = false
            if let field {
                try field.withUTF8Bytes { try writeField($0) }
            }
        }
        try out.append("\r\n")
    }

    /// Hands everything written so far to the sink (useful before `BufferSink.take()`).
    public func flush() throws {
        try out.flush()
    }

    /// Flushes and finishes the sink.
    public func finish() throws {
        try out.flush()
        try out.sink.finish()
    }

    private func writeField(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard let firstByte = bytes.first else { return }
        let guarded = guardFormulas && Self.startsFormula(firstByte)
        var quoteCount = 0
        var needsQuotes = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""):
                quoteCount += 1
                needsQuotes = true
            case UInt8(ascii: ","), UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                needsQuotes = true
            default:
                break
            }
        }
        if needsQuotes { try out.append(UInt8(ascii: "\"")) }
        if guarded { try out.append(UInt8(ascii: "'")) }
        if quoteCount == 0 {
            try out.append(bytes)
        } else {
            var runStart = 0
            for index in bytes.indices where bytes[index] == UInt8(ascii: "\"") {
                try out.append(UnsafeBufferPointer(rebasing: bytes[runStart...index]))
                try out.append(UInt8(ascii: "\""))
                runStart = index + 1
            }
            try out.append(UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
        if needsQuotes { try out.append(UInt8(ascii: "\"")) }
    }

    private static func startsFormula(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D:
            return true
        default:
            return false
        }
    }
}
