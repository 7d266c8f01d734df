import Foundation
import RegisterCore
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `insyn serve` at its start and its stop: it refuses a register that fails its checks,
/// saying why in one line, and a signal stops it only after what was in flight is done.
@Suite("insyn serve: checks at start, a clean stop", .serialized)
struct ServeLifecycleTests {
    func expectRefusal(_ insyn: Insyn, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let port = try LocalSocket.freePort()
        let result = try insyn.run(["serve", "--no-push", "--port", String(port)])
        #expect(result.status == 1, sourceLocation: sourceLocation)
        #expect(!result.output.contains("Insyn is serving"), "\(result.output)", sourceLocation: sourceLocation)
        let lines = result.error.split(separator: "\n")
        #expect(lines.count == 1, "\(result.error)", sourceLocation: sourceLocation)
        #expect(result.error.hasPrefix("Error: ") && result.error.contains(message), "\(result.error)", sourceLocation: sourceLocation)
    }

    @Test func startsOnASoundRegisterSayingWhatItChecked() throws {
        let insyn = Insyn()
        defer { insyn.cleanUp() }
        _ = try insyn.makeWritable()
        let server = try ServerProcess(database: insyn.database)
        #expect(server.text.contains("quick_check ok, ledger head 4 verified (the newest 4 changes recomputed"), "\(server.text)")
        #expect(server.stop() == 0)
    }

    @Test func refusesARegisterWhoseNewestChangeWasAltered() throws {
        let insyn = Insyn()
        defer { insyn.cleanUp() }
        _ = try insyn.makeWritable()
        try insyn.tamper(#"UPDATE change SET body = replace(body, '"at":"2', '"at":"1') WHERE seq = 4"#)
        try expectRefusal(insyn, "the ledger's head does not verify: change 4 does not verify: its content does not match its hash")
    }

    @Test func refusesARegisterWhoseHeadNoLongerFollowsTheChangeBefore() throws {
        let insyn = Insyn()
        defer { insyn.cleanUp() }
        _ = try insyn.makeWritable()
        try insyn.tamper("DELETE FROM change WHERE seq = 3")
        try expectRefusal(insyn, "the ledger's head does not verify")
    }

    @Test func refusesARegisterMadeByANewerInsyn() throws {
        let insyn = Insyn()
        defer { insyn.cleanUp() }
        #expect(try insyn.run(["init"]).status == 0)
        try insyn.tamper("INSERT INTO grdb_migrations VALUES ('v99-from-the-future')")
        try expectRefusal(insyn, "the register was made by a newer Insyn (its schema has v99-from-the-future")
    }

    @Test func refusesADamagedFile() throws {
        let insyn = Insyn()
        defer { insyn.cleanUp() }
        _ = try insyn.makeWritable()
        // Overwrite the index of changes by entity with garbage: its pages no longer form a b-tree.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [insyn.database, "PRAGMA wal_checkpoint(TRUNCATE); SELECT rootpage FROM sqlite_master WHERE name = 'change_entity'"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
        let lines = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n")
        let page = try #require(lines.last.flatMap { Int($0) })
        let file = try FileHandle(forWritingTo: URL(fileURLWithPath: insyn.database))
        try file.seek(toOffset: UInt64((page - 1) * 4096))
        file.write(Data(repeating: 0xA5, count: 4096))
        try file.close()
        try expectRefusal(insyn, "damaged")
    }

    /// Waits until the server no longer accepts connections: it has begun to stop.
    func waitUntilRefused(_ port: Int) throws {
        for _ in 0..<1_000 {
            guard (try? LocalSocket.connect(port: port)) != nil else { return }
            usleep(10_000)
        }
        Issue.record("the server kept accepting connections after the signal")
    }

    @Test func interruptFinishesTheRequestInFlightThenClosesTheRegister() throws {
        let insyn = Insyn()
        defer { insyn.cleanUp() }
        let token = try insyn.makeWritable()
        let server = try ServerProcess(database: insyn.database)
        let body = Insyn.meeting(subject: "Under avstängning")
        let split = body.utf8.count / 2
        let client = try LocalSocket.connect(port: server.port)
        // A GET pipelined before the POST: once its answer has come, the server has read the POST's head.
        try client.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                        + "POST /api/v1/meetings HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAuthorization: Bearer \(token)\r\n"
                        + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + String(body.utf8.prefix(split))!)
        let first = try client.readRequestHead()
        #expect(first.hasPrefix("HTTP/1.1 200"))
        server.signal(SIGINT)
        try waitUntilRefused(server.port)
        try client.send(String(body.utf8.dropFirst(split))!)
        let rest = String(decoding: try client.readToEnd(), as: UTF8.self)
        let answer = try LocalSocket.parse(String(rest[rest.range(of: "HTTP/1.1 ")!.lowerBound...]))
        #expect(answer.status == 201, "\(answer.body)")
        #expect(server.waitForExit() == 0, "\(server.text)")
        #expect(server.text.contains("register closed"))
        let log = (try? FileManager.default.attributesOfItem(atPath: insyn.database + "-wal")[.size] as? Int) ?? 0
        #expect(log == 0, "the register was not closed: its write-ahead log still holds \(log) bytes")
        #expect(try insyn.run(["meeting", "list"]).output.contains("Under avstängning"))
    }

    @Test func terminateFinishesTheDeliveryUnderWay() throws {
        let insyn = Insyn()
        defer { insyn.cleanUp() }
        #expect(try insyn.run(["init"]).status == 0)
        let (receiver, receiverPort) = try LocalSocket.listening()
        #expect(try insyn.run(["endpoint", "add", "--url", "http://127.0.0.1:\(receiverPort)/hook", "--kind", "webhook"]).status == 0)
        #expect(try insyn.run(["unit", "add", "--from", "-"], input: #"{"name": "Regionstyrelsen", "kind": "board"}"#).status == 0)
        let server = try ServerProcess(database: insyn.database, arguments: [])
        let delivery = try receiver.accept()
        let head = try delivery.readRequestHead()
        #expect(head.hasPrefix("POST /hook"))
        server.signal(SIGTERM)
        try waitUntilRefused(server.port)
        try delivery.send("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n")
        #expect(server.waitForExit() == 0, "\(server.text)")
        let register = try Register.open(path: insyn.database)
        let states = try register.readDatabase { db in try String.fetchAll(db, sql: "SELECT state FROM outbox") }
        #expect(states == ["delivered"])
    }
}
