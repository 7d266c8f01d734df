#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the format writers send their output, so the same JSON, CSV and XML code
/// streams to a file, to stdout or into memory without knowing which.
///
/// A sink is used by one writer at a time and is not thread-safe. After a `write`
/// or `finish` throws, the sink is in an unspecified state and must be abandoned.
public protocol ByteSink: AnyObject {
    /// Appends `bytes`. The sink must not keep the pointer beyond the call.
    func write(_ bytes: UnsafeRawBufferPointer) throws

    /// Pushes out anything buffered and completes the output (for a file: closes it,
    /// and for an atomic file: moves it into place). Writing afterwards is a
    /// precondition failure; calling `finish` twice is allowed and does nothing.
    func finish() throws
}

extension ByteSink {
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    public func write(_ bytes: some Collection<UInt8>) throws {
        let wrote: Void? = try bytes.withContiguousStorageIfAvailable { try write(UnsafeRawBufferPointer($0)) }
        if wrote == nil {
            try write(Array(bytes))
        }
    }

    public func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }
}

/// Collects output in memory: for tests, for small responses in the web server, and
/// for streaming a large response in pieces (write some records, then `take()` the
/// bytes and hand them to the HTTP body writer).
public final class BufferSink: ByteSink {
    public private(set) var bytes: [UInt8] = []
    public private(set) var isFinished = false

    public init(reservingCapacity capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        precondition(!isFinished, "BufferSink: write after finish")
        self.bytes.append(contentsOf: bytes)
    }

    public func finish() throws {
        isFinished = true
    }

    /// Returns the bytes collected so far and empties the buffer.
    public func take() -> [UInt8] {
        defer { bytes = [] }
        return bytes
    }
}

/// Writes to a file descriptor through a 64 KiB buffer, so that a large export costs
/// one `write(2)` per 64 KiB. Used for files (optionally created atomically) and stdout.
public final class FileSink: ByteSink {
    /// Why opening, writing or completing the file failed, with the `errno` value.
    public struct Failure: Error, CustomStringConvertible {
        public let operation: String
        public let path: String?
        public let errno: Int32

        public var description: String {
            let reason = String(cString: strerror(errno))
            if let path { return "\(operation) \(path): \(reason)" }
            return "\(operation): \(reason)"
        }
    }

    public static let defaultBufferSize = 64 * 1024

    private var fd: Int32
    private let closeOnFinish: Bool
    private let path: String?
    private let temporaryPath: String?
    private let syncOnFinish: Bool
    private let buffer: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private var count = 0
    public private(set) var isFinished = false

    /// Writes to a descriptor the caller owns (stdout, a socket, a pipe). `finish` flushes
    /// and closes it only when `closeOnFinish` is true.
    public init(fileDescriptor: Int32, closeOnFinish: Bool = false, bufferSize: Int = FileSink.defaultBufferSize) {
        precondition(bufferSize > 0)
        self.fd = fileDescriptor
        self.closeOnFinish = closeOnFinish
        self.path = nil
        self.temporaryPath = nil
        self.syncOnFinish = false
        self.capacity = bufferSize
        self.buffer = .allocate(capacity: bufferSize)
    }

    /// Creates (or truncates) the file at `path` with mode 0644.
    ///
    /// When `atomic` is true the bytes go to a hidden temporary file in the same directory,
    /// which `finish` flushes to disk (`fsync`) and renames over `path`; readers see the
    /// old file or the complete new one, never a partial one. If the sink is discarded
    /// or deallocated without `finish`, the temporary file is removed and `path` is
    /// left untouched.
    public init(path: String, atomic: Bool = true, bufferSize: Int = FileSink.defaultBufferSize) throws {
        precondition(bufferSize > 0)
        if atomic {
            var template = Array(Self.temporaryTemplate(for: path).utf8CString)
            let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            if fd < 0 { throw Failure(operation: "create temporary file for", path: path, errno: errno) }
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            if fchmod(fd, 0o644) != 0 {
                let code = errno
                close(fd)
                unlink(temporary)
                throw Failure(operation: "chmod", path: temporary, errno: code)
            }
            self.fd = fd
            self.temporaryPath = temporary
        } else {
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            if fd < 0 { throw Failure(operation: "open", path: path, errno: errno) }
            self.fd = fd
            self.temporaryPath = nil
        }
        self.path = path
        self.closeOnFinish = true
        self.syncOnFinish = atomic
        self.capacity = bufferSize
        self.buffer = .allocate(capacity: bufferSize)
    }

    /// A sink on standard output that flushes but never closes it.
    public static func standardOutput() -> FileSink {
        FileSink(fileDescriptor: STDOUT_FILENO)
    }

    deinit {
        if !isFinished {
            if closeOnFinish && fd >= 0 { close(fd) }
            if let temporaryPath { unlink(temporaryPath) }
        }
        buffer.deallocate()
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        precondition(!isFinished, "FileSink: write after finish")
        let length = bytes.count
        guard length > 0 else { return }
        let direct = length >= capacity / 2
        if count == 0 && direct {
            try writeAll(bytes)
            return
        }
        if count + length <= capacity {
            UnsafeMutableRawPointer(buffer + count).copyMemory(from: bytes.baseAddress!, byteCount: length)
            count += length
            return
        }
        try flush()
        if direct {
            try writeAll(bytes)
        } else {
            UnsafeMutableRawPointer(buffer).copyMemory(from: bytes.baseAddress!, byteCount: length)
            count = length
        }
    }

    /// Writes the buffered bytes to the descriptor without finishing.
    public func flush() throws {
        guard count > 0 else { return }
        let pending = UnsafeRawBufferPointer(start: buffer, count: count)
        count = 0
        try writeAll(pending)
    }

    public func finish() throws {
        guard !isFinished else { return }
        try flush()
        if syncOnFinish, fsync(fd) != 0 {
            throw Failure(operation: "fsync", path: temporaryPath ?? path, errno: errno)
        }
        isFinished = true
        if closeOnFinish {
            let closed = close(fd)
            let code = errno
            fd = -1
            if closed != 0 {
                if let temporaryPath { unlink(temporaryPath) }
                throw Failure(operation: "close", path: temporaryPath ?? path, errno: code)
            }
        }
        if let temporaryPath, let path, rename(temporaryPath, path) != 0 {
            let code = errno
            unlink(temporaryPath)
            throw Failure(operation: "rename \(temporaryPath) to", path: path, errno: code)
        }
    }

    /// Abandons the output: closes an owned descriptor and removes the temporary file
    /// of an atomic sink, leaving the destination as it was.
    public func discard() {
        guard !isFinished else { return }
        isFinished = true
        count = 0
        if closeOnFinish && fd >= 0 {
            close(fd)
            fd = -1
        }
        if let temporaryPath { unlink(temporaryPath) }
    }

    /// `dir/.name.tmp-XXXXXX`: in the destination's directory so `rename` stays on one
    /// file system, and hidden so a web server listing or serving the directory skips it.
    private static func temporaryTemplate(for path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return ".\(path).tmp-XXXXXX" }
        let directory = path[...slash]
        let name = path[path.index(after: slash)...]
        return "\(directory).\(name).tmp-XXXXXX"
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw Failure(operation: "write", path: temporaryPath ?? path, errno: errno)
            }
            offset += written
        }
    }
}

private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(fd, bytes, count)
    #elseif canImport(Musl)
    Musl.write(fd, bytes, count)
    #else
    Darwin.write(fd, bytes, count)
    #endif
}
