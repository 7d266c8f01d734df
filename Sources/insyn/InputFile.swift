import Foundation
import RegisterCore

/// Reads a JSON document given as `--from FILE` (or `-` for standard input) into a
/// domain type, turning decoding errors into one line naming the field.
enum InputFile {
    static func decode<T: Decodable>(_ type: T.Type, from path: String, timeZone: TimeZone) throws -> T {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read \(path)") }
            data = contents
        }
        do {
            return try RegisterCoding.decoder(timeZone: timeZone).decode(type, from: data)
        } catch let error as ValidationError {
            throw error
        } catch let error as DecodingError {
            throw CLIError(describe(error))
        } catch {
            throw CLIError("\(path): \(error.localizedDescription)")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingPrefix(".").description
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context.codingPath)
            return "\(parent.isEmpty ? "" : parent + ".")\(key.stringValue): is required"
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)): expected \(describe(type))"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)): expected \(describe(type)), found null"
        case .dataCorrupted(let context):
            let field = path(context.codingPath)
            if context.codingPath.isEmpty { return "the file is not valid JSON" }
            if let underlying = context.underlyingError as? ValidationError { return underlying.description }
            return "\(field): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "text"
        case is Int.Type, is Int64.Type: "a whole number"
        case is Bool.Type: "true or false"
        case is Date.Type: "a date and time"
        default: "\(type)".lowercased().contains("array") ? "a list" : "a value of another kind"
        }
    }
}
