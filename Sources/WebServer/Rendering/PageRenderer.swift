import Foundation
import Hummingbird
import Mustache
import Publishing

/// Renders pages with the theme's mustache templates, parsed once at start. Every
/// template is rendered as HTML with each value escaped by `HTMLText` (never raw), and
/// each page inside the layout partials (`layout-head` opens the document and its
/// `<main>`, `layout-footer` closes them). A page whose templates `CompiledTemplate`
/// renders is rendered by it, from the library's own parse; any other by the library.
public struct PageRenderer: Sendable {
    let library: MustacheLibrary
    /// The templates `CompiledTemplate` renders, by name (all of the built-in ones).
    let compiled: [String: CompiledTemplate]
    private let names: Set<String>
    private let engine: Engine

    /// What renders a page: the compiled templates where they can and else the library;
    /// the library alone; or (for the tests that compare the two) the compiled ones alone.
    enum Engine: Sendable { case compiled, library, compiledOnly }
    /// The theme the templates came from; its assets are served at /assets/.
    public let theme: Theme
    /// Changes whenever a template or asset does: part of every page's ETag.
    public let fingerprint: String

    /// The name under which `HTMLText` is registered as a mustache content type.
    static let contentType = "INSYN_HTML"

    public init(theme: Theme) throws {
        try self.init(theme: theme, engine: .compiled)
    }

    init(theme: Theme, engine: Engine) throws {
        MustacheContentTypes.register(HTMLText(), named: Self.contentType)
        var library = MustacheLibrary()
        for (name, text) in theme.templates {
            do {
                // Set on every template, since each partial starts again with the library's own HTML type.
                try library.register("{{% CONTENT_TYPE: \(Self.contentType) }}" + text, named: name)
            } catch {
                throw ThemeError("the template \(name).mustache cannot be parsed: \(error)")
            }
        }
        for required in ["layout-head", "layout-header", "layout-footer", "error"] where theme.templates[required] == nil {
            throw ThemeError("the template \(required).mustache is missing")
        }
        self.library = library
        names = Set(theme.templates.keys)
        var compiled: [String: CompiledTemplate] = [:]
        self.engine = engine
        if engine != .library {
            for name in names {
                if let template = library.getTemplate(named: name).flatMap(CompiledTemplate.init) { compiled[name] = template }
            }
        }
        self.compiled = compiled
        self.theme = theme
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for (name, bytes) in theme.templates.sorted(by: { $0.key < $1.key }).map({ ($0.key, Array($0.value.utf8)) })
            + theme.assets.sorted(by: { $0.key < $1.key }).map({ ($0.key, $0.value) }) {
            for byte in Array(name.utf8) + [0] + bytes + [0] {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01B3
            }
        }
        fingerprint = String(hash, radix: 16)
    }

    /// The program's own theme. Its templates are part of the program and tested, so
    /// failing to load them is a broken build, not a condition to handle.
    public static let builtIn: PageRenderer = {
        do {
            return try PageRenderer(theme: Theme.builtIn())
        } catch {
            preconditionFailure("the built-in templates cannot be loaded: \(error)")
        }
    }()

    /// Whether the theme has a template of this name (a controller can check at start).
    public func hasTemplate(_ name: String) -> Bool {
        library.getTemplate(named: name) != nil
    }

    /// The whole HTML document of `page`.
    public func render(_ page: any PageView, context: PageContext) throws -> String {
        switch try document(page, context: context, frame: frame(page, context)) {
        case .compiled(let bytes): String(decoding: bytes, as: UTF8.self)
        case .library(let html): html
        }
    }

    private enum Document {
        case compiled([UInt8])
        case library(String)

        /// As a response body: the compiled templates' bytes go to it as they are.
        var body: ByteBuffer {
            switch self {
            case .compiled(let bytes): ByteBuffer(bytes: bytes)
            case .library(let html): ByteBuffer(string: html)
            }
        }
    }

    private func frame(_ page: any PageView, _ context: PageContext) -> SiteFrame {
        SiteFrame(page: page, context: context, hasLogo: theme.assets["logo.svg"] != nil)
    }

    private func document(_ page: any PageView, context: PageContext, frame: SiteFrame) throws -> Document {
        let name = type(of: page).template
        guard let template = library.getTemplate(named: name) else {
            throw ThemeError("the template \(name).mustache is missing")
        }
        return try rendered(template, named: name, MustacheTree.make(PageFrame(site: frame, t: context.strings.table, page: page)))
    }

    /// `template` over `tree`: by its compiled form where it has one, else by the library.
    private func rendered(_ template: MustacheTemplate, named name: String, _ tree: TemplateValue) throws -> Document {
        if engine != .library, let compiled = compiled[name] {
            do {
                return .compiled(try compiled.render(tree, partials: self.compiled, known: names))
            } catch {
                if engine == .compiledOnly { throw error }
            }
        } else if engine == .compiledOnly {
            throw CompiledTemplate.Unsupported()
        }
        return .library(template.render(tree.libraryValue, library: library))
    }

    /// A public page rendered for any reader (anonymously), with the slots where a
    /// signed-in reader's header and footer go (see `LayoutSlots`).
    func renderShared(_ page: any PageView, context: PageContext) throws -> (body: ByteBuffer, slots: LayoutSlots?) {
        var anonymous = context
        anonymous.principal = nil
        let frame = frame(page, anonymous)
        let body = try document(page, context: anonymous, frame: frame).body
        let (header, footer) = layout(frame, context: anonymous)
        return (body, LayoutSlots(page: body, frame: frame, header: header, footer: footer))
    }

    /// The header and footer of a kept page as `context`'s reader (signed in) sees them.
    func layout(_ slots: LayoutSlots, context: PageContext) -> (header: ByteBuffer, footer: ByteBuffer) {
        var frame = slots.frame
        frame.account = AccountLinks(context.principal, context: context)
        return layout(frame, context: context)
    }

    private func layout(_ frame: SiteFrame, context: PageContext) -> (header: ByteBuffer, footer: ByteBuffer) {
        let tree = MustacheTree.make(LayoutFrame(site: frame, t: context.strings.table))
        func part(_ name: String) -> ByteBuffer {
            guard let template = library.getTemplate(named: name) else { return ByteBuffer() }
            return (try? rendered(template, named: name, tree).body) ?? ByteBuffer()
        }
        return (part("layout-header"), part("layout-footer"))
    }
}

/// What the layout's header and footer are rendered with alone: the layout's data and the words.
struct LayoutFrame: Sendable {
    let site: SiteFrame
    let t: [String: String]
}

/// What a page template is rendered with: the layout's data (`site`), the words of the
/// catalogue (`t`) and the page's own view (`page`).
struct PageFrame: Sendable {
    let site: SiteFrame
    let t: [String: String]
    let page: any PageView
}

/// The HTML escaping of every template value: the five characters that can end text
/// or an attribute value become references. It works on Unicode scalars, not
/// characters, so that a combining mark after a quote ("\"\u{301}") cannot hide the
/// quote from it (mustache's own escaping compares whole characters). Compiled templates
/// escape straight into the page's bytes (`escape(_:into:)`).
struct HTMLText: MustacheContentType {
    func escapeText(_ text: String) -> String {
        Self.escape(text)
    }

    static func escape(_ text: String) -> String {
        var output: [UInt8] = []
        escape(text, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends `text` escaped to `output`, byte by byte: the five characters are ASCII,
    /// and no byte of a multi-byte UTF-8 sequence is.
    static func escape(_ text: String, into output: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for index in bytes.indices {
                let reference: StaticString
                switch bytes[index] {
                case UInt8(ascii: "&"): reference = "&amp;"
                case UInt8(ascii: "<"): reference = "&lt;"
                case UInt8(ascii: ">"): reference = "&gt;"
                case UInt8(ascii: "\""): reference = "&quot;"
                case UInt8(ascii: "'"): reference = "&#39;"
                default: continue
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                reference.withUTF8Buffer { output.append(contentsOf: $0) }
                start = index + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
    }
}
