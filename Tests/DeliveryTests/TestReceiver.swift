import Delivery
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One request as the receiver saw it, with the behaviour it was answered with.
struct ReceivedRequest: Decodable, Sendable {
    let seq: Int
    let method: String
    let path: String
    let headers: [String: String]
    let body: String
    let peerPort: Int
    let behaviour: String
    /// Nil when the behaviour was `close`.
    let status: Int?
}

enum TestReceiverError: Error, CustomStringConvertible {
    case scriptMissing
    case startFailed(String)
    case controlFailed(status: Int, body: String)

    var description: String {
        switch self {
        case .scriptMissing: "Fixtures/receiver.py is not in the test bundle"
        case .startFailed(let reason): "receiver.py did not start: \(reason)"
        case .controlFailed(let status, let body): "control call answered \(status): \(body)"
        }
    }
}

/// A real HTTP/1.1 server (Fixtures/receiver.py) in a child process, so the client is
/// tested over sockets against scripted failures rather than against a fake.
final class TestReceiver {
    let port: Int
    private let process: Process
    private let input: Pipe
    private let control: CurlHTTPClient

    init(quietRecord: Bool = false) throws {
        guard let script = Bundle.module.url(forResource: "receiver", withExtension: "py", subdirectory: "Fixtures") else {
            throw TestReceiverError.scriptMissing
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, "0", "--exit-on-stdin-eof"] + (quietRecord ? ["--quiet-record"] : [])
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()

        var firstLine = Data()
        while !firstLine.contains(UInt8(ascii: "\n")) {
            let chunk = try output.fileHandleForReading.readChunkRestartingOnInterrupt()
            guard !chunk.isEmpty else {
                process.waitUntilExit()
                throw TestReceiverError.startFailed("exited with status \(process.terminationStatus)")
            }
            firstLine.append(chunk)
        }
        let line = String(decoding: firstLine.prefix(while: { $0 != UInt8(ascii: "\n") }), as: UTF8.self)
        guard line.hasPrefix("PORT "), let port = Int(line.dropFirst(5)) else {
            process.terminate()
            throw TestReceiverError.startFailed("unexpected first line \(line.debugDescription)")
        }
        self.port = port
        self.process = process
        self.input = input
        control = CurlHTTPClient(configuration: .init(
            connectTimeout: .seconds(5), timeout: .seconds(10), maxResponseBodyBytes: 256 << 20
        ))
    }

    deinit {
        stop()
    }

    func url(_ path: String = "/hook") -> String {
        "http://127.0.0.1:\(port)\(path)"
    }

    /// Behaviours answer the next requests one each, then `defaultBehaviour` applies.
    func setScript(_ script: [String], default defaultBehaviour: String = "ok") throws {
        let body = try JSONSerialization.data(withJSONObject: ["script": script, "default": defaultBehaviour])
        try call(.post, "/_control", body: Array(body))
    }

    func received() throws -> [ReceivedRequest] {
        try JSONDecoder().decode([ReceivedRequest].self, from: Data(call(.get, "/_received")))
    }

    /// Requests seen since the last reset; the only record kept with `quietRecord`.
    func count() throws -> Int {
        struct Stats: Decodable { let count: Int }
        return try JSONDecoder().decode(Stats.self, from: Data(call(.get, "/_stats"))).count
    }

    func reset() throws {
        try call(.post, "/_reset")
    }

    func stop() {
        guard process.isRunning else { return }
        try? input.fileHandleForWriting.close()
        process.terminate()
        process.waitUntilExit()
    }

    @discardableResult
    private func call(_ method: HTTPMethod, _ path: String, body: [UInt8] = []) throws -> [UInt8] {
        let headers: [(name: String, value: String)] = body.isEmpty ? [] : [("Content-Type", "application/json")]
        let response = try control.send(HTTPRequest(method: method, url: url(path), headers: headers, body: body))
        guard response.isSuccess else {
            throw TestReceiverError.controlFailed(status: response.status, body: String(decoding: response.body, as: UTF8.self))
        }
        return response.body
    }
}

/// A TCP port bound on 127.0.0.1 without listening: connections to it are refused, and
/// no other process can take the port while this is alive.
final class RefusingPort {
    let port: Int
    private let descriptor: Int32

    init() throws {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw TestReceiverError.startFailed("socket: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard bound else {
            close(descriptor)
            throw TestReceiverError.startFailed("bind: errno \(errno)")
        }
        self.descriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit {
        close(descriptor)
    }
}
