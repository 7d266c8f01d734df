import Foundation
import GRDB
import Testing
@testable import RegisterCore

@Suite("Durable, all-or-nothing writes, and a database only the register writes")
struct DurabilityTests {
    private static let busyMessage = "the register is busy (another write is in progress); try again"

    @Test func everyConnectionSyncsEachCommitToDisk() throws {
        let file = TemporaryRegisterFile()
        for register in [try Register.open(path: file.path), try Register.inMemory()] {
            let reading = try register.readDatabase { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
            let writing = try register.inOneTransaction { shared in
                try shared.readDatabase { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
            }
            #expect(reading == 2, "synchronous = FULL")
            #expect(writing == 2, "synchronous = FULL on the connection that commits")
        }
    }

    @Test func readDatabaseRefusesWrites() throws {
        let file = TemporaryRegisterFile()
        for register in [try Register.open(path: file.path), try Register.inMemory()] {
            let failure = try #require(throws: RegisterFailure.self) {
                try register.readDatabase { db in try db.execute(sql: "INSERT INTO unit(name, kind, updated_seq) VALUES ('Smuggled', 'board', 0)") }
            }
            #expect(failure.kind == .readOnly)
            #expect(try register.units().isEmpty)
        }
    }

    @Test func recordAndPublishIsOneTransaction() throws {
        let fixture = try TestRegister(onFile: true)
        try fixture.tamper("CREATE TRIGGER reject_publication BEFORE INSERT ON meeting BEGIN SELECT RAISE(ABORT, 'rejected'); END")
        let before = try fixture.snapshot()

        #expect(throws: RegisterFailure.self) { try fixture.register.recordAndPublishMeeting(fixture.meeting(), by: .shell) }
        #expect(try fixture.snapshot() == before, "no draft is left when publishing fails")

        try fixture.tamper("DROP TRIGGER reject_publication")
        let id = try fixture.register.recordAndPublishMeeting(fixture.meeting(), by: .shell)
        #expect(try fixture.register.storedMeetings().map(\.status) == [.published])
        #expect(try fixture.register.publicMeeting(id)?.recordedAt == (try fixture.register.publicMeeting(id)?.publishedAt))
    }

    @Test func demoIsAllOrNothing() throws {
        let file = TemporaryRegisterFile()
        let register = try Register.open(path: file.path)
        try file.tamper("""
            CREATE TRIGGER fail_part_way BEFORE INSERT ON meeting_record WHEN (SELECT COUNT(*) FROM meeting_record) >= 100
            BEGIN SELECT RAISE(ABORT, 'injected failure'); END
            """)
        #expect(throws: RegisterFailure.self) { try DemoRegister.load(into: register) }
        #expect(try register.isEmpty())
        #expect(try register.units().isEmpty)
        #expect(try register.settings().bodyName != "Exempelregionen (fiktiva demodata)")

        try file.tamper("DROP TRIGGER fail_part_way")
        try DemoRegister.load(into: register)
        #expect(try register.storedMeetings().count == DemoRegister.meetingCount)
        #expect(try register.verifyLedger().sequence > 700)
    }

    @Test func refusedWriteInsideOneTransactionChangesNothing() throws {
        let fixture = try TestRegister()
        let before = try fixture.snapshot()
        let units = try fixture.register.inOneTransaction { shared in
            #expect(throws: ValidationError.self) {
                try shared.add(Official(name: "Utan enhet", title: "Handläggare", kind: .staff, unit: 999, activeFrom: Day("2024-01-01")!), by: .shell)
            }
            return try shared.units().count
        }
        #expect(units == 1)
        #expect(try fixture.snapshot() == before)
    }

    @Test func writeThatWaitsTooLongForTheLockSaysTheRegisterIsBusy() throws {
        let file = TemporaryRegisterFile()
        let register = try Register.open(path: file.path, busyTimeout: 0.2)
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        let other = try DatabaseQueue(path: file.path, configuration: configuration)
        try other.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }

        let failure = try #require(throws: RegisterFailure.self) { try register.add(Unit(name: "Regionstyrelsen", kind: .board), by: .shell) }
        #expect(failure.kind == .busy)
        #expect(failure.description == Self.busyMessage)
        #expect(String(describing: failure) == Self.busyMessage)
        #expect(failure.detail.contains("SQLite error 5"), "the detail is kept for developers")

        try other.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") }
        try other.close()
        try register.add(Unit(name: "Regionstyrelsen", kind: .board), by: .shell)
        #expect(try register.units().count == 1)
    }

    @Test func databaseFailuresNameNoSQL() throws {
        let fixture = try TestRegister(onFile: true)
        try fixture.tamper("CREATE TRIGGER reject_units BEFORE INSERT ON unit BEGIN SELECT RAISE(ABORT, 'rejected'); END")
        let failure = try #require(throws: RegisterFailure.self) { try fixture.register.add(Unit(name: "Kulturnämnden", kind: .committee), by: .shell) }
        #expect(failure.kind == .refused)
        #expect(failure.detail.contains("INSERT"))
        for word in ["INSERT", "SELECT", "BEGIN", "unit(", "`"] { #expect(!failure.description.contains(word)) }
    }
}
