import Publishing

/// One labelled input of a form, with its hint and its error beside it (the error is
/// also in the summary at the top, which links to the input).
struct FormField: Sendable {
    let id: String
    let name: String
    let label: String
    let type: String
    let autocomplete: String
    /// What the person typed, shown again after an error; never a password.
    let value: String
    let fieldHint: String?
    let fieldError: String?
    /// The ids of the hint and the error, for `aria-describedby`.
    let describedBy: String?

    init(id: String, name: String, label: String, type: String, autocomplete: String, value: String = "",
         hint: String? = nil, error: String? = nil) {
        self.id = id
        self.name = name
        self.label = label
        self.type = type
        self.autocomplete = autocomplete
        self.value = type == "password" ? "" : value
        fieldHint = hint
        fieldError = error
        let described = [hint.map { _ in id + "-hint" }, error.map { _ in id + "-error" }].compactMap { $0 }
        describedBy = described.isEmpty ? nil : described.joined(separator: " ")
    }
}

/// A line of the error summary: the message and the input it links to.
struct FormError: Sendable {
    let target: String
    let message: String
}

/// What the summary at the top of a form shows when something went wrong.
struct FormErrors: Sendable {
    let errors: [FormError]
    let hasErrors: Bool

    init(_ errors: [FormError]) {
        self.errors = errors
        hasErrors = !errors.isEmpty
    }

    init(fields: [FormField], other: [FormError] = []) {
        self.init(other + fields.compactMap { field in field.fieldError.map { FormError(target: field.id, message: $0) } })
    }

    /// The page's title: "Fel: " before it while there are errors, so a screen reader hears it first.
    func title(_ title: String, strings: Strings) -> String {
        hasErrors ? strings.format("formErrorTitle", title) : title
    }
}
