import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension FileHandle {
    /// The next bytes of a pipe (waiting for at least one), or empty at its end.
    /// Foundation's `availableData` and `readDataToEndOfFile` crash the whole process
    /// (a `try!` inside Foundation) when a signal interrupts the read, as a child
    /// process ending elsewhere in the program does; this read starts again instead.
    public func readChunkRestartingOnInterrupt() throws -> Data {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = Glibc.read(fileDescriptor, &buffer, buffer.count)
            if count >= 0 { return Data(buffer[0..<count]) }
            guard errno == EINTR else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        }
    }

    /// Everything up to the end of the pipe, read as `readChunkRestartingOnInterrupt` does.
    public func readToEndRestartingOnInterrupt() throws -> Data {
        var data = Data()
        while true {
            let chunk = try readChunkRestartingOnInterrupt()
            if chunk.isEmpty { return data }
            data.append(chunk)
        }
    }
}
