import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What a feed reader takes from an Atom document, read with Foundation's XML parser:
/// the feed's links and archive mark, each entry's id, `updated` and text, and each
/// RFC 6721 tombstone.
struct AtomDocument {
    struct Entry {
        var id = ""
        var updated = ""
        var text = ""
    }

    struct Tombstone {
        var ref: String
        var when: String
    }

    var isArchive = false
    var updated = ""
    var links: [String: String] = [:]
    var entries: [Entry] = []
    var tombstones: [Tombstone] = []

    init(_ bytes: [UInt8]) throws {
        let reader = AtomReader()
        let parser = XMLParser(data: Data(bytes))
        parser.shouldProcessNamespaces = true
        parser.delegate = reader
        guard parser.parse() else { throw parser.parserError ?? CocoaError(.fileReadCorruptFile) }
        self = reader.document
    }

    private init() {}
    fileprivate static func empty() -> AtomDocument { AtomDocument() }
}

private final class AtomReader: NSObject, XMLParserDelegate {
    var document = AtomDocument.empty()
    private var path: [String] = []
    private var entry: AtomDocument.Entry?
    private var characters = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        path.append(name)
        characters = ""
        switch (path.count, name) {
        case (2, "archive"): document.isArchive = true
        case (2, "link"): if let rel = attributes["rel"], let href = attributes["href"] { document.links[rel] = href }
        case (2, "deleted-entry"): document.tombstones.append(.init(ref: attributes["ref"] ?? "", when: attributes["when"] ?? ""))
        case (2, "entry"): entry = AtomDocument.Entry()
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        characters += string
        entry?.text += string
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch (path.count, name) {
        case (2, "updated"): document.updated = characters
        case (3, "id") where entry != nil: entry?.id = characters
        case (3, "updated") where entry != nil: entry?.updated = characters
        case (2, "entry"):
            if let entry { document.entries.append(entry) }
            entry = nil
        default: break
        }
        path.removeLast()
        characters = ""
    }
}
