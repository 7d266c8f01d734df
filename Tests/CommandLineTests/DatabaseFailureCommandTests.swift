import Foundation
import Testing

extension Insyn {
    /// Runs `sql` with the sqlite3 program on the register's file: a connection of its
    /// own, as someone changing the file behind the register's back would.
    func tamper(_ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = ["-bail", "-cmd", ".timeout 5000", database, sql]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "sqlite3 failed: \(sql)")
    }
}

@Suite("Database failures on the command line: all or nothing, and told without SQL")
struct DatabaseFailureCommandTests {
    static let meeting = #"{"startsAt": "2026-11-20T14:30", "durationMinutes": 60, "place": "Rum", "format": "video", "direction": "inbound", "initiator": "us", "participants": [1], "counterparts": [{"organisation": 1}], "issues": [1], "subject": "Banan", "summary": "Samtal"}"#

    @Test func addWithPublishRecordsAndPublishesTogetherOrNotAtAll() throws {
        let insyn = Insyn()
        defer { insyn.cleanUp() }
        #expect(try insyn.run(["init"]).status == 0)
        #expect(try insyn.run(["unit", "add", "--from", "-"], input: #"{"name": "Regionstyrelsen", "kind": "board"}"#).status == 0)
        #expect(try insyn.run(["official", "add", "--from", "-"],
                              input: #"{"name": "Anna", "title": "Regionråd", "kind": "elected", "unit": 1, "activeFrom": "2022-01-01"}"#).status == 0)
        #expect(try insyn.run(["org", "add", "--from", "-"], input: #"{"name": "Nordvind AB", "kind": "consultancy"}"#).status == 0)
        #expect(try insyn.run(["issue", "add", "--from", "-"], input: #"{"title": "Banan", "summary": "S", "position": "P", "unit": 1}"#).status == 0)
        let head = try insyn.run(["ledger", "head"]).output
        try insyn.tamper("CREATE TRIGGER reject_publication BEFORE INSERT ON meeting BEGIN SELECT RAISE(ABORT, 'rejected'); END")

        let refused = try insyn.run(["meeting", "add", "--publish", "--from", "-"], input: Self.meeting)
        #expect(refused.status == 1)
        #expect(refused.error == "Error: the register's database refused the change; nothing was changed\n")
        #expect(try insyn.run(["meeting", "list"]).output == "", "no draft is left behind")
        #expect(try insyn.run(["ledger", "head"]).output == head)

        try insyn.tamper("DROP TRIGGER reject_publication")
        #expect(try insyn.run(["meeting", "add", "--publish", "--from", "-"], input: Self.meeting).output == "1\n")
        #expect(try insyn.run(["meeting", "list"]).output.split(separator: "\t").dropFirst().first == "published")
    }

    @Test func fileThatIsNotARegisterIsToldWithoutSQL() throws {
        let insyn = Insyn()
        defer { insyn.cleanUp() }
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: insyn.database))
        let result = try insyn.run(["unit", "list"])
        #expect(result.status == 1)
        #expect(result.error == "Error: the register's file is damaged or is not an Insyn register\n")
    }
}
