import Foundation
import GRDB
import Testing
@testable import RegisterCore

/// A small register with one of each catalogue kind, for tests.
struct TestRegister {
    let register: Register
    /// The register's file, when it has one (`onFile`): tamper tests need a connection of their own.
    let file: TemporaryRegisterFile?
    let unit: Int64
    let official: Int64
    let organisation: Int64
    let client: Int64
    let issue: Int64

    init(clock: @escaping @Sendable () -> Date = { Timestamp.parse("2026-11-23T12:00:00Z")! }, onFile: Bool = false) throws {
        file = onFile ? TemporaryRegisterFile() : nil
        register = try file.map { try Register.open(path: $0.path, clock: clock) } ?? Register.inMemory(clock: clock)
        unit = try register.add(Unit(name: "Regionstyrelsen", kind: .board), by: .shell)
        official = try register.add(Official(name: "Anna Lindqvist", title: "Regionråd", kind: .elected, party: "S", unit: unit,
                                             activeFrom: Day("2022-11-01")!), by: .shell)
        organisation = try register.add(Organisation(name: "Nordvind Kommunikation AB", kind: .consultancy,
                                                     organisationNumber: "556802-3450"), by: .shell)
        client = try register.add(Organisation(name: "Klarälvens Energi AB", kind: .company, organisationNumber: "5567101232"), by: .shell)
        issue = try register.add(Issue(title: "Dubbelspår på Exempelbanan", summary: "Utbyggnad.", position: "För.", unit: unit), by: .shell)
    }

    func meeting(summary: String = "Vi diskuterade tidplanen.", withheld: [MeetingField: Withholding] = [:],
                 people: [CounterpartPerson] = [CounterpartPerson(name: "Ulrika Fors", role: "VD")]) -> Meeting {
        Meeting(startsAt: Timestamp.parse("2026-11-20T13:30:00Z")!, durationMinutes: 60, place: "Regionens hus",
                format: .inPerson, direction: .inbound, initiator: .counterpart, participants: [official],
                counterparts: [Counterpart(organisation: organisation, onBehalfOf: client, people: people)],
                issues: [issue], subject: "Värmlandsbanan och godstrafiken", summary: summary,
                documents: [MeetingDocument(title: "Skrivelse", direction: .received)], withheld: withheld)
    }

    /// A fingerprint of every table, to show that a failed write changed nothing.
    func snapshot() throws -> [String] {
        try register.readDatabase { db in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'meeting_search%' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            return try tables.map { table in
                "\(table): " + (try Row.fetchAll(db, sql: "SELECT * FROM \(table)").map(\.description).joined(separator: "|"))
            }
        }
    }
}

/// A register file in the temporary directory, removed with its WAL when released.
final class TemporaryRegisterFile: Sendable {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("insyn-test-\(UUID().uuidString).sqlite").path

    /// Runs `sql` on a connection of its own, as someone changing the file behind
    /// the register's back would.
    func tamper(_ sql: String) throws {
        let connection = try DatabaseQueue(path: path)
        try connection.write { db in try db.execute(sql: sql) }
        try connection.close()
    }

    deinit {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}

extension TestRegister {
    func tamper(_ sql: String) throws {
        try #require(file, "tampering needs a register on a file: TestRegister(onFile: true)").tamper(sql)
    }
}

/// Sequences of exported ledger lines, for tampering with.
func ledgerLines(_ register: Register, view: LedgerView) throws -> [[UInt8]] {
    var lines: [[UInt8]] = []
    try register.forEachLedgerEntry { lines.append($0.line(view: view)) }
    return lines
}

func verify(_ lines: [[UInt8]]) -> LedgerFailure? {
    var verifier = LedgerVerifier()
    for (index, line) in lines.enumerated() {
        do { try verifier.check(line: line, lineNumber: index + 1) } catch { return error }
    }
    return nil
}
