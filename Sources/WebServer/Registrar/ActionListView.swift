import Publishing

/// A registrar's page of things kept elsewhere than the catalogue (accounts, API
/// tokens, push endpoints): each with its facts and its actions (each a small form
/// posted to the thing's URL), a one-time box for a secret just made (a token's
/// secret, a password link), and the form that adds one, when there is one.
struct ActionListView: PageView {
    static let template = "registrar-list"

    struct Fact: Sendable {
        let label: String
        let value: String
    }

    struct Action: Sendable {
        let href: String
        let action: String
        let text: String
        /// The action's text with the thing's name, for a screen reader's list of buttons.
        let fullText: String
    }

    struct Row: Sendable {
        let id: String
        let name: String
        let facts: [Fact]
        let actions: [Action]
    }

    /// A secret shown only on the page that made it.
    struct Shown: Sendable {
        let heading: String
        let text: String
        let secret: String
    }

    /// The form that adds one.
    struct AddForm: Sendable {
        let heading: String
        let action: String
        let fields: [RecordFormField]
        let button: String
    }

    let title: String
    let heading: String
    let intro: String
    let notice: String?
    let shown: Shown?
    let rows: [Row]
    let hasRows: Bool
    let emptyText: String
    let add: AddForm?
    let csrfField = CSRFMiddleware.field
    let csrf: String
    let summary: FormErrors

    init(heading: String, intro: String, rows: [Row], emptyText: String, add: AddForm?, otherErrors: [String] = [], notice: String? = nil,
         shown: Shown? = nil, csrf: String, context: PageContext) {
        self.heading = heading
        self.intro = intro
        self.rows = rows
        hasRows = !rows.isEmpty
        self.emptyText = emptyText
        self.add = add
        self.notice = notice
        self.shown = shown
        self.csrf = csrf
        let fields = add?.fields ?? []
        summary = FormErrors(otherErrors.map { FormError(target: fields.first?.id ?? "", message: $0) } + fields.compactMap(\.summaryError))
        title = summary.title(heading, strings: context.strings)
    }
}
