/// A table of the audit pages (`audit-table` partial): a caption, a header per
/// column, and rows whose first cell heads the row; a cell may link.
struct AuditTable: Sendable {
    struct Cell: Sendable {
        let text: String
        let href: String?

        init(_ text: String, href: String? = nil) {
            self.text = text
            self.href = href
        }
    }

    struct Row: Sendable {
        let head: Cell
        let cells: [Cell]
    }

    let id: String
    let caption: String
    let headers: [String]
    let rows: [Row]
    let hasRows: Bool

    init(id: String, caption: String, headers: [String], rows: [[Cell]]) {
        self.id = id
        self.caption = caption
        self.headers = headers
        self.rows = rows.map { Row(head: $0[0], cells: Array($0.dropFirst())) }
        hasRows = !rows.isEmpty
    }
}
