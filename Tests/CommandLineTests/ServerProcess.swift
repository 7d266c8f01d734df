import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A running `insyn serve` whose standard output and error are both kept, that a test
/// stops with a signal of its choosing (SIGTERM, SIGINT, SIGKILL) and whose exit it reads.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    private let lock = NSLock()
    private var collected = Data()
    private let readers = DispatchGroup()

    /// Starts `insyn --db DATABASE serve --port PORT ARGUMENTS` and waits until it says it
    /// serves; throws, with what it printed, if it ends first.
    init(database: String, port: Int? = nil, arguments: [String] = ["--no-push"]) throws {
        self.port = try port ?? LocalSocket.freePort()
        process.executableURL = Insyn.binary
        process.arguments = ["--db", database, "serve", "--port", String(self.port)] + arguments
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        for pipe in [output, error] { collect(pipe.fileHandleForReading) }
        while !text.contains("Insyn is serving") {
            if !process.isRunning {
                readers.wait()
                throw SocketFailure(description: "insyn serve ended before serving: \(text)")
            }
            usleep(20_000)
        }
    }

    private func collect(_ handle: FileHandle) {
        readers.enter()
        Thread.detachNewThread { [self] in
            while let data = try? handle.readChunkRestartingOnInterrupt(), !data.isEmpty {
                lock.withLock { collected.append(data) }
            }
            readers.leave()
        }
    }

    /// Everything it printed so far, standard output and error together.
    var text: String { lock.withLock { String(decoding: collected, as: UTF8.self) } }

    func signal(_ number: Int32) {
        kill(process.processIdentifier, number)
    }

    /// Waits for the process to end and for its output to be read; its exit status
    /// (128 + the signal for one it did not handle).
    @discardableResult
    func waitForExit() -> Int32 {
        process.waitUntilExit()
        readers.wait()
        return process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    }

    /// Stops it as an operator would (SIGTERM) and returns its exit status.
    @discardableResult
    func stop() -> Int32 {
        guard process.isRunning else { return waitForExit() }
        signal(SIGTERM)
        return waitForExit()
    }
}
