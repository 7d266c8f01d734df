import Foundation

/// An exclusive advisory lock (`flock`) on a file, so that two `insyn publish` runs
/// never write one directory at once. The system releases it when the process ends,
/// however it ends.
final class DirectoryLock {
    private var fd: Int32

    /// Takes the lock or throws at once if another process holds it.
    init(_ path: String) throws {
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileSink.Failure(operation: "open", path: path, errno: errno) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(fd)
            if code == EWOULDBLOCK { throw Busy(path: path) }
            throw FileSink.Failure(operation: "lock", path: path, errno: code)
        }
    }

    func release() {
        guard fd >= 0 else { return }
        close(fd)
        fd = -1
    }

    deinit { release() }

    /// Another process holds the lock.
    struct Busy: Error, CustomStringConvertible {
        let path: String
        var description: String { "another `insyn publish` is writing this directory (it holds \(path)); try again when it is done" }
    }
}
