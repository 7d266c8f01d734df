import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The file operations a backup and a restore need to be safe: a new file readable by
/// its owner only from the moment it exists (it holds confidential values), flushed to
/// disk, and put in its place in one step, so that a half-written copy never stands
/// where a register or a backup is expected.
enum RegisterFile {
    /// A new, empty file beside `path`, mode 0600, whose name no one else uses.
    static func createTemporary(beside path: String, purpose: String) throws(RegisterFileError) -> String {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(purpose)-\(UUID().uuidString)").path
        let fd = open(temporary, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw RegisterFileError(operation: "create", path: temporary, errno: errno) }
        close(fd)
        return temporary
    }

    static func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    /// Flushes the file's contents to disk.
    static func sync(_ path: String) throws(RegisterFileError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw RegisterFileError(operation: "open", path: path, errno: errno) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw RegisterFileError(operation: "fsync", path: path, errno: errno) }
    }

    /// Puts `temporary` at `path` in one step and flushes the directory, so the new name
    /// survives a power cut. Unless `replacing`, an existing file at `path` is left as it
    /// is and the move fails, even if that file appeared a moment ago.
    static func move(_ temporary: String, to path: String, replacing: Bool) throws(RegisterFileError) {
        if replacing {
            guard rename(temporary, path) == 0 else { throw RegisterFileError(operation: "rename", path: path, errno: errno) }
        } else {
            guard link(temporary, path) == 0 else { throw RegisterFileError(operation: "create", path: path, errno: errno) }
            unlink(temporary)
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let fd = open(directory, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw RegisterFileError(operation: "open", path: directory, errno: errno) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw RegisterFileError(operation: "fsync", path: directory, errno: errno) }
    }

    /// Removes a temporary file and the journal files SQLite may have left beside it.
    static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
    }
}

/// A file operation of a backup or a restore failed; said in one line, with the path.
public struct RegisterFileError: Error, Sendable, CustomStringConvertible {
    public let operation: String
    public let path: String
    public let errno: Int32

    public var description: String {
        switch errno {
        case EEXIST: "\(path) already exists; add --force to replace it"
        case EACCES, EPERM: "cannot \(operation) \(path): permission denied"
        case ENOSPC: "cannot \(operation) \(path): the disk is full"
        case ENOENT: "cannot \(operation) \(path): no such file or directory"
        default: "cannot \(operation) \(path): \(String(cString: strerror(errno)))"
        }
    }
}
