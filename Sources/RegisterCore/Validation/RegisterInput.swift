import Foundation

/// A record type that commands and requests take as JSON input, with the shape of
/// that input.
public protocol InputShaped: Decodable {
    static var inputShape: InputShape { get }
}

/// Reads the JSON input of a command or a request into a domain type: parses it,
/// checks its shape (unknown and repeated members, numbers where they belong), then
/// decodes it with times read strictly in the register's time zone. Every failure
/// is a `ValidationError` naming the field.
public enum RegisterInput {
    public static func decode<T: InputShaped>(_ type: T.Type, from data: Data, timeZone: TimeZone) throws(ValidationError) -> T {
        let document: InputValue
        do {
            document = try InputParser.parse(Array(data))
        } catch {
            throw ValidationError("", error.message)
        }
        guard case .object = document else { throw ValidationError("", "the input must be a JSON object ({…})") }
        var problems = Problems()
        let kept = T.inputShape.check(document, at: "", into: &problems)
        try problems.check()
        do {
            return try RegisterCoding.inputDecoder(timeZone: timeZone).decode(T.self, from: Data(kept.json))
        } catch let error as ValidationError {
            throw error
        } catch let error as DecodingError {
            throw describe(error)
        } catch {
            throw ValidationError("", "\(error)")
        }
    }

    static func describe(_ error: DecodingError) -> ValidationError {
        switch error {
        case .keyNotFound(let key, let context):
            return ValidationError(InputPath.member(key.stringValue, of: InputPath.text(context.codingPath)), "is required", rule: .required)
        case .typeMismatch(let type, let context):
            return ValidationError(InputPath.text(context.codingPath), "\(noun(type)) is expected")
        case .valueNotFound(let type, let context):
            return ValidationError(InputPath.text(context.codingPath), "\(noun(type)) is expected, found null")
        case .dataCorrupted(let context):
            if let underlying = context.underlyingError as? ValidationError { return underlying }
            if let refusal = context.underlyingError as? Refusal {
                return ValidationError(InputPath.text(context.codingPath), refusal.message, rule: refusal.rule)
            }
            return ValidationError(InputPath.text(context.codingPath), context.debugDescription)
        @unknown default:
            return ValidationError("", "\(error)")
        }
    }

    private static func noun(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "text"
        case is Int.Type, is Int64.Type: "a whole number"
        case is Bool.Type: "true or false"
        case is Date.Type: "a date and time"
        case is Day.Type: "a date"
        default: "\(type)".contains("Array") ? "a list" : "\(type)".contains("Dictionary") ? "an object" : "a value of another kind"
        }
    }
}

extension InputValue {
    /// The value as JSON text, for the decoder.
    var json: [UInt8] {
        var out: [UInt8] = []
        write(into: &out)
        return out
    }

    private func write(into out: inout [UInt8]) {
        switch self {
        case .null: out += Array("null".utf8)
        case .bool(let value): out += Array((value ? "true" : "false").utf8)
        case .number(let literal): out += Array(literal.utf8)
        case .string(let text): Self.write(text, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                item.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.write(member.name, into: &out)
                out.append(UInt8(ascii: ":"))
                member.value.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func write(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                out += [UInt8(ascii: "\\"), byte]
            case 0x00..<0x20:
                out += Array(String(format: "\\u%04x", byte).utf8)
            default:
                out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
