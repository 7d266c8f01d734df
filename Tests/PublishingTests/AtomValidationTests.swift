import Foundation
import Testing
@testable import Publishing

/// Atom documents written with XMLWriter, checked by jing against RFC 4287's schema,
/// and rendered with Sources/Publishing/Resources/feed.xsl; plus the JSON Schema helper.
@Suite struct AtomValidationTests {
    private static let atom = "http://www.w3.org/2005/Atom"
    private static let tombstones = "http://purl.org/atompub/tombstones/1.0"
    private static let xhtml = "http://www.w3.org/1999/xhtml"

    private func feed(includeEntryID: Bool = true, hostile: String = "<&>\"]]> å ä ö \u{1} 😀") throws -> [UInt8] {
        let sink = BufferSink()
        let xml = XMLWriter(sink)
        try xml.declaration()
        try xml.stylesheet(href: "feed.xsl")
        try xml.startElement("feed", attributes: ["xmlns": Self.atom, "xmlns:at": Self.tombstones, "xml:lang": "sv"])
        try xml.element("id", text: "tag:insyn.example,2026:feed")
        try xml.element("title", text: "Möten \(hostile)")
        try xml.element("subtitle", text: "Registrerade möten")
        try xml.element("updated", text: "2026-11-23T14:30:00+01:00")
        try xml.startElement("author")
        try xml.element("name", text: "Insyn")
        try xml.endElement()
        try xml.emptyElement("link", attributes: ["rel": "self", "href": "https://insyn.example/feed.atom"])
        try xml.emptyElement("link", attributes: ["rel": "prev-archive", "href": "https://insyn.example/arkiv/2026-10.atom"])
        try xml.startElement("at:deleted-entry", attributes: ["ref": "tag:insyn.example,2026:meeting/1", "when": "2026-11-20T10:00:00+01:00"])
        try xml.element("at:comment", text: "Felregistrerat \(hostile)")
        try xml.endElement()

        try xml.startElement("entry")
        if includeEntryID { try xml.element("id", text: "tag:insyn.example,2026:meeting/2") }
        try xml.element("title", text: "Möte om <skatter> \(hostile)")
        try xml.element("published", text: "2026-11-20T09:05:00+01:00")
        try xml.element("updated", text: "2026-11-23T14:30:00+01:00")
        try xml.emptyElement("link", attributes: ["rel": "alternate", "type": "text/html", "href": "https://insyn.example/moten/2?a=1&b=2"])
        try xml.emptyElement("category", attributes: ["term": "skatt", "label": "Skatter & avgifter"])
        try xml.startElement("content", attributes: ["type": "xhtml"])
        try xml.startElement("div", attributes: ["xmlns": Self.xhtml])
        try xml.startElement("p")
        try xml.text("Deltagare: ")
        try xml.element("strong", text: "Åsa Öberg \(hostile)")
        try xml.endElement()
        try xml.element("script", text: "alert(1)")
        try xml.endElement()
        try xml.endElement()
        try xml.endElement()

        try xml.startElement("entry")
        try xml.element("id", text: "tag:insyn.example,2026:meeting/3")
        try xml.element("title", text: "Möte 3")
        try xml.element("updated", text: "2026-01-02T08:00:00Z")
        try xml.element("content", attributes: ["type": "html"], text: "<p>Escaped <em>html</em> \(hostile.replacingOccurrences(of: "<&>", with: "&lt;&amp;&gt;"))</p>")
        try xml.endElement()

        try xml.endElement()
        try xml.finish()
        return sink.bytes
    }

    @Test func feedWrittenWithXMLWriterIsValidAtom() throws {
        let report = try validateAtom(try feed())
        #expect(report.isValid, "\(report)")
        #expect(report.messages.isEmpty)
    }

    @Test func feedWithoutEntryIDIsRejected() throws {
        let report = try validateAtom(try feed(includeEntryID: false))
        #expect(!report.isValid)
        #expect(report.messages.contains { $0.contains("missing required element \"id\"") }, "\(report)")
    }

    @Test func notWellFormedDocumentIsRejected() throws {
        let report = try validateAtom(Array("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>x</feed>".utf8))
        #expect(!report.isValid)
        #expect(!report.messages.isEmpty)
    }

    @Test func stylesheetRendersTheFeedForPeople() throws {
        let stylesheet = Fixtures.repositoryRoot.appendingPathComponent("Sources/Publishing/Resources/feed.xsl")
        let html = try transformWithXSLT(try feed(hostile: "<&>"), stylesheet: stylesheet)
        #expect(html.contains("<html lang=\"sv\">"))
        #expect(html.contains("<h1>M&ouml;ten &lt;&amp;&gt;</h1>"))
        #expect(html.contains("Det h&auml;r &auml;r ett webbfl&ouml;de"))
        #expect(html.contains("href=\"https://insyn.example/moten/2?a=1&amp;b=2\">M&ouml;te om &lt;skatter&gt; &lt;&amp;&gt;</a></h3>"))
        #expect(html.contains("<time datetime=\"2026-11-20T09:05:00+01:00\">20 november 2026 kl. 09.05</time>"))
        #expect(html.contains("<time datetime=\"2026-01-02T08:00:00Z\">2 januari 2026 kl. 08.00 UTC</time>"))
        #expect(html.contains("<li>Skatter &amp; avgifter</li>"))
        #expect(html.contains("<strong>&Aring;sa &Ouml;berg &lt;&amp;&gt;</strong>"))
        #expect(!html.contains("alert(1)"))
        #expect(html.contains("<p>Escaped <em>html</em> &lt;&amp;&gt;</p>"))
        #expect(html.contains("<strong>Borttagen: </strong>Felregistrerat &lt;&amp;&gt;"))
        #expect(html.contains("href=\"https://insyn.example/arkiv/2026-10.atom\""))
        #expect(html.contains("&Auml;ldre arkiv"))
    }

    @Test func jsonSchemaHelperAcceptsValidAndRejectsInvalidDocuments() throws {
        let schema = try temporaryFile(Array("""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "array",
              "items": {
                "type": "object",
                "required": ["id", "title"],
                "properties": {
                  "id": {"type": "integer", "minimum": 1},
                  "title": {"type": "string"},
                  "date": {"type": "string", "format": "date"}
                },
                "additionalProperties": false
              }
            }
            """.utf8), suffix: ".schema.json")
        defer { try? FileManager.default.removeItem(at: schema) }

        let valid = BufferSink()
        let json = JSONStreamWriter(valid)
        try json.beginArray()
        try json.beginObject()
        try json.field("id", 1)
        try json.field("title", "Möte \u{2028} \"x\"")
        try json.field("date", "2026-11-23")
        try json.endObject()
        try json.endArray()
        try json.finish()
        let accepted = try validateJSON(valid.bytes, schema: schema)
        #expect(accepted.isValid, "\(accepted)")

        let rejected = try validateJSON(Array(#"[{"id":0,"title":7,"extra":true}]"#.utf8), schema: schema)
        #expect(!rejected.isValid)
        #expect(rejected.messages.count == 3, "\(rejected)")
    }
}
