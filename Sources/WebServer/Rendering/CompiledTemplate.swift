import Mustache

/// A theme's template as swift-mustache parsed it, rendered here over a
/// `TemplateValue` tree. The library looks every name up with several dynamic casts
/// per level of the context it climbs, and splits the name anew each time: over a
/// page's long tables that was most of the page's time. The tokens are the library's
/// own (read once, at start, from the parsed template), so what is text, what is a
/// tag and which whitespace a standalone tag removes stays the library's decision;
/// this renders them by the library's rules: a name is looked up from the innermost
/// context outwards, a dotted name's first part so and the rest inside it; a list
/// repeats its section, a boolean shows or hides it, any other value becomes the
/// innermost context; every value is escaped by `HTMLText` unless the tag is `{{{ }}}`.
///
/// Templates using what this does not render (lambdas, transforms, inheritance,
/// dynamic or indented partials, another content type) are not compiled, and a value
/// it does not know how to show throws `Unsupported`: the page is then rendered by
/// the library, so a theme may use anything swift-mustache offers.
struct CompiledTemplate: Sendable {
    indirect enum Token: Sendable {
        case text([UInt8])
        case variable(Name, escaped: Bool)
        case section(Name, [Token], inverted: Bool)
        case partial(String)
    }

    /// A tag's name: "." (or "") for the innermost context; `fromTop` for a name written
    /// with a leading "." (looked up in the innermost context only).
    struct Name: Sendable {
        let parts: [String]
        let fromTop: Bool
    }

    /// A template or value this does not render; the library renders the page instead.
    struct Unsupported: Error {}

    let tokens: [Token]

    /// The template's tokens, or nil when it uses something this does not render.
    init?(_ template: MustacheTemplate) {
        guard let tokens = Self.tokens(of: template, top: true) else { return nil }
        self.tokens = tokens
    }

    /// Renders `value` with the templates of `partials` (by name) for the partial tags;
    /// `known` names every template the theme has, so that a partial that was not
    /// compiled is told from one that does not exist (which renders as nothing).
    func render(_ value: TemplateValue, partials: [String: CompiledTemplate], known: Set<String>) throws -> [UInt8] {
        var renderer = Renderer(partials: partials, known: known)
        renderer.output.reserveCapacity(64 * 1024)
        var stack = [value]
        try renderer.render(tokens, &stack)
        return renderer.output
    }

    // MARK: Reading the library's tokens

    private static func tokens(of template: MustacheTemplate, top: Bool) -> [Token]? {
        guard let raw = Mirror(reflecting: template).children.first(where: { $0.label == "tokens" })?.value as? [Any] else { return nil }
        var tokens: [Token] = []
        for (index, token) in raw.enumerated() {
            guard let tag = Mirror(reflecting: token).children.first, let kind = tag.label else { return nil }
            let payload = tag.value
            switch kind {
            case "text":
                guard let text = payload as? String else { return nil }
                tokens.append(.text(Array(text.utf8)))
            case "variable", "unescapedVariable":
                guard let name = tagName(payload) else { return nil }
                tokens.append(.variable(name, escaped: kind == "variable"))
            case "section", "invertedSection":
                guard let name = tagName(payload), let inner = member("template", of: payload) as? MustacheTemplate,
                      let body = Self.tokens(of: inner, top: false) else { return nil }
                tokens.append(.section(name, body, inverted: kind == "invertedSection"))
            case "partial":
                let fields = Mirror(reflecting: payload).children.map(\.value)
                guard fields.count == 3, let name = fields[0] as? String,
                      (fields[1] as? String?).map({ ($0 ?? "").isEmpty }) == true,
                      (fields[2] as? [String: MustacheTemplate]?).map({ $0 == nil }) == true else { return nil }
                tokens.append(.partial(name))
            case "contentType":
                // Every template starts with the one content type the renderer sets; any other is the library's to render.
                guard payload is HTMLText, !top || index == 0 else { return nil }
            default:
                return nil
            }
            if top, index == 0, kind != "contentType" { return nil }
        }
        return tokens
    }

    private static func member(_ label: String, of payload: Any) -> Any? {
        Mirror(reflecting: payload).children.first(where: { $0.label == label })?.value
    }

    /// A tag's name, when it has no transforms.
    private static func tagName(_ payload: Any) -> Name? {
        guard let name = member("name", of: payload) as? String, let transforms = member("transforms", of: payload) as? [String],
              transforms.isEmpty else { return nil }
        return Name(parts: name.split(separator: ".").map(String.init), fromTop: name.first == ".")
    }

    // MARK: Rendering

    private struct Renderer {
        let partials: [String: CompiledTemplate]
        let known: Set<String>
        var output: [UInt8] = []

        mutating func render(_ tokens: [Token], _ stack: inout [TemplateValue]) throws {
            for token in tokens {
                switch token {
                case .text(let bytes):
                    output.append(contentsOf: bytes)
                case .variable(let name, let escaped):
                    guard let value = try lookUp(name, stack) else { continue }
                    switch value {
                    case .text(let text):
                        if escaped { HTMLText.escape(text, into: &output) } else { output.append(contentsOf: text.utf8) }
                    case .flag(let flag):
                        output.append(contentsOf: (flag ? "true" : "false").utf8)
                    case .list, .object, .opaque:
                        throw Unsupported()
                    }
                case .section(let name, let body, let inverted):
                    let value = try lookUp(name, stack)
                    switch (value, inverted) {
                    case (.list(let items)?, false):
                        for item in items {
                            stack.append(item)
                            try render(body, &stack)
                            stack.removeLast()
                        }
                    case (.list(let items)?, true):
                        guard items.isEmpty else { continue }
                        stack.append(.list(items))
                        try render(body, &stack)
                        stack.removeLast()
                    case (.flag(let flag)?, _):
                        if flag != inverted { try render(body, &stack) }
                    case (nil, true):
                        try render(body, &stack)
                    case (nil, false), (.text?, true), (.object?, true):
                        continue
                    case (.text(let text)?, false):
                        stack.append(.text(text))
                        try render(body, &stack)
                        stack.removeLast()
                    case (.object(let object)?, false):
                        stack.append(.object(object))
                        try render(body, &stack)
                        stack.removeLast()
                    case (.opaque?, _):
                        throw Unsupported()
                    }
                case .partial(let name):
                    if let partial = partials[name] {
                        try render(partial.tokens, &stack)
                    } else if known.contains(name) {
                        throw Unsupported()
                    }
                }
            }
        }

        /// The value a name stands for in `stack` (innermost last), by the library's rules.
        private func lookUp(_ name: Name, _ stack: [TemplateValue]) throws -> TemplateValue? {
            guard let innermost = stack.last else { return nil }
            guard let first = name.parts.first else { return innermost }
            var found: TemplateValue?
            if name.fromTop {
                found = try Self.member(first, of: innermost)
            } else {
                var level = stack.count - 1
                while level >= 0 {
                    if let value = try Self.member(first, of: stack[level]) {
                        found = value
                        break
                    }
                    level -= 1
                }
            }
            for part in name.parts.dropFirst() {
                guard let current = found else { return nil }
                found = try Self.member(part, of: current)
            }
            return found
        }

        private static func member(_ name: String, of value: TemplateValue) throws -> TemplateValue? {
            switch value {
            case .object(let object): object.fields.field(named: name)
            case .text, .flag, .list: nil
            case .opaque: throw Unsupported()
            }
        }
    }
}
