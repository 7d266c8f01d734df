import Foundation
import RegisterCore
import Testing
@testable import Publishing

@Suite("The CSV export")
struct RegisterCSVExportTests {
    private let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The meetings file as records keyed by column name, read by the strict RFC 4180 reader.
    private func meetingRows(_ register: Register) throws -> [[String: String]] {
        let bytes = try Export.csv(register, .meetings)
        #expect(Array(bytes.prefix(3)) == bom)
        let records = try RFC4180Reader.parse(Array(bytes.dropFirst(3)))
        #expect(records.first == MeetingRow.header)
        return records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(MeetingRow.header, $0)) }
    }

    @Test func hostileTextRoundTripsThroughTwoCSVReaders() throws {
        let fixture = try ExportFixture()
        let bytes = try Export.csv(fixture.register, .meetings)
        let ours = try RFC4180Reader.parse(Array(bytes.dropFirst(3)))
        let python = try readCSVWithPython(bytes)
        #expect(python == ours)
        #expect(ours.allSatisfy { $0.count == MeetingRow.header.count })
        let rows = try meetingRows(fixture.register)
        let published = try #require(rows.first { $0["id"] == String(fixture.published) })
        #expect(published["subject"] == ExportFixture.hostileSubject)
        #expect(published["on_behalf_of"] == "Klarälvens \"Energi\", AB")
        #expect(published["documents"] == "Skrivelse, bilaga 1 (received, https://dokument.example/1.pdf)")
    }

    @Test func meetingRowJoinsNamesAndNamesWhatIsWithheld() throws {
        let fixture = try ExportFixture()
        let rows = try meetingRows(fixture.register)
        #expect(rows.map { $0["id"] } == [String(fixture.published), String(fixture.withdrawn)])
        let row = try #require(rows.first)
        #expect(row["status"] == "published")
        #expect(row["uri"] == "tag:insyn.example.se,2026:meeting/\(fixture.published)")
        #expect(row["starts_at"] == "2026-11-20T14:30:00+01:00")
        #expect(row["participants"] == "Anna Lindqvist; Örjan Åkesson")
        #expect(row["organisations"] == "Nordvind Kommunikation AB; Hantverk Åberg (enskild firma)")
        #expect(row["people"] == "Ulrika Fors (VD); privatperson (Boende)")
        #expect(row["issues"] == "Dubbelspår på Exempelbanan")
        #expect(row["summary"] == "")
        #expect(row["place"] == "")
        #expect(row["withheld"] == "place: OSL 19 kap. 3 §; summary: OSL 19 kap. 3 § until 2027-06-30")
        #expect(row["withdrawn_at"] == "")
    }

    @Test func withdrawnMeetingIsATombstoneRow() throws {
        let fixture = try ExportFixture()
        let row = try #require(try meetingRows(fixture.register).first { $0["id"] == String(fixture.withdrawn) })
        #expect(row["status"] == "withdrawn")
        #expect(row["version"] == "3")
        #expect(row["withdrawal_reason"] == "Mötet registrerades två gånger")
        #expect(row["withdrawn_at"] == "2026-11-26T13:00:00+01:00")
        for column in ["starts_at", "place", "participants", "organisations", "people", "subject", "summary", "documents"] {
            #expect(row[column] == "", "\(column) of a tombstone")
        }
    }

    @Test func everyEntityHasOneRowPerRecord() throws {
        let register = try DemoFixture.register()
        let expected: [RegisterCSVExport.Entity: (count: Int, header: [String])] = [
            .units: (try register.units().count, ["id", "name", "kind"]),
            .officials: (try register.officials().count,
                         ["id", "name", "title", "kind", "party", "unit_id", "unit", "active_from", "active_to", "feed"]),
            .organisations: (try register.organisations().count,
                             ["id", "name", "kind", "organisation_number", "sole_trader", "eu_transparency_id", "website", "feed"]),
            .issues: (try register.issues().count,
                      ["id", "title", "summary", "position", "status", "case_number", "policy_areas", "unit_id", "unit", "feed"]),
            .meetings: (try register.publicMeetings().count, MeetingRow.header),
        ]
        for entity in RegisterCSVExport.Entity.allCases {
            let bytes = try Export.csv(register, entity)
            #expect(Array(bytes.prefix(3)) == bom)
            let records = try RFC4180Reader.parse(Array(bytes.dropFirst(3)))
            #expect(records.first == expected[entity]?.header, "\(entity)")
            #expect(records.count - 1 == expected[entity]?.count, "\(entity)")
            #expect(records.allSatisfy { $0.count == records[0].count }, "\(entity)")
        }
    }

    @Test func localTimesCarryTheirOffset() {
        let stockholm = TimeZone(identifier: "Europe/Stockholm")!
        #expect(Timestamp.format(Timestamp.parse("2026-11-20T13:30:00Z")!, offsetIn: stockholm) == "2026-11-20T14:30:00+01:00")
        #expect(Timestamp.format(Timestamp.parse("2026-07-01T22:15:09Z")!, offsetIn: stockholm) == "2026-07-02T00:15:09+02:00")
        #expect(Timestamp.format(Timestamp.parse("2026-03-29T00:59:59Z")!, offsetIn: stockholm) == "2026-03-29T01:59:59+01:00")
        #expect(Timestamp.format(Timestamp.parse("2026-03-29T01:00:00Z")!, offsetIn: stockholm) == "2026-03-29T03:00:00+02:00")
        #expect(Timestamp.format(Timestamp.parse("2026-01-01T12:00:00Z")!, offsetIn: TimeZone(identifier: "America/St_Johns")!)
            == "2026-01-01T08:30:00-03:30")
    }
}
