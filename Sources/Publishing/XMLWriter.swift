/// Writes an XML 1.0 document element by element to a `ByteSink`; the Atom feeds and
/// archives are written with it.
///
/// It is hand-written, and kept small, because there is no maintained Swift XML
/// writer on Linux that streams: Foundation's `XMLDocument` (FoundationXML) builds the
/// whole tree in memory before serialising, and the libxml2 wrappers are either
/// parsers only or unmaintained.
///
/// Escaping: in text `&`, `<`, `>` become `&amp;`, `&lt;`, `&gt;`; in attribute
/// values `"` also becomes `&quot;`, and TAB, LF become `&#9;`, `&#10;` so attribute
/// normalisation does not turn them into spaces. CR is written as `&#13;` everywhere,
/// so a parser's line-end normalisation does not drop it. Characters that XML 1.0
/// does not allow at all (the C0 controls other than TAB, LF, CR, and U+FFFE, U+FFFF)
/// are replaced by U+FFFD REPLACEMENT CHARACTER rather than dropped, so a reader can
/// see that something was there and neighbouring words are not silently joined.
///
/// The writer keeps the stack of open elements, so `endElement()` takes no name.
/// Misuse (text outside the root element, a second root element, unbalanced
/// `endElement`, a malformed name, `finish` with open elements) is a precondition
/// failure. Output is UTF-8 and is not indented.
public final class XMLWriter {
    /// An attribute for the array forms of `startElement` and `emptyElement`, used when
    /// the attribute list is built at run time. A nil `value` omits the attribute.
    public typealias Attribute = (name: String, value: String?)

    // A writer is used from one thread at a time (it is not Sendable), so its hot state
    // skips the runtime exclusivity checks, which took a third of the export time.
    @exclusivity(unchecked) private var out: OutputBuffer
    @exclusivity(unchecked) private var openElements: [String] = []
    @exclusivity(unchecked) private var wroteAnything = false
    @exclusivity(unchecked) private var rootClosed = false

    public init(_ sink: any ByteSink, bufferSize: Int = 64 * 1024) {
        self.out = OutputBuffer(sink: sink, capacity: bufferSize)
        openElements.reserveCapacity(16)
    }

    /// The number of open elements.
    public var depth: Int { openElements.count }

    // MARK: Prolog

    /// Writes `<?xml version="1.0" encoding="utf-8"?>`; only as the very first output.
    public func declaration() throws {
        precondition(!wroteAnything, "XMLWriter: the XML declaration must come first")
        wroteAnything = true
        try out.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
    }

    /// Writes `<?target data?>`. `data` is written as is (XML has no escaping inside
    /// processing instructions) except that characters XML does not allow are
    /// replaced; it must not contain `?>`.
    public func processingInstruction(_ target: String, _ data: String) throws {
        precondition(Self.isName(target) && target.lowercased() != "xml", "XMLWriter: invalid processing instruction target \(target)")
        precondition(!data.contains("?>"), "XMLWriter: processing instruction data contains ?>")
        wroteAnything = true
        try out.append("<?")
        try writeName(target)
        if !data.isEmpty {
            try out.append(UInt8(ascii: " "))
            try data.withUTF8Bytes { try writeEscaped($0, mode: .processingInstruction) }
        }
        try out.append("?>")
        if openElements.isEmpty { try out.append(UInt8(ascii: "\n")) }
    }

    /// Writes `<?xml-stylesheet type="…" href="…"?>`, which makes browsers render the
    /// document with the stylesheet at `href`. The values are escaped as attribute
    /// values, as the xml-stylesheet recommendation allows.
    public func stylesheet(href: String, type: String = "text/xsl") throws {
        precondition(openElements.isEmpty && !rootClosed, "XMLWriter: xml-stylesheet belongs before the root element")
        wroteAnything = true
        try out.append("<?xml-stylesheet type=\"")
        try type.withUTF8Bytes { try writeEscaped($0, mode: .attribute) }
        try out.append("\" href=\"")
        try href.withUTF8Bytes { try writeEscaped($0, mode: .attribute) }
        try out.append("\"?>\n")
    }

    // MARK: Elements

    /// Writes a start tag and opens the element. Namespace declarations are ordinary
    /// attributes (`"xmlns": "http://www.w3.org/2005/Atom"`); nil values are omitted.
    public func startElement(_ name: String, attributes: KeyValuePairs<String, String?> = [:]) throws {
        try writeTag(name, attributes.lazy.map { ($0.key, $0.value) }, empty: false)
    }

    public func startElement(_ name: String, attributes: [Attribute]) throws {
        try writeTag(name, attributes.lazy.map { ($0.name, $0.value) }, empty: false)
    }

    /// Writes `<name …/>`.
    public func emptyElement(_ name: String, attributes: KeyValuePairs<String, String?> = [:]) throws {
        try writeTag(name, attributes.lazy.map { ($0.key, $0.value) }, empty: true)
    }

    public func emptyElement(_ name: String, attributes: [Attribute]) throws {
        try writeTag(name, attributes.lazy.map { ($0.name, $0.value) }, empty: true)
    }

    /// Writes `<name …>text</name>`.
    public func element(_ name: String, attributes: KeyValuePairs<String, String?> = [:], text: String) throws {
        try startElement(name, attributes: attributes)
        try self.text(text)
        try endElement()
    }

    /// Closes the innermost open element.
    public func endElement() throws {
        guard let name = openElements.popLast() else {
            preconditionFailure("XMLWriter: endElement with no open element")
        }
        try out.append("</")
        try writeName(name)
        try out.append(UInt8(ascii: ">"))
        if openElements.isEmpty { rootClosed = true }
    }

    /// Writes character data inside the current element, escaped.
    public func text(_ text: String) throws {
        precondition(!openElements.isEmpty, "XMLWriter: text outside the root element")
        try text.withUTF8Bytes { try writeEscaped($0, mode: .text) }
    }

    // MARK: Completion

    /// Hands everything written so far to the sink.
    public func flush() throws {
        try out.flush()
    }

    /// Checks that the root element was written and closed, ends the output with a
    /// newline, flushes and finishes the sink.
    public func finish() throws {
        precondition(openElements.isEmpty, "XMLWriter: finish with open elements \(openElements)")
        precondition(rootClosed, "XMLWriter: finish without a root element")
        try out.append(UInt8(ascii: "\n"))
        try out.flush()
        try out.sink.finish()
    }

    // MARK: Tags

    private func writeTag(_ name: String, _ attributes: some Sequence<(String, String?)>, empty: Bool) throws {
        precondition(!rootClosed, "XMLWriter: a second root element")
        precondition(Self.isName(name), "XMLWriter: invalid element name \(name)")
        wroteAnything = true
        try out.append(UInt8(ascii: "<"))
        try writeName(name)
        for (attributeName, value) in attributes {
            guard let value else { continue }
            precondition(Self.isName(attributeName), "XMLWriter: invalid attribute name \(attributeName)")
            try out.append(UInt8(ascii: " "))
            try writeName(attributeName)
            try out.append("=\"")
            try value.withUTF8Bytes { try writeEscaped($0, mode: .attribute) }
            try out.append(UInt8(ascii: "\""))
        }
        if empty {
            try out.append("/>")
            if openElements.isEmpty { rootClosed = true }
        } else {
            try out.append(UInt8(ascii: ">"))
            openElements.append(name)
        }
    }

    private func writeName(_ name: String) throws {
        try name.withUTF8Bytes { try out.append($0) }
    }

    /// A conservative check of the XML Name production: ASCII letters, digits and
    /// `_ : - .` (not first: digits, `-`, `.`), plus any non-ASCII character.
    private static func isName(_ name: String) -> Bool {
        name.withUTF8Bytes { bytes in
            guard let first = bytes.first else { return false }
            switch first {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."):
                return false
            default:
                break
            }
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: ":"),
                    UInt8(ascii: "-"), UInt8(ascii: "."), 0x80...0xFF:
                    continue
                default:
                    return false
                }
            }
            return true
        }
    }

    // MARK: Escaping

    private enum EscapeMode {
        case text, attribute, processingInstruction
    }

    private func writeEscaped(_ source: UnsafeBufferPointer<UInt8>, mode: EscapeMode) throws {
        let count = source.count
        let escapesMarkup = mode != .processingInstruction
        let escapesQuote = mode == .attribute
        var runStart = 0
        var index = 0
        while index < count {
            let byte = source[index]
            let special: Bool
            switch byte {
            case 0x00..<0x20, 0xEF:
                special = true
            case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"):
                special = escapesMarkup
            case UInt8(ascii: "\""):
                special = escapesQuote
            default:
                special = false
            }
            if !special {
                index += 1
                continue
            }
            if byte == 0xEF {
                guard index + 2 < count, source[index + 1] == 0xBF, source[index + 2] & 0xFE == 0xBE else {
                    index += 1
                    continue
                }
                try out.append(UnsafeBufferPointer(rebasing: source[runStart..<index]))
                try out.append("\u{FFFD}")
                index += 3
                runStart = index
                continue
            }
            try out.append(UnsafeBufferPointer(rebasing: source[runStart..<index]))
            index += 1
            runStart = index
            switch byte {
            case UInt8(ascii: "&"): try out.append("&amp;")
            case UInt8(ascii: "<"): try out.append("&lt;")
            case UInt8(ascii: ">"): try out.append("&gt;")
            case UInt8(ascii: "\""): try out.append("&quot;")
            case 0x09: try out.append(mode == .attribute ? "&#9;" : "\t")
            case 0x0A: try out.append(mode == .attribute ? "&#10;" : "\n")
            case 0x0D: try out.append(mode == .processingInstruction ? "\r" : "&#13;")
            default: try out.append("\u{FFFD}")
            }
        }
        try out.append(UnsafeBufferPointer(rebasing: source[runStart..<count]))
    }
}
