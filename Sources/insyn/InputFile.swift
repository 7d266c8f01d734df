import Foundation
import RegisterCore

/// Reads a JSON document given as `--from FILE` (or `-` for standard input) into a
/// domain type; every problem with it is a `ValidationError` naming the field.
enum InputFile {
    static func decode<T: InputShaped>(_ type: T.Type, from path: String, timeZone: TimeZone) throws -> T {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read \(path)") }
            data = contents
        }
        return try RegisterInput.decode(type, from: data, timeZone: timeZone)
    }
}
