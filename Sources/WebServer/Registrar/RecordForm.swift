import Foundation
import Publishing
import RegisterCore

/// A registrar's form for one kind of record (a catalogue entry, a legal ground):
/// its inputs, how what was typed becomes the JSON body the write API takes (so the
/// record is decoded and validated by `RegisterInput` and the register exactly as an
/// API request is), and how the register's problems go back beside each input.
struct RecordForm: Sendable {
    /// One input: the member of the record it fills and how it is typed.
    struct Input: Sendable {
        enum Kind: Sendable {
            case text, longText, day
            /// One of `values`, labelled by the catalogue key `labelPrefix + value`.
            case choice([String], labelPrefix: String)
            /// The id of a record picked from the options the page is given under this name.
            case reference(String)
            /// A list of texts, one a line.
            case lines
            /// Ids picked from the options of this name, each a checkbox named `<member>-<id>`.
            case several(String)
        }

        let member: String
        /// The catalogue key of the label; `<key>Hint` is its hint when the catalogue has one.
        let label: String
        let kind: Kind
        var optional = false
    }

    let inputs: [Input]

    /// The JSON object of the typed values: empty optional inputs are left out, an id
    /// that is a whole number is a number.
    func body(_ posted: [String: String]) -> Data {
        var members = JSONObject()
        for input in inputs {
            let text = posted[input.member] ?? ""
            switch input.kind {
            case .lines:
                let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                if !lines.isEmpty { members[input.member] = .array(lines.map(JSONValue.string)) }
            case .several:
                let ids = posted.keys.compactMap { $0.hasPrefix(input.member + "-") ? Int64($0.dropFirst(input.member.count + 1)) : nil }
                if !ids.isEmpty { members[input.member] = .array(ids.sorted().map(JSONValue.int)) }
            case .reference:
                if let id = Int64(text) { members[input.member] = .int(id) } else if !text.isEmpty { members[input.member] = .string(text) }
            case .text, .longText:
                // A required text left empty is sent empty, so the register names it beside every other problem.
                if !input.optional || !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { members[input.member] = .string(text) }
            default:
                if !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { members[input.member] = .string(text) }
            }
        }
        return Data(CanonicalJSON.bytes(.object(members)))
    }

    /// The required inputs left empty, each with its message in the page's language:
    /// named at once, before the register reads the record.
    func missing(_ posted: [String: String], context: PageContext) -> FormProblems {
        var problems = FormProblems()
        for input in inputs where !input.optional && (posted[input.member] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            switch input.kind {
            case .choice, .reference: problems.byInput[input.member] = context["registrarChooseOne"]
            case .several, .lines: continue
            default: problems.byInput[input.member] = context["registrarFillIn"]
            }
        }
        return problems
    }

    /// The form's values of a stored record (its JSON form, as the API gives it).
    func values(of record: JSONValue) -> [String: String] {
        var values: [String: String] = [:]
        for input in inputs {
            switch record[input.member] {
            case .string(let text): values[input.member] = text
            case .int(let number): values[input.member] = String(number)
            case .array(let items):
                if case .several = input.kind {
                    for item in items { if let id = item.intValue { values["\(input.member)-\(id)"] = "on" } }
                } else {
                    values[input.member] = items.compactMap(\.stringValue).joined(separator: "\n")
                }
            default: break
            }
        }
        return values
    }

    /// The register's problems by input (a problem of `policyAreas[1]` is the
    /// `policyAreas` input's), each in the page's language; those of no input are
    /// returned apart, in the register's words.
    func problems(_ error: ValidationError, context: PageContext) -> FormProblems {
        var byInput: [String: String] = [:]
        var other: [String] = []
        for problem in error.problems {
            let member = String(problem.field.prefix { $0 != "[" && $0 != "." })
            if let input = inputs.first(where: { $0.member == member }) {
                let message = problem.rule == .required ? context["registrarFillIn"]
                    : RuleWords.message(problem, label: context[input.label], strings: context.strings)
                byInput[member] = byInput[member].map { $0 + "; " + message } ?? message
            } else {
                other.append(problem.field.isEmpty ? problem.message : "\(problem.field): \(problem.message)")
            }
        }
        return FormProblems(byInput: byInput, other: other)
    }

    /// The inputs as a template shows them, with the values typed and the errors beside them.
    func fields(id prefix: String, values: [String: String], errors: [String: String], options: [String: [(value: String, label: String)]],
                context: PageContext) -> [RecordFormField] {
        inputs.map { input in
            let hintKey = input.label + "Hint"
            let hint = Strings.site[hintKey] == nil ? nil : context[hintKey]
            let value = values[input.member] ?? ""
            var choices: [RecordFormField.Option] = []
            switch input.kind {
            case .choice(let names, let labelPrefix):
                choices = names.map { .init(value: $0, label: context[labelPrefix + $0], selected: $0 == value) }
            case .reference(let name):
                choices = (options[name] ?? []).map { .init(value: $0.value, label: $0.label, selected: $0.value == value) }
            case .several(let name):
                choices = (options[name] ?? []).map {
                    .init(value: $0.value, label: $0.label, selected: values["\(input.member)-\($0.value)"] != nil)
                }
            default: break
            }
            return RecordFormField(id: "\(prefix)-\(input.member)", name: input.member, label: context[input.label], kind: input.kind,
                                   value: value, options: choices, optional: input.optional, optionalText: context["registrarOptional"],
                                   hint: hint, error: errors[input.member])
        }
    }
}

/// The register's problems with a posted form: those beside an input, by its member, and the others.
struct FormProblems: Sendable {
    var byInput: [String: String] = [:]
    var other: [String] = []

    var isEmpty: Bool { byInput.isEmpty && other.isEmpty }
}

/// One input of a registrar's form as the `registrar-field` partial shows it: a text
/// input, a text area or a list to choose from, with its hint and error beside it.
struct RecordFormField: Sendable {
    struct Option: Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    /// A checkbox of a `several` input: its own id and name.
    struct Checkbox: Sendable {
        let id: String
        let name: String
        let label: String
        let checked: Bool
    }

    let id: String
    let name: String
    let label: String
    let value: String
    let isText: Bool
    let isLongText: Bool
    let isDay: Bool
    let isChoice: Bool
    let isSeveral: Bool
    let options: [Option]
    let checkboxes: [Checkbox]
    /// "(valfritt)" after the label of an input that may be left empty.
    let optionalText: String?
    let fieldHint: String?
    let fieldError: String?
    let describedBy: String?

    init(id: String, name: String, label: String, kind: RecordForm.Input.Kind, value: String, options: [Option], optional: Bool,
         optionalText: String, hint: String?, error: String?) {
        self.id = id
        self.name = name
        self.label = label
        self.value = value
        switch kind {
        case .text: (isText, isLongText, isDay, isChoice) = (true, false, false, false)
        case .longText, .lines: (isText, isLongText, isDay, isChoice) = (false, true, false, false)
        case .day: (isText, isLongText, isDay, isChoice) = (false, false, true, false)
        case .choice, .reference: (isText, isLongText, isDay, isChoice) = (false, false, false, true)
        case .several: (isText, isLongText, isDay, isChoice) = (false, false, false, false)
        }
        if case .several = kind {
            isSeveral = true
            checkboxes = options.map { Checkbox(id: "\(id)-\($0.value)", name: "\(name)-\($0.value)", label: $0.label, checked: $0.selected) }
            self.options = []
        } else {
            isSeveral = false
            checkboxes = []
            self.options = options
        }
        self.optionalText = optional ? optionalText : nil
        fieldHint = hint
        fieldError = error
        let described = [hint.map { _ in id + "-hint" }, error.map { _ in id + "-error" }].compactMap { $0 }
        describedBy = described.isEmpty ? nil : described.joined(separator: " ")
    }

    /// The summary's line for this input's error: the error as it is when it begins
    /// with the input's label (as the register's rules are worded), else after it.
    var summaryError: FormError? {
        fieldError.map { FormError(target: id, message: $0.hasPrefix(label) ? $0 : "\(label): \($0)") }
    }
}
