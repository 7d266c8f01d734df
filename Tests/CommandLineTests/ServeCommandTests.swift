import Delivery
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `insyn serve` as an operator starts it: from any directory, on a port that may be
/// taken, facing clients that connect and send nothing.
@Suite("insyn serve", .serialized)
struct ServeCommandTests {
    /// A running `insyn serve`, started in `directory`, stopped with SIGINT.
    final class Server {
        let process = Process()
        let output = Pipe()
        let port: Int

        init(_ insyn: Insyn, in directory: URL, arguments: [String] = []) throws {
            port = try LocalSocket.freePort()
            process.executableURL = Insyn.binary
            process.arguments = ["--db", insyn.database, "serve", "--no-push", "--port", String(port)] + arguments
            process.currentDirectoryURL = directory
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            var announced = ""
            while !announced.contains("Insyn is serving") {
                let data = try output.fileHandleForReading.readChunkRestartingOnInterrupt()
                if data.isEmpty { throw SocketFailure(description: "insyn serve ended before serving: \(announced)") }
                announced += String(decoding: data, as: UTF8.self)
            }
        }

        func stop() {
            kill(process.processIdentifier, SIGINT)
            process.waitUntilExit()
        }
    }

    func elsewhere() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("insyn-elsewhere-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func schemaIsServedWhenStartedFromAnotherWorkingDirectory() throws {
        let insyn = Insyn()
        defer { insyn.cleanUp() }
        #expect(try insyn.run(["init"]).status == 0)
        let directory = try elsewhere()
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try Server(insyn, in: directory)
        defer { server.stop() }
        for name in ["register", "change"] {
            let response = try LocalSocket.get("/schema/\(name).schema.json", port: server.port)
            #expect(response.hasPrefix("HTTP/1.1 200"), "\(name): \(response.prefix(200))")
            #expect(response.contains("https://json-schema.org/draft/2020-12/schema"))
        }
    }

    @Test func idleAndSlowConnectionsAreClosed() throws {
        let insyn = Insyn()
        defer { insyn.cleanUp() }
        #expect(try insyn.run(["init"]).status == 0)
        let server = try Server(insyn, in: try elsewhere(), arguments: ["--idle-timeout", "300ms"])
        defer { server.stop() }
        let idle = try LocalSocket.connect(port: server.port)
        #expect(try idle.readToEnd().isEmpty)
        let slow = try LocalSocket.connect(port: server.port)
        try slow.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        _ = try slow.readToEnd()
        #expect(try LocalSocket.get("/healthz", port: server.port).hasPrefix("HTTP/1.1 200"))
    }

    @Test func portInUseIsAnErrorBeforeServing() throws {
        let insyn = Insyn()
        defer { insyn.cleanUp() }
        #expect(try insyn.run(["init"]).status == 0)
        let (holder, port) = try LocalSocket.listening()
        defer { _ = holder }
        let result = try insyn.run(["serve", "--no-push", "--port", String(port)])
        #expect(result.status != 0)
        #expect(!result.output.contains("serving"), "it said it was serving: \(result.output)")
        let lines = result.error.split(separator: "\n")
        #expect(lines.count == 1, "\(result.error)")
        #expect(result.error.contains("127.0.0.1:\(port) is already in use"), "\(result.error)")
    }
}
