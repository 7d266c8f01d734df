/// Bad input, named by the field it concerns, so that every command and request can
/// say in one line what was wrong with which field.
public struct ValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [Problem]

    public struct Problem: Sendable, Equatable {
        public var field: String
        public var message: String
    }

    public init(_ field: String, _ message: String) {
        problems = [Problem(field: field, message: message)]
    }

    init(problems: [Problem]) {
        self.problems = problems
    }

    public var description: String {
        problems.map { "\($0.field): \($0.message)" }.joined(separator: "; ")
    }
}

/// Collects problems so that one error can name every bad field at once.
struct Problems {
    private(set) var list: [ValidationError.Problem] = []

    mutating func add(_ field: String, _ message: String) {
        list.append(.init(field: field, message: message))
    }

    mutating func requireText(_ value: String, _ field: String, max: Int = 10_000) {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty {
            add(field, "is required and must not be empty")
        } else if value.count > max {
            add(field, "is longer than \(max) characters")
        }
    }

    mutating func optionalText(_ value: String?, _ field: String, max: Int = 10_000) {
        if let value { requireText(value, field, max: max) }
    }

    func check() throws(ValidationError) {
        if !list.isEmpty { throw ValidationError(problems: list) }
    }
}
