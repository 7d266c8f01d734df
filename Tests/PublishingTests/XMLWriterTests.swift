import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Publishing

@Suite struct XMLWriterTests {
    /// What an XML parser should give back for `text`: characters XML 1.0 forbids
    /// replaced by U+FFFD, everything else unchanged.
    private func expectedAfterParsing(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: scalars.append(scalar)
            case 0..<0x20, 0xFFFE, 0xFFFF: scalars.append("\u{FFFD}")
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    @Test func hostileTextAndAttributesAreWellFormedAndRoundTrip() throws {
        let strings = Hostile.strings + ["\u{FFFE}\u{FFFF} non-characters", "?> in text", "near misses \u{FFFD}\u{FFEE}\u{F7BE}"]
        for bufferSize in [64, 64 * 1024] {
            let sink = BufferSink()
            let xml = XMLWriter(sink, bufferSize: bufferSize)
            try xml.declaration()
            try xml.startElement("root", attributes: ["xmlns:x": "urn:example"])
            for (index, string) in strings.enumerated() {
                try xml.startElement("t", attributes: [(name: "i", value: String(index)), (name: "a", value: string), (name: "skipped", value: nil)])
                try xml.text(string)
                try xml.endElement()
            }
            try xml.emptyElement("x:empty", attributes: ["v": "\"<&>\""])
            try xml.endElement()
            try xml.finish()

            let parsed = try ParsedXML(sink.bytes)
            #expect(parsed.texts.count == strings.count)
            for (index, string) in strings.enumerated() {
                #expect(parsed.texts[index] == expectedAfterParsing(string), "text \(index), buffer \(bufferSize)")
                #expect(parsed.attributes[index] == expectedAfterParsing(string), "attribute \(index), buffer \(bufferSize)")
            }
            #expect(parsed.emptyValue == "\"<&>\"")
        }
    }

    @Test func exactEscaping() throws {
        let sink = BufferSink()
        let xml = XMLWriter(sink)
        try xml.startElement("a", attributes: ["q": "\"'<>&\t\n\r"])
        try xml.text("<&>\"'\t\n\r]]>\u{1}\u{FFFF}å")
        try xml.endElement()
        try xml.finish()
        #expect(String(decoding: sink.bytes, as: UTF8.self)
            == "<a q=\"&quot;'&lt;&gt;&amp;&#9;&#10;&#13;\">&lt;&amp;&gt;\"'\t\n&#13;]]&gt;\u{FFFD}\u{FFFD}å</a>\n")
    }

    @Test func prologAndConvenienceElements() throws {
        let sink = BufferSink()
        let xml = XMLWriter(sink)
        try xml.declaration()
        try xml.stylesheet(href: "feed.xsl?a=1&b=\"2\"")
        try xml.processingInstruction("custom", "data <&> as is")
        try xml.startElement("feed")
        #expect(xml.depth == 1)
        try xml.element("title", attributes: ["type": "text"], text: "Möten & samtal")
        try xml.emptyElement("link", attributes: ["href": "https://example.se/?a=1&b=2", "rel": nil])
        try xml.endElement()
        #expect(xml.depth == 0)
        try xml.finish()
        #expect(String(decoding: sink.bytes, as: UTF8.self) == """
            <?xml version="1.0" encoding="utf-8"?>
            <?xml-stylesheet type="text/xsl" href="feed.xsl?a=1&amp;b=&quot;2&quot;"?>
            <?custom data <&> as is?>
            <feed><title type="text">Möten &amp; samtal</title><link href="https://example.se/?a=1&amp;b=2"/></feed>

            """)
        _ = try ParsedXML(sink.bytes)
    }

    @Test func anEmptyRootElementIsADocument() throws {
        let sink = BufferSink()
        let xml = XMLWriter(sink)
        try xml.emptyElement("feed", attributes: ["xmlns": "http://www.w3.org/2005/Atom"])
        try xml.finish()
        #expect(String(decoding: sink.bytes, as: UTF8.self) == "<feed xmlns=\"http://www.w3.org/2005/Atom\"/>\n")
    }
}

/// The `t` elements' text and `a` attributes of a document, read with Foundation's
/// XMLParser (libxml2), which fails on anything that is not well-formed.
final class ParsedXML: NSObject, XMLParserDelegate {
    struct NotWellFormed: Error, CustomStringConvertible {
        let description: String
    }

    private(set) var texts: [String] = []
    private(set) var attributes: [String] = []
    private(set) var emptyValue: String?
    private var current: String?

    init(_ bytes: [UInt8]) throws {
        super.init()
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = self
        guard parser.parse() else {
            throw NotWellFormed(description: "not well-formed: \(String(describing: parser.parserError))")
        }
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        if elementName == "t" {
            current = ""
            self.attributes.append(attributes["a"] ?? "<missing>")
        } else if elementName == "x:empty" {
            emptyValue = attributes["v"]
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        current? += string
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        if elementName == "t", let current {
            texts.append(current)
            self.current = nil
        }
    }
}
