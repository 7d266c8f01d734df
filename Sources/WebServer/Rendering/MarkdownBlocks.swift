/// The blocks of a Markdown document in the small dialect our own documents use
/// (ATX headings, paragraphs, "-" and "1." lists with continuation lines, fenced
/// code, pipe tables; inline code, **strong** and [links](url)), as plain data a
/// template renders with its usual escaping: no Markdown author's HTML reaches a page.
struct MarkdownBlocks: Sendable {
    /// A run of inline text.
    struct Span: Sendable {
        var text: String
        var code = false
        var strong = false
        var href: String?
        let isPlain: Bool

        init(text: String, code: Bool = false, strong: Bool = false, href: String? = nil) {
            self.text = text
            self.code = code
            self.strong = strong
            self.href = href
            isPlain = !code && !strong && href == nil
        }
    }

    /// The spans of one heading, paragraph, list item or table cell (a struct, so that
    /// a template section over it renders once rather than once per span).
    struct Inline: Sendable {
        let spans: [Span]
    }

    struct Block: Sendable {
        var heading2: Inline?
        var heading3: Inline?
        var paragraph: Inline?
        var bullets: List?
        var numbers: List?
        var code: String?
        var table: Table?
    }

    struct List: Sendable {
        let items: [Inline]
    }

    struct Table: Sendable {
        struct Row: Sendable {
            let cells: [Inline]
        }

        let header: [Inline]
        let rows: [Row]
    }

    /// The document's first heading (the page's `h1`).
    private(set) var title = ""
    private(set) var blocks: [Block] = []

    init(_ text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...]
        var paragraph: [String] = []
        var list: (ordered: Bool, items: [String])?
        func flush() {
            if !paragraph.isEmpty { blocks.append(Block(paragraph: Self.inline(paragraph.joined(separator: " ")))) }
            paragraph = []
            if let current = list {
                let items = current.items.map(Self.inline)
                blocks.append(current.ordered ? Block(numbers: List(items: items)) : Block(bullets: List(items: items)))
            }
            list = nil
        }
        while let line = lines.popFirst() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") {
                flush()
                var code: [String] = []
                while let next = lines.popFirst(), !next.trimmingCharacters(in: .whitespaces).hasPrefix("```") { code.append(next) }
                blocks.append(Block(code: code.joined(separator: "\n")))
            } else if trimmed.hasPrefix("#") {
                flush()
                let level = trimmed.prefix(while: { $0 == "#" }).count
                let spans = Self.inline(String(trimmed.dropFirst(level)).trimmingCharacters(in: .whitespaces))
                if level == 1 && title.isEmpty { title = spans.spans.map(\.text).joined() } else if level <= 2 {
                    blocks.append(Block(heading2: spans))
                } else {
                    blocks.append(Block(heading3: spans))
                }
            } else if trimmed.hasPrefix("|") {
                flush()
                var rows = [line]
                while let next = lines.first, next.trimmingCharacters(in: .whitespaces).hasPrefix("|") { rows.append(lines.removeFirst()) }
                let cells = rows.map { row in
                    row.trimmingCharacters(in: .whitespaces).dropFirst().dropLast().split(separator: "|", omittingEmptySubsequences: false)
                        .map { Self.inline($0.trimmingCharacters(in: .whitespaces)) }
                }
                blocks.append(Block(table: Table(header: cells.first ?? [], rows: cells.dropFirst(2).map(Table.Row.init))))
            } else if trimmed.isEmpty {
                flush()
            } else if let item = Self.listItem(trimmed) {
                if list == nil || list!.ordered != item.ordered { flush(); list = (item.ordered, []) }
                if !paragraph.isEmpty { flush(); list = (item.ordered, []) }
                list!.items.append(item.text)
            } else if list != nil, line.hasPrefix(" ") {
                list!.items[list!.items.count - 1] += " " + trimmed
            } else {
                if list != nil { flush() }
                paragraph.append(trimmed)
            }
        }
        flush()
    }

    private static func listItem(_ line: String) -> (ordered: Bool, text: String)? {
        if line.hasPrefix("- ") || line.hasPrefix("* ") { return (false, String(line.dropFirst(2))) }
        let digits = line.prefix(while: \.isNumber)
        if !digits.isEmpty, line.dropFirst(digits.count).hasPrefix(". ") { return (true, String(line.dropFirst(digits.count + 2))) }
        return nil
    }

    static func inline(_ text: String) -> Inline {
        Inline(spans: spans(text))
    }

    /// Inline code, **strong** and [text](url); everything else is text.
    static func spans(_ text: String) -> [Span] {
        var spans: [Span] = []
        var plain = ""
        var rest = Substring(text)
        func emit(_ span: Span) {
            if !plain.isEmpty { spans.append(Span(text: plain)) }
            plain = ""
            spans.append(span)
        }
        while let first = rest.first {
            if first == "`", let end = rest.dropFirst().firstIndex(of: "`") {
                emit(Span(text: String(rest[rest.index(after: rest.startIndex)..<end]), code: true))
                rest = rest[rest.index(after: end)...]
            } else if rest.hasPrefix("**"), let end = rest.dropFirst(2).range(of: "**") {
                emit(Span(text: String(rest[rest.index(rest.startIndex, offsetBy: 2)..<end.lowerBound]), strong: true))
                rest = rest[end.upperBound...]
            } else if first == "[", let close = rest.firstIndex(of: "]"), rest[rest.index(after: close)...].hasPrefix("("),
                      let end = rest[close...].firstIndex(of: ")") {
                let label = String(rest[rest.index(after: rest.startIndex)..<close])
                let href = String(rest[rest.index(close, offsetBy: 2)..<end])
                emit(Span(text: label, href: href))
                rest = rest[rest.index(after: end)...]
            } else {
                plain.append(first)
                rest = rest.dropFirst()
            }
        }
        if !plain.isEmpty { spans.append(Span(text: plain)) }
        return spans
    }
}
