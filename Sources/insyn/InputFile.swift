import Foundation
import RegisterCore

/// Reads a JSON document given as `--from FILE` (or `-` for standard input) into a
/// domain type; every problem with it is a `ValidationError` naming the field. At
/// most `limit` bytes are read, so endless input (`--from /dev/zero`) fails at once.
enum InputFile {
    /// The largest document taken, as the write API takes: a meeting is a few kilobytes.
    static let limit = 1 << 20

    static func decode<T: InputShaped>(_ type: T.Type, from path: String, timeZone: TimeZone) throws -> T {
        let name = path == "-" ? "the standard input" : ValidationError.quote(path, limit: 200)
        let handle: FileHandle
        if path == "-" {
            handle = FileHandle.standardInput
        } else {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                  let opened = FileHandle(forReadingAtPath: path) else { throw CLIError("cannot read \(name)") }
            handle = opened
        }
        var data = Data()
        while data.count <= limit, let chunk = try handle.read(upToCount: 65_536), !chunk.isEmpty {
            data.append(chunk)
        }
        guard data.count <= limit else { throw CLIError("\(name) is longer than \(limit) bytes; a document is a few kilobytes") }
        return try RegisterInput.decode(type, from: data, timeZone: timeZone)
    }
}
