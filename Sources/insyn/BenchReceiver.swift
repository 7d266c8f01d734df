import Delivery
import Foundation

/// The local HTTP receiver both sides of `bench push` send to: Tests/DeliveryTests/
/// Fixtures/receiver.py in counting mode, in a child process that ends with us.
final class BenchReceiver {
    let port: Int
    private let process: Process
    private let input: Pipe
    private let control = CurlHTTPClient(configuration: .init(connectTimeout: .seconds(5), timeout: .seconds(10)))

    init(script: String) throws {
        guard FileManager.default.fileExists(atPath: script) else {
            throw CLIError("no receiver script at \(script); run from the repository's root or pass --receiver PATH")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, "0", "--quiet-record", "--exit-on-stdin-eof"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = try output.fileHandleForReading.readChunkRestartingOnInterrupt()
            guard !chunk.isEmpty else { throw CLIError("the receiver \(script) exited before printing its port") }
            line.append(chunk)
        }
        let text = String(decoding: line.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
        guard text.hasPrefix("PORT "), let port = Int(text.dropFirst(5)) else {
            process.terminate()
            throw CLIError("the receiver printed \(text.debugDescription) instead of its port")
        }
        self.port = port
        self.process = process
        self.input = input
    }

    deinit {
        try? input.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    var url: String { "http://127.0.0.1:\(port)/hook" }

    /// A CKAN site's base URL: the receiver answers its `datastore_upsert` like CKAN.
    var ckanURL: String { "http://127.0.0.1:\(port)/ckan" }

    private struct Stats: Decodable {
        let count: Int
        let records: Int
    }

    /// Requests received since the last reset.
    func count() throws -> Int {
        try stats().count
    }

    /// Records received in accepted `datastore_upsert` requests since the last reset.
    func records() throws -> Int {
        try stats().records
    }

    private func stats() throws -> Stats {
        let response = try control.send(HTTPRequest(url: "http://127.0.0.1:\(port)/_stats"))
        return try JSONDecoder().decode(Stats.self, from: Data(response.body))
    }

    func reset() throws {
        _ = try control.send(HTTPRequest(method: .post, url: "http://127.0.0.1:\(port)/_reset"))
    }
}
