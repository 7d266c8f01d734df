import Foundation
import RegisterCore

/// Reads what a command is given as `--from FILE` (or `-` for standard input): at
/// most a limit of bytes, so endless input (`--from /dev/zero`, a pipe that never
/// ends) fails at once instead of filling memory; a JSON document is decoded into a
/// domain type, every problem with it a `ValidationError` naming the field.
enum InputFile {
    /// The largest JSON document taken, as the write API takes: a meeting is a few kilobytes.
    static let limit = 1 << 20
    /// The largest calendar invitation, as the upload page takes.
    static let invitationLimit = 2 << 20
    /// The largest file to import: a million meetings' CSV is some hundreds of megabytes.
    static let importLimit = 2 << 30

    static func decode<T: InputShaped>(_ type: T.Type, from path: String, timeZone: TimeZone) throws -> T {
        try RegisterInput.decode(type, from: read(path, limit: limit), timeZone: timeZone)
    }

    /// The bytes of `path` (`-`: standard input), refused beyond `limit`; a file that
    /// is not a regular one (a directory, a device) is read only from standard input.
    static func read(_ path: String, limit: Int) throws -> Data {
        let name = path == "-" ? "the standard input" : ValidationError.quote(path, limit: 200)
        let handle: FileHandle
        if path == "-" {
            handle = FileHandle.standardInput
        } else {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                  let opened = FileHandle(forReadingAtPath: path) else { throw CLIError("cannot read \(name)") }
            guard attributes[.type] as? FileAttributeType == .typeRegular else { throw CLIError("\(name) is not a regular file") }
            if let size = attributes[.size] as? Int, size > limit { throw CLIError("\(name) is longer than \(limit) bytes") }
            handle = opened
        }
        var data = Data()
        while data.count <= limit, let chunk = try handle.read(upToCount: 1 << 16), !chunk.isEmpty {
            data.append(chunk)
        }
        guard data.count <= limit else { throw CLIError("\(name) is longer than \(limit) bytes") }
        return data
    }
}
