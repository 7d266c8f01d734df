import Mustache

/// What a template reads, as a tree of plain cases: the compiled templates
/// (`CompiledTemplate`) render it with a switch per value instead of the mustache
/// library's dynamic casts, and the library renders its `libraryValue`.
enum TemplateValue {
    case text(String)
    case flag(Bool)
    case list([TemplateValue])
    case object(TemplateObject)
    /// Anything else (an enum, a set, a dictionary of other values): only the library renders it.
    case opaque(OpaqueValue)

    /// The value as the mustache library reads it.
    var libraryValue: Any {
        switch self {
        case .text(let text): text
        case .flag(let flag): flag
        case .list(let items): items.map(\.libraryValue)
        case .object(let object): object.fields
        case .opaque(let opaque): opaque.value
        }
    }

    /// A struct's fields as a value.
    static func fields(_ fields: any TemplateFields) -> TemplateValue {
        .object(TemplateObject(fields))
    }
}

/// A value only the library renders, behind a reference: held inline, its existential
/// made every value of the tree twice as large and every copy of one a call.
final class OpaqueValue {
    let value: Any

    init(_ value: Any) {
        self.value = value
    }
}

/// A struct's fields behind a reference: a value of the tree is copied at every
/// lookup, and copying a reference is one retain where copying the struct itself
/// went through its type's value witnesses.
final class TemplateObject {
    let fields: any TemplateFields

    init(_ fields: any TemplateFields) {
        self.fields = fields
    }
}

/// A struct that answers the template's names itself, each with its value (a nil
/// optional is no answer, so the name is looked up further out, as the library does
/// for a nil member). Long tables' rows conform: reflecting each row for its members
/// was a large part of a page's time.
protocol TemplateFields: MustacheParent {
    func field(named name: String) -> TemplateValue?
}

extension TemplateFields {
    func child(named name: String) -> Any? { field(named: name)?.libraryValue }
}

/// The members of a reflected struct, by name.
struct ReflectedFields: TemplateFields {
    let members: [String: TemplateValue]

    func field(named name: String) -> TemplateValue? { members[name] }
}

/// A table of words by key (the catalogue a template reads as `t`).
struct WordFields: TemplateFields {
    let words: [String: String]

    func field(named name: String) -> TemplateValue? { words[name].map(TemplateValue.text) }
}
