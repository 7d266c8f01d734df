/// Why one value of the input was refused, without the field's name: the caller that
/// knows the field turns it into a `ValidationError`.
public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    /// The rule the value broke, for an edge that says it in its own words.
    public let rule: ValidationError.Rule?

    public init(_ message: String, rule: ValidationError.Rule? = nil) {
        self.message = message
        self.rule = rule
    }

    public var description: String { message }

    /// The same refusal is the same message; the rule only says how else to word it.
    public static func == (left: Refusal, right: Refusal) -> Bool {
        left.message == right.message
    }
}
