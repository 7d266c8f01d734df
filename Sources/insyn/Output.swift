import Foundation

/// Where a command writes a document: a file (written whole, then moved into place)
/// or standard output, through one buffer.
final class Output {
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    private init(_ handle: FileHandle) { self.handle = handle }

    func write(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    private func flush() {
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    static func write(to path: String?, _ body: (Output) throws -> Void) throws {
        guard let path else {
            let output = Output(FileHandle.standardOutput)
            try body(output)
            output.flush()
            return
        }
        let temporary = path + ".partial"
        guard FileManager.default.createFile(atPath: temporary, contents: nil), let handle = FileHandle(forWritingAtPath: temporary) else {
            throw CLIError("cannot write \(path)")
        }
        let output = Output(handle)
        do {
            try body(output)
            output.flush()
            try handle.close()
            _ = try? FileManager.default.removeItem(atPath: path)
            try FileManager.default.moveItem(atPath: temporary, toPath: path)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }
}
