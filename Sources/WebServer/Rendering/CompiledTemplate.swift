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
    /// with a leading "." (looked up in the innermost context only). A class, so that
    /// the renderer can remember what each tag found by the tag's identity.
    final class Name: Sendable {
        let parts: [String]
        let fromTop: Bool

        init(parts: [String], fromTop: Bool) {
            self.parts = parts
            self.fromTop = fromTop
        }
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
        renderer.push(value)
        try renderer.render(tokens)
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

    /// Renders tokens over a stack of contexts (innermost last). What a name climbing out
    /// of the innermost context finds in the ones below depends only on them, so it is
    /// remembered per level until that level is left: a table's rows look up the page's
    /// words (`t.…`) and the layout's data through every enclosing context, once per
    /// row and tag, which cost more than the rest of the rows' rendering.
    private struct Renderer {
        let partials: [String: CompiledTemplate]
        let known: Set<String>
        var output: [UInt8] = []
        private var stack: [TemplateValue] = []
        /// `found[level]`: what each name found climbing from `stack[level]` down (nil when nothing).
        private var found: [[ObjectIdentifier: TemplateValue?]] = []

        init(partials: [String: CompiledTemplate], known: Set<String>) {
            self.partials = partials
            self.known = known
        }

        mutating func push(_ value: TemplateValue) {
            stack.append(value)
            found.append([:])
        }

        private mutating func pop() {
            stack.removeLast()
            found.removeLast()
        }

        mutating func render(_ tokens: [Token]) throws {
            for token in tokens {
                switch token {
                case .text(let bytes):
                    output.append(contentsOf: bytes)
                case .variable(let name, let escaped):
                    guard let value = try lookUp(name) else { continue }
                    switch value {
                    case .text(let text):
                        if escaped { HTMLText.escape(text, into: &output) } else { output.append(contentsOf: text.utf8) }
                    case .flag(let flag):
                        output.append(contentsOf: (flag ? "true" : "false").utf8)
                    case .list, .object, .opaque:
                        throw Unsupported()
                    }
                case .section(let name, let body, let inverted):
                    let value = try lookUp(name)
                    switch (value, inverted) {
                    case (.list(let items)?, false):
                        for item in items {
                            push(item)
                            try render(body)
                            pop()
                        }
                    case (.list(let items)?, true):
                        guard items.isEmpty else { continue }
                        push(.list(items))
                        try render(body)
                        pop()
                    case (.flag(let flag)?, _):
                        if flag != inverted { try render(body) }
                    case (nil, true):
                        try render(body)
                    case (nil, false), (.text?, true), (.object?, true):
                        continue
                    case (.text(let text)?, false):
                        push(.text(text))
                        try render(body)
                        pop()
                    case (.object(let object)?, false):
                        push(.object(object))
                        try render(body)
                        pop()
                    case (.opaque?, _):
                        throw Unsupported()
                    }
                case .partial(let name):
                    if let partial = partials[name] {
                        try render(partial.tokens)
                    } else if known.contains(name) {
                        throw Unsupported()
                    }
                }
            }
        }

        /// The value a name stands for in the stack, by the library's rules.
        private mutating func lookUp(_ name: Name) throws -> TemplateValue? {
            guard let innermost = stack.last else { return nil }
            guard let first = name.parts.first else { return innermost }
            if name.fromTop {
                return try Self.inside(try Self.member(first, of: innermost), name)
            }
            if let value = try Self.member(first, of: innermost) { return try Self.inside(value, name) }
            return try climbing(name, from: stack.count - 2)
        }

        /// What `name` finds from `stack[level]` down, remembered while that level stands.
        private mutating func climbing(_ name: Name, from level: Int) throws -> TemplateValue? {
            guard level >= 0 else { return nil }
            let key = ObjectIdentifier(name)
            if let known = found[level][key] { return known }
            let value: TemplateValue?
            if let first = try Self.member(name.parts[0], of: stack[level]) {
                value = try Self.inside(first, name)
            } else {
                value = try climbing(name, from: level - 1)
            }
            found[level][key] = .some(value)
            return value
        }

        /// The rest of a dotted name, inside what its first part found.
        private static func inside(_ value: TemplateValue?, _ name: Name) throws -> TemplateValue? {
            var current = value
            for part in name.parts.dropFirst() {
                guard let value = current else { return nil }
                current = try member(part, of: value)
            }
            return current
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
