import Foundation
import RegisterCore
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The server killed with SIGKILL while it takes writes, again and again: no write it
/// acknowledged is lost or doubled, and the register stays whole.
@Suite("Crash safety: SIGKILL during writes", .serialized)
struct CrashSafetyTests {
    /// Numbered meetings handed to several writer threads; a write that was not
    /// acknowledged (the server died under it, or was down) goes back to be retried
    /// under the same Idempotency-Key.
    final class Work: @unchecked Sendable {
        private let lock = NSLock()
        private var waiting: [Int]
        private var failures = 0
        let limit = 5_000

        init(count: Int) { waiting = Array((1...count).reversed()) }

        func next() -> Int? { lock.withLock { failures < limit ? waiting.popLast() : nil } }
        func retry(_ number: Int) { lock.withLock { failures += 1; waiting.insert(number, at: 0) } }
        var failed: Int { lock.withLock { failures } }
    }

    @Test func acknowledgedWritesSurviveRepeatedKillsExactlyOnce() throws {
        let insyn = Insyn()
        defer { insyn.cleanUp() }
        let writer = MeetingWriter(token: try insyn.makeWritable())
        let total = 120, kills = 5
        let work = Work(count: total)
        let port = try LocalSocket.freePort()
        var server = try ServerProcess(database: insyn.database, port: port)
        let writers = DispatchGroup()
        for _ in 0..<3 {
            writers.enter()
            Thread.detachNewThread {
                while let number = work.next() {
                    if !writer.write(number, port: port) {
                        work.retry(number)
                        usleep(20_000)
                    }
                }
                writers.leave()
            }
        }
        for round in 1...kills {
            while writer.acknowledgedCount < round * total / (kills + 1), work.failed < work.limit { usleep(2_000) }
            server.signal(SIGKILL)
            #expect(server.waitForExit() == 128 + SIGKILL)
            server = try ServerProcess(database: insyn.database, port: port)
            #expect(server.text.contains("quick_check ok"), "\(server.text)")
        }
        writers.wait()
        #expect(work.failed > 0, "no write was cut short by a kill")
        #expect(writer.acknowledged == Set(1...total), "\(total - writer.acknowledgedCount) writes were never acknowledged")
        #expect(server.stop() == 0)
        print("Crash safety: \(kills) kills, \(work.failed) writes retried, \(writer.replayCount) of them committed before the kill and replayed")

        let register = try Register.open(path: insyn.database)
        #expect(try register.integrityProblems() == [])
        #expect(throws: Never.self) { try register.verifyLedger() }
        let (subjects, records, published, outbox, unmatched) = try register.readDatabase { db in
            (try String.fetchAll(db, sql: "SELECT subject FROM meeting"),
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM meeting_record"),
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM change WHERE type = 'meeting.published'"),
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox"),
             try Int.fetchOne(db, sql: """
                 SELECT COUNT(*) FROM change c WHERE c.public = 1 AND c.entity = 'meeting'
                 AND (SELECT COUNT(*) FROM outbox o WHERE o.change_seq = c.seq) != 1
                 """))
        }
        #expect(subjects.sorted() == (1...total).map(MeetingWriter.subject).sorted(), "each acknowledged meeting once")
        #expect(records == total, "a draft was recorded twice")
        #expect(published == total)
        #expect(outbox == total, "one delivery per published change for the one endpoint")
        #expect(unmatched == 0)
    }
}
