import Foundation
import RegisterCore
import Testing

/// `insyn backup` and `insyn restore`: a consistent copy of a register in use, kept
/// from other users, and put back only once it has passed every check.
@Suite("insyn backup and restore", .serialized)
struct BackupCommandTests {
    func permissions(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    /// Checks a copy as a restore would, and that its tables agree with its ledger: one
    /// record per draft, one public meeting per publication, one delivery per public
    /// meeting change (the endpoint was added after the catalogue).
    func expectConsistent(_ path: String) throws {
        let copy = try Register.open(path: path)
        #expect(try copy.integrityProblems() == [])
        let head = try copy.verifyLedger()
        let counts = try copy.readDatabase { db in
            try ["SELECT COUNT(*) FROM meeting_record", "SELECT COUNT(*) FROM change WHERE type = 'meeting.drafted'",
                 "SELECT COUNT(*) FROM meeting", "SELECT COUNT(*) FROM change WHERE type = 'meeting.published'",
                 "SELECT COUNT(*) FROM outbox", "SELECT COUNT(*) FROM change WHERE public = 1 AND entity = 'meeting'"]
                .map { try Int.fetchOne(db, sql: $0) ?? -1 }
        }
        #expect(counts[0] == counts[1], "records and drafts in \(path) at change \(head.sequence)")
        #expect(counts[2] == counts[3], "meetings and publications in \(path) at change \(head.sequence)")
        #expect(counts[4] == counts[5], "deliveries and public changes in \(path) at change \(head.sequence)")
        try copy.close()
    }

    @Test func backupTakenWhileAnotherProcessWritesIsConsistentAndVerifies() throws {
        let insyn = Insyn()
        defer { insyn.cleanUp() }
        let writer = MeetingWriter(token: try insyn.makeWritable())
        let server = try ServerProcess(database: insyn.database)
        defer { server.stop() }
        let done = DispatchSemaphore(value: 0)
        let stopping = NSLock()
        nonisolated(unsafe) var stop = false
        Thread.detachNewThread {
            var number = 0
            while !stopping.withLock({ stop }), number < 2_000 {
                number += 1
                writer.write(number, port: server.port)
            }
            done.signal()
        }
        var heads: [String] = []
        for round in 1...3 {
            while writer.acknowledgedCount < round * 10 { usleep(10_000) }
            let out = insyn.database + ".backup-\(round)"
            defer { try? FileManager.default.removeItem(atPath: out) }
            let result = try insyn.run(["backup", "--out", out])
            #expect(result.status == 0, "\(result.error)")
            #expect(try permissions(out) == 0o600)
            #expect(!FileManager.default.fileExists(atPath: out + "-wal"))
            try expectConsistent(out)
            let verified = try Insyn(at: out).run(["verify"])
            #expect(verified.status == 0, "\(verified.error)")
            heads.append(verified.output)
        }
        stopping.withLock { stop = true }
        done.wait()
        #expect(Set(heads).count == 3, "each backup is of a later moment: \(heads)")
        #expect(server.stop() == 0)
    }

    @Test func backupRefusesToReplaceAFileUnlessForced() throws {
        let insyn = Insyn()
        defer { insyn.cleanUp() }
        #expect(try insyn.run(["init"]).status == 0)
        let out = insyn.database + ".backup"
        defer { try? FileManager.default.removeItem(atPath: out) }
        try Data("someone else's file".utf8).write(to: URL(fileURLWithPath: out))
        let refused = try insyn.run(["backup", "--out", out])
        #expect(refused.status == 1)
        #expect(refused.error == "Error: \(out) already exists; add --force to replace it\n")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "someone else's file")
        let forced = try insyn.run(["backup", "--out", out, "--force"])
        #expect(forced.status == 0, "\(forced.error)")
        #expect(try permissions(out) == 0o600)
        #expect(try Insyn(at: out).run(["verify"]).status == 0)
    }

    @Test func restorePutsAVerifiedCopyInPlaceAndRefusesToReplaceWithoutForce() throws {
        let insyn = Insyn()
        defer { insyn.cleanUp() }
        _ = try insyn.makeWritable()
        let backup = insyn.database + ".backup"
        #expect(try insyn.run(["backup", "--out", backup]).status == 0)
        let target = Insyn()
        defer { target.cleanUp(); try? FileManager.default.removeItem(atPath: backup) }
        let restored = try target.run(["restore", "--from", backup])
        #expect(restored.status == 0, "\(restored.error)")
        #expect(restored.output.contains("integrity ok"))
        #expect(try target.run(["ledger", "head"]).output == insyn.run(["ledger", "head"]).output)
        #expect(try permissions(target.database) == 0o600)

        _ = try target.run(["unit", "add", "--from", "-"], input: #"{"name": "Kulturnämnden", "kind": "board"}"#)
        let head = try target.run(["ledger", "head"]).output
        let refused = try target.run(["restore", "--from", backup])
        #expect(refused.status == 1)
        #expect(refused.error.contains("a register is already at \(target.database); add --force"), "\(refused.error)")
        #expect(try target.run(["ledger", "head"]).output == head)

        let server = try ServerProcess(database: target.database)
        let inUse = try target.run(["restore", "--from", backup, "--force"])
        #expect(inUse.status == 1)
        #expect(inUse.error.contains("is in use by another program"), "\(inUse.error)")
        #expect(server.stop() == 0)
        #expect(try target.run(["ledger", "head"]).output == head)

        let forced = try target.run(["restore", "--from", backup, "--force"])
        #expect(forced.status == 0, "\(forced.error)")
        #expect(try target.run(["ledger", "head"]).output == insyn.run(["ledger", "head"]).output)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)
            .filter { $0.hasPrefix("." + URL(fileURLWithPath: target.database).lastPathComponent) }
        #expect(leftovers == [])
    }

    @Test func restoreRefusesACopyThatFailsAnyCheckAndLeavesTheRegisterAlone() throws {
        let insyn = Insyn()
        defer { insyn.cleanUp() }
        _ = try insyn.makeWritable()
        let backup = Insyn(at: insyn.database + ".backup")
        defer { backup.cleanUp() }
        let target = Insyn()
        defer { target.cleanUp() }
        #expect(try target.run(["init"]).status == 0)
        let head = try target.run(["ledger", "head"]).output
        let cases: [(String, (Insyn) throws -> Void, String)] = [
            ("altered", { try $0.tamper(#"UPDATE change SET body = replace(body, '"at":"2', '"at":"1') WHERE seq = 2"#) },
             "does not verify: change 2"),
            ("newer", { try $0.tamper("INSERT INTO grdb_migrations VALUES ('v99-from-the-future')") }, "made by a newer Insyn"),
            ("not a register", { try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: $0.database)) }, "damaged or is not an Insyn register"),
        ]
        for (name, damage, message) in cases {
            backup.cleanUp()
            #expect(try insyn.run(["backup", "--out", backup.database]).status == 0)
            try damage(backup)
            let result = try target.run(["restore", "--from", backup.database, "--force"])
            #expect(result.status == 1, "\(name)")
            #expect(result.error.contains(message), "\(name): \(result.error)")
            #expect(result.error.split(separator: "\n").count == 1, "\(name): \(result.error)")
            #expect(try target.run(["ledger", "head"]).output == head, "\(name)")
        }
    }
}
