/// Why one value of the input was refused, without the field's name: the caller that
/// knows the field turns it into a `ValidationError`.
public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
