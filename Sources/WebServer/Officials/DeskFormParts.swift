import Publishing

/// One field of the officials' forms: a labelled input, text area or list to choose
/// from, with its hint and its error beside it (the error is also in the summary,
/// which links to the field's id).
struct DeskField: Sendable {
    struct Option: Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    let id: String
    let name: String
    let label: String
    let value: String
    let type: String
    let isInput: Bool
    let isTextarea: Bool
    let isSelect: Bool
    let options: [Option]
    let inputmode: String?
    let autocomplete: String
    let fieldHint: String?
    let fieldError: String?
    let describedBy: String?
    /// A field that can be left empty says so in its label.
    let optionalText: String?

    enum Kind { case input(String), textarea, select([Option]) }

    init(id: String, name: String? = nil, label: String, value: String, kind: Kind = .input("text"), inputmode: String? = nil,
         autocomplete: String = "off", hint: String? = nil, error: String? = nil, optional: String? = nil) {
        self.id = id
        self.name = name ?? id
        self.label = label
        self.value = value
        switch kind {
        case .input(let type): (self.type, isInput, isTextarea, isSelect, options) = (type, true, false, false, [])
        case .textarea: (type, isInput, isTextarea, isSelect, options) = ("", false, true, false, [])
        case .select(let options): (type, isInput, isTextarea, isSelect, self.options) = ("", false, false, true, options)
        }
        self.inputmode = inputmode
        self.autocomplete = autocomplete
        fieldHint = hint
        fieldError = error
        let described = [hint.map { _ in id + "-hint" }, error.map { _ in id + "-error" }].compactMap { $0 }
        describedBy = described.isEmpty ? nil : described.joined(separator: " ")
        optionalText = optional
    }
}

/// A group of radio buttons in a fieldset; the first button's id is the group's, for the summary's link.
struct RadioGroup: Sendable {
    struct Choice: Sendable {
        let choiceId: String
        let choiceValue: String
        let choiceLabel: String
        let checked: Bool
    }

    let groupId: String
    let groupName: String
    let legend: String
    let groupError: String?
    let choices: [Choice]

    init(name: String, legend: String, value: String, choices: [(value: String, label: String)], error: String?) {
        groupId = "meeting-" + name
        groupName = name
        self.legend = legend
        groupError = error
        self.choices = choices.enumerated().map { index, choice in
            Choice(choiceId: index == 0 ? "meeting-\(name)" : "meeting-\(name)-\(choice.value)", choiceValue: choice.value,
                   choiceLabel: choice.label, checked: choice.value == value)
        }
    }
}

/// A checkbox with its label after it.
struct CheckBox: Sendable {
    let boxId: String
    let boxName: String
    let boxLabel: String
    let boxChecked: Bool
}

/// A hidden field the form carries along.
struct HiddenField: Sendable {
    let name: String
    let value: String
}

/// A submit button of a form: its `name=value` says which step or action it is.
struct FormButton: Sendable {
    let name: String
    let value: String
    let text: String
    let secondary: Bool
}
