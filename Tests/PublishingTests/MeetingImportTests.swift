import Foundation
import GRDB
import Publishing
import Testing
import RegisterCore

/// `insyn import`'s library path: a meetings CSV (or an export's set of CSV files)
/// read back into import rows and recorded through the register's batch write path.
@Suite("Importing meetings")
struct MeetingImportTests {
    private static let header = MeetingRow.header.joined(separator: ",")

    /// The export's files of `register`, by entity.
    private func export(_ register: Register) throws -> [RegisterCSVExport.Entity: [UInt8]] {
        var files: [RegisterCSVExport.Entity: [UInt8]] = [:]
        for entity in RegisterCSVExport.Entity.allCases {
            let sink = BufferSink()
            try RegisterCSVExport().write(entity, register, to: sink)
            files[entity] = sink.take()
        }
        return files
    }

    /// The public content of each published meeting in a meetings CSV: every column
    /// but the ids, addresses and times the register sets itself.
    private func content(_ csv: [UInt8]) throws -> [[String: String]] {
        let records = try CSVReader.records(csv)
        let header = records[0].fields
        let own: Set<String> = ["id", "uri", "url", "version", "participant_ids", "organisation_ids", "on_behalf_of_ids", "issue_ids",
                                "recorded_at", "published_at", "updated_at", "correction_reason", "withdrawn_at", "withdrawal_reason"]
        return records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0.fields)) }
            .filter { $0["status"] == "published" }
            .map { $0.filter { !own.contains($0.key) } }
    }

    private func csv(_ rows: [String]) -> [UInt8] {
        Array(([Self.header] + rows).joined(separator: "\r\n").utf8)
    }

    /// A meetings CSV row with the given cells, the rest as a plain published meeting names them.
    private func row(_ cells: [String: String]) -> String {
        let defaults = [
            "status": "published", "starts_at": "2026-10-05T10:00:00+02:00", "duration_minutes": "60", "place": "Regionens hus",
            "format": "in-person", "direction": "inbound", "initiator": "counterpart", "participants": "Anna Lindqvist",
            "organisations": "Nordvind Kommunikation AB", "people": "Ulrika Fors (VD)", "issues": "Dubbelspår på Exempelbanan",
            "subject": "Godstrafiken", "summary": "Vi talade om godstrafiken.",
        ]
        return MeetingRow.header.map { column in
            let value = cells[column] ?? defaults[column] ?? ""
            return value.contains(",") || value.contains("\"") || value.contains("\n") ? "\"\(value.replacingOccurrences(of: "\"", with: "\"\""))\"" : value
        }.joined(separator: ",")
    }

    /// A register with one of each catalogue record the rows name.
    private struct Fixture {
        let register: Register
        let official: Int64
        let organisation: Int64
        let client: Int64
        let issue: Int64

        init() throws {
            register = try Register.inMemory()
            let unit = try register.add(Unit(name: "Regionstyrelsen", kind: .board), by: .shell)
            official = try register.add(Official(name: "Anna Lindqvist", title: "Regionråd", kind: .elected, party: "S", unit: unit,
                                                 activeFrom: Day("2022-11-01")!), by: .shell)
            organisation = try register.add(Organisation(name: "Nordvind Kommunikation AB", kind: .consultancy,
                                                         organisationNumber: "556802-3450"), by: .shell)
            client = try register.add(Organisation(name: "Klarälvens Energi AB", kind: .company), by: .shell)
            issue = try register.add(Issue(title: "Dubbelspår på Exempelbanan", summary: "Utbyggnad.", position: "För.", unit: unit), by: .shell)
        }

        /// Every table's rows, to show that nothing changed.
        func snapshot() throws -> [String] {
            try register.readDatabase { db in
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").map { table in
                    "\(table): " + (try Row.fetchAll(db, sql: "SELECT * FROM \(table)").map(\.description).joined(separator: "|"))
                }
            }
        }
    }

    private func read(_ bytes: [UInt8], catalogue: MeetingCSVImport.Catalogue? = nil) -> MeetingCSVImport.Result {
        MeetingCSVImport(timeZone: RegisterSettings.defaultTimeZone, catalogue: catalogue).read(bytes)
    }

    @Test func anExportImportsIntoAnEmptyRegisterWithTheSamePublicMeetings() throws {
        let demo = try Register.inMemory()
        try DemoRegister.load(into: demo)
        let files = try export(demo)
        let catalogue = try MeetingCSVImport.Catalogue(units: files[.units]!, officials: files[.officials]!,
                                                       organisations: files[.organisations]!, issues: files[.issues]!)
        let read = read(files[.meetings]!, catalogue: catalogue)
        #expect(read.problems.isEmpty, "\(read.problems)")
        #expect(read.skipped.count == 2, "the demo's two withdrawn meetings are tombstones, skipped")

        let fresh = try Register.inMemory()
        let report = try fresh.importMeetings(read.rows, publish: true, by: .shell)
        #expect(report.meetings.count == read.rows.count)
        let again = try export(fresh)
        #expect(try content(again[.meetings]!) == content(files[.meetings]!))
        #expect(try content(again[.meetings]!).count == 310)
        try fresh.verifyLedger()
    }

    @Test func organisationsAreMatchedByOrganisationsnummerOrExactNameOfficialsByNameAndMissingOnesCreated() throws {
        let fixture = try Fixture()
        var bytes = csv([
            row(["participants": "Anna Lindqvist; Bo Ek", "organisations": "Nordvind (nytt namn); Klarälvens Energi AB; Föreningen Ny",
                 "issues": "Dubbelspår på Exempelbanan; Ny fråga"]),
            row(["participants": "Bo Ek", "starts_at": "2026-09-01T09:00:00+02:00", "organisations": "Föreningen Ny"]),
        ])
        bytes = Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "withdrawal_reason", with: "withdrawal_reason,organisation_numbers").utf8)
        bytes = Array(String(decoding: bytes, as: UTF8.self).split(separator: "\r\n").enumerated().map { index, line in
            index == 0 ? String(line) : line + (index == 1 ? ",5568023450; -; -" : ",")
        }.joined(separator: "\r\n").utf8)
        let read = read(bytes)
        #expect(read.problems.isEmpty, "\(read.problems)")
        let report = try fixture.register.importMeetings(read.rows, publish: true, by: .shell)

        let matched = report.matched.map { "\($0.noun) \($0.id) by \($0.matchedBy ?? "")" }
        #expect(matched.contains("official \(fixture.official) by name"))
        #expect(matched.contains("organisation \(fixture.organisation) by organisationsnummer"))
        #expect(matched.contains("organisation \(fixture.client) by name"))
        #expect(matched.contains("issue \(fixture.issue) by title"))
        #expect(Set(report.created.map { "\($0.noun) \($0.name)" })
                == ["official Bo Ek", "unit \(ImportedUnit.unknown.name)", "organisation Föreningen Ny", "issue Ny fråga"])

        let created = try #require(report.created.first { $0.noun == "official" })
        let official = try #require(try fixture.register.read { try $0.officials() }.first { $0.id == created.id })
        #expect(official.activeFrom == Day("2026-09-01"), "a created official is active from their first imported meeting")
        let organisations = try fixture.register.read { try $0.organisations() }
        #expect(organisations.filter { $0.name == "Föreningen Ny" }.count == 1, "one organisation, created once for both rows")
        #expect(try fixture.register.publicMeetings().count == 2)
    }

    @Test func everyBadRowIsReportedByLineAndColumnAndNothingChanges() throws {
        let fixture = try Fixture()
        let bytes = csv([
            row(["summary": "Två rader:\nen andra rad."]),
            row(["starts_at": "i går"]),
            row(["format": "brevduva", "subject": ""]),
            row([:]),
            row(["participants": "Anna Lindqvist", "starts_at": "2020-01-10T10:00:00+01:00"]),
        ])
        let read = read(bytes)
        let before = try fixture.snapshot()
        let failure = try #require(throws: ImportFailure.self) {
            _ = try fixture.register.importMeetings(read.rows, publish: true, dryRun: true, by: .shell)
        }
        let problems = (read.problems + failure.problems).map { "\($0.line) \(MeetingCSVImport.column(for: $0.field))" }
        #expect(problems.sorted() == ["4 starts_at", "5 format", "5 subject", "7 participants"], "the quoted line break makes row 2 two lines")
        #expect(try fixture.snapshot() == before)

        let realRun = try #require(throws: ImportFailure.self) {
            _ = try fixture.register.importMeetings(read.rows, publish: true, by: .shell)
        }
        #expect(realRun.problems.map(\.line) == [7], "Anna Lindqvist was not active in 2020: the register's own check")
        #expect(try fixture.snapshot() == before, "a real run with a bad row changes nothing")
    }

    @Test func twoOfficialsOfTheSameNameInAnExportStayTwo() throws {
        let catalogue = try MeetingCSVImport.Catalogue(
            units: Array("id,name,kind\r\n1,Regionstyrelsen,board\r\n".utf8),
            officials: Array("id,name,title,kind,party,unit_id,unit,active_from,active_to,feed\r\n3,Anna Berg,Regionråd,elected,S,1,Regionstyrelsen,2020-01-01,,\r\n7,Anna Berg,Handläggare,staff,,1,Regionstyrelsen,2021-01-01,,\r\n".utf8),
            organisations: Array("id,name,kind,organisation_number,sole_trader,eu_transparency_id,website,feed\r\n4,Nordvind Kommunikation AB,consultancy,556802-3450,false,,,\r\n".utf8),
            issues: Array("id,title,summary,position,status,case_number,policy_areas,unit_id,unit,feed\r\n".utf8))
        let read = read(csv([row(["participants": "Anna Berg; Anna Berg", "participant_ids": "3; 7", "organisation_ids": "4", "issues": ""])]),
                        catalogue: catalogue)
        #expect(read.problems.isEmpty, "\(read.problems)")
        let register = try Register.inMemory()
        let report = try register.importMeetings(read.rows, publish: true, by: .shell)
        #expect(report.created.filter { $0.noun == "official" }.count == 2)
        #expect(try register.read { try $0.officials() }.map(\.title) == ["Regionråd", "Handläggare"])
    }

    @Test func aDryRunReportsWhatItWouldDoAndChangesNothing() throws {
        let fixture = try Fixture()
        let read = read(csv([row(["organisations": "Helt Ny AB"])]))
        let before = try fixture.snapshot()
        let report = try fixture.register.importMeetings(read.rows, publish: true, dryRun: true, by: .shell)
        #expect(report.dryRun && report.meetings.count == 1)
        #expect(report.created.map(\.name) == ["Helt Ny AB"])
        #expect(try fixture.snapshot() == before)
    }
}
