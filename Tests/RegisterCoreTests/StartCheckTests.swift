import Foundation
import GRDB
import Testing
@testable import RegisterCore

/// The check `insyn serve` runs at start recomputes the newest changes and the link
/// into them; older ones are `verifyLedger`'s (and the nightly backup's) to check.
@Suite("The start check of a register")
struct StartCheckTests {
    /// TestRegister's five catalogue changes, the newest three checked and the one before as the anchor.
    func register() throws -> Register {
        try TestRegister().register
    }

    func alter(_ register: Register, sequence: Int64) throws {
        try register.writer.write { db in
            try db.execute(sql: #"UPDATE change SET body = replace(body, '"at":"2', '"at":"1') WHERE seq = ?"#, arguments: [sequence])
        }
    }

    @Test func aSoundRegisterPassesWithItsHeadAndHowManyChangesWereRecomputed() throws {
        let register = try register()
        let check = try register.checkBeforeServing(changes: 3)
        #expect(check.head == (try register.ledgerHead()))
        #expect(check.head.sequence == 5)
        #expect(check.checkedChanges == 4)
        #expect(check.schema == Schema.migrator.migrations.last)
        #expect(try register.checkBeforeServing().checkedChanges == 5)
    }

    @Test func anAlteredChangeInTheWindowOrItsAnchorIsFound() throws {
        for sequence: Int64 in [5, 3, 2] {
            let register = try register()
            try alter(register, sequence: sequence)
            #expect(throws: RegisterDamage.self) { try register.checkBeforeServing(changes: 3) }
            do {
                _ = try register.checkBeforeServing(changes: 3)
            } catch let damage as RegisterDamage {
                #expect(damage.description.contains("change \(sequence)"), "\(damage)")
            }
        }
    }

    @Test func aChangeOlderThanTheWindowIsLeftToTheFullVerify() throws {
        let register = try register()
        try alter(register, sequence: 1)
        #expect(try register.checkBeforeServing(changes: 3).head.sequence == 5)
        #expect(throws: LedgerFailure.self) { try register.verifyLedger() }
    }

    @Test func aRegisterMadeByANewerProgramIsRefusedWhenOpened() throws {
        let file = TemporaryRegisterFile()
        _ = try Register.open(path: file.path)
        let queue = try DatabaseQueue(path: file.path)
        try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99-from-the-future')") }
        try queue.close()
        #expect(throws: RegisterDamage.self) { try Register.open(path: file.path) }
    }
}
