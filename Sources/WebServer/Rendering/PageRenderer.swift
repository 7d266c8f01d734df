import Foundation
import Mustache
import Publishing

/// Renders pages with the theme's mustache templates, parsed once at start. Every
/// template is rendered as HTML with each value escaped by `HTMLText` (never raw), and
/// each page inside the layout partials (`layout-head` opens the document and its
/// `<main>`, `layout-footer` closes them).
public struct PageRenderer: Sendable {
    let library: MustacheLibrary
    /// The theme the templates came from; its assets are served at /assets/.
    public let theme: Theme
    /// Changes whenever a template or asset does: part of every page's ETag.
    public let fingerprint: String

    /// The name under which `HTMLText` is registered as a mustache content type.
    static let contentType = "INSYN_HTML"

    public init(theme: Theme) throws {
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
        let name = type(of: page).template
        guard let template = library.getTemplate(named: name) else {
            throw ThemeError("the template \(name).mustache is missing")
        }
        let frame = PageFrame(site: SiteFrame(page: page, context: context, hasLogo: theme.assets["logo.svg"] != nil),
                              t: context.strings.table, page: page)
        return template.render(MustacheTree.make(frame), library: library)
    }

    /// A public page rendered for any reader (anonymously), with the slots where a
    /// signed-in reader's header and footer go (see `LayoutSlots`).
    func renderShared(_ page: any PageView, context: PageContext) throws -> (html: String, slots: LayoutSlots?) {
        var anonymous = context
        anonymous.principal = nil
        let html = try render(page, context: anonymous)
        let frame = SiteFrame(page: page, context: anonymous, hasLogo: theme.assets["logo.svg"] != nil)
        let (header, footer) = layout(frame, context: anonymous)
        return (html, LayoutSlots(html: html, frame: frame, header: header, footer: footer))
    }

    /// The header and footer of a kept page as `context`'s reader (signed in) sees them.
    func layout(_ slots: LayoutSlots, context: PageContext) -> (header: String, footer: String) {
        var frame = slots.frame
        frame.account = AccountLinks(context.principal, context: context)
        return layout(frame, context: context)
    }

    private func layout(_ frame: SiteFrame, context: PageContext) -> (header: String, footer: String) {
        let tree = MustacheTree.make(LayoutFrame(site: frame, t: context.strings.table))
        let part = { (name: String) in library.getTemplate(named: name)?.render(tree, library: library) ?? "" }
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
/// quote from it (mustache's own escaping compares whole characters).
struct HTMLText: MustacheContentType {
    func escapeText(_ text: String) -> String {
        Self.escape(text)
    }

    static func escape(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result.append(contentsOf: "&amp;".unicodeScalars)
            case "<": result.append(contentsOf: "&lt;".unicodeScalars)
            case ">": result.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": result.append(contentsOf: "&quot;".unicodeScalars)
            case "'": result.append(contentsOf: "&#39;".unicodeScalars)
            default: result.append(scalar)
            }
        }
        return String(result)
    }
}
