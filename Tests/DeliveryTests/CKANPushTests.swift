import Delivery
import Foundation
import Publishing
import RegisterCore
import Testing

@Suite("ckan endpoints: the CKAN DataStore action API", .serialized)
struct CKANPushTests {
    private func row(_ request: ReceivedRequest) throws -> [String: Any] {
        let rows = try request.ckanRecords()
        #expect(rows.count == 1)
        return try #require(rows.first)
    }

    @Test func meetingsAreUpsertedAsRowsAndWithdrawalsKeepTheirRow() async throws {
        let fixture = try PushFixture()
        let receiver = try TestReceiver()
        try fixture.addCKAN(receiver.url("/ckan/"))
        let id = try fixture.register.recordMeeting(fixture.meeting("Godstrafiken"), by: .shell)
        try fixture.register.publishMeeting(id, by: .shell)
        try await pushUntilSettled(fixture.register)
        try fixture.register.withdrawMeeting(id, reason: "Registrerat av misstag", by: .shell)

        let report = try await pushUntilSettled(fixture.register)

        #expect(report.delivered == 1)
        let received = try receiver.received()
        #expect(received.count == 2)
        for request in received {
            #expect(request.method == "POST")
            #expect(request.path == "/ckan/api/3/action/datastore_upsert")
            #expect(request.headers["authorization"] == "ckan-api-token")
            #expect(request.headers["content-type"] == "application/json")
            let envelope = try #require(try JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any])
            #expect(envelope["resource_id"] as? String == "5f0e-meetings")
            #expect(envelope["method"] as? String == "upsert")
            #expect(envelope["force"] as? Bool == true)
            let row = try row(request)
            #expect(Set(row.keys) == Set(MeetingRow.header))
            #expect(row["id"] as? Int == Int(id))
        }
        let published = try row(received[0])
        #expect(published["status"] as? String == "published")
        #expect(published["subject"] as? String == "Godstrafiken")
        #expect(published["people"] as? String == "Ulrika Fors (VD)")
        #expect(published["participants"] as? String == "Anna Lindqvist")
        #expect(published["participant_ids"] as? String == String(fixture.official))
        #expect(published["organisations"] as? String == "Klarälvens Energi AB")
        #expect(published["organisation_ids"] as? String == String(fixture.organisation))
        #expect(published["starts_at"] as? String == "2026-11-20T14:30:00+01:00")
        #expect(published["uri"] as? String == (try fixture.publication).tag("meeting", id))

        let withdrawn = try row(received[1])
        #expect(withdrawn["status"] as? String == "withdrawn")
        #expect(withdrawn["withdrawal_reason"] as? String == "Registrerat av misstag")
        #expect(withdrawn["subject"] is NSNull)
        #expect(withdrawn["version"] as? Int == 2)
    }

    @Test func withheldFieldsAreNamedByTheRowsOwnColumnsAndPrivatePeopleAreUnnamed() async throws {
        let fixture = try PushFixture()
        let receiver = try TestReceiver()
        try fixture.addCKAN(receiver.url(""), fromStart: false)
        let id = try fixture.register.recordMeeting(fixture.meeting(
            summary: PushFixture.withheldSummary,
            withheld: [.summary: Withholding(ground: "OSL 19 kap. 3 §", until: Day("2027-06-30")),
                       .startsAt: Withholding(ground: "OSL 18 kap. 8 §"),
                       .counterparts: Withholding(ground: "OSL 31 kap. 16 §")],
            people: [CounterpartPerson(name: PushFixture.privateName, role: "Boende", isPrivate: true)]), by: .shell)
        try fixture.register.publishMeeting(id, by: .shell)

        try await pushUntilSettled(fixture.register)

        let request = try #require(try receiver.received().first)
        #expect(!request.body.contains(PushFixture.withheldSummary))
        #expect(!request.body.contains(PushFixture.privateName))
        let row = try row(request)
        for column in ["summary", "starts_at", "organisations", "organisation_ids", "on_behalf_of", "on_behalf_of_ids", "people"] {
            #expect(row[column] is NSNull, "\(column) is withheld")
        }
        #expect(row["withheld"] as? String == """
            starts_at: OSL 18 kap. 8 §; organisations, organisation_ids, on_behalf_of, on_behalf_of_ids, people: \
            OSL 31 kap. 16 §; summary: OSL 19 kap. 3 § until 2027-06-30
            """)
        let names = try #require(row["withheld"] as? String).split(separator: ";").flatMap {
            $0.split(separator: ":")[0].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        #expect(Set(names).isSubset(of: Set(MeetingRow.header)), "every name in withheld is a column of the row")
    }

    @Test func aCKANRowAndTheCSVRowOfTheSameMeetingAgreeColumnByColumn() async throws {
        let fixture = try PushFixture()
        let receiver = try TestReceiver()
        try fixture.addCKAN(receiver.url(""), fromStart: true)
        var meeting = fixture.meeting("Godstrafiken, \"etapp 2\"", withheld: [.place: Withholding(ground: "OSL 19 kap. 3 §")],
                                      people: [CounterpartPerson(name: "Ulrika Fors", role: "VD"),
                                               CounterpartPerson(name: PushFixture.privateName, role: "Boende", isPrivate: true)])
        meeting.documents = [MeetingDocument(title: "Skrivelse; bilaga", direction: .received, url: "https://dokument.example/1.pdf")]
        let id = try fixture.register.recordMeeting(meeting, by: .shell)
        try fixture.register.publishMeeting(id, by: .shell)
        var corrected = meeting
        corrected.summary = "Vi diskuterade tidplanen och godstrafiken."
        try fixture.register.correctMeeting(id, with: corrected, reason: "Kompletterad sammanfattning", by: .shell)

        try await pushUntilSettled(fixture.register)

        let sink = BufferSink()
        try RegisterCSVExport().write(.meetings, fixture.register, to: sink)
        let csv = CSVRecords.parse(Array(sink.take().dropFirst(3)))
        #expect(csv.first == MeetingRow.header)
        let csvRow = try #require(csv.dropFirst().first)
        let ckanRow = try #require(try receiver.received().last?.ckanRecords().last)
        #expect(Array(ckanRow.keys).sorted() == MeetingRow.header.sorted())
        for (column, cell) in zip(MeetingRow.header, csvRow) {
            let value: String = switch ckanRow[column] {
            case let text as String: text
            case let number as Int: String(number)
            default: ""
            }
            #expect(value == cell, "column \(column)")
        }
        #expect(csvRow[MeetingRow.header.firstIndex(of: "version")!] == "2")
    }
}

/// A small RFC 4180 reader for the test: quoted fields, doubled quotes, CRLF.
enum CSVRecords {
    static func parse(_ bytes: [UInt8]) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if quoted {
                if byte == UInt8(ascii: "\""), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                    field.append(byte)
                    index += 1
                } else if byte == UInt8(ascii: "\"") {
                    quoted = false
                } else {
                    field.append(byte)
                }
            } else if byte == UInt8(ascii: "\"") {
                quoted = true
            } else if byte == UInt8(ascii: ",") {
                record.append(String(decoding: field, as: UTF8.self))
                field = []
            } else if byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n") {
                if byte == UInt8(ascii: "\r"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") { index += 1 }
                record.append(String(decoding: field, as: UTF8.self))
                records.append(record)
                record = []
                field = []
            } else {
                field.append(byte)
            }
            index += 1
        }
        if !field.isEmpty || !record.isEmpty { records.append(record + [String(decoding: field, as: UTF8.self)]) }
        return records
    }
}
