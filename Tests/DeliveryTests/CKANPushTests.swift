import Delivery
import Foundation
import Publishing
import RegisterCore
import Testing

@Suite("ckan endpoints: the CKAN DataStore action API")
struct CKANPushTests {
    private func records(_ request: ReceivedRequest) throws -> (envelope: [String: Any], row: [String: Any]) {
        let envelope = try #require(try JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any])
        let rows = try #require(envelope["records"] as? [[String: Any]])
        #expect(rows.count == 1)
        return (envelope, try #require(rows.first))
    }

    @Test func meetingsAreUpsertedAsRowsAndWithdrawalsKeepTheirRow() async throws {
        let fixture = try PushFixture()
        let receiver = try TestReceiver()
        try fixture.register.addEndpoint(NewEndpoint(url: receiver.url("/ckan/"), kind: .ckan, token: "ckan-api-token",
                                                     resourceId: "5f0e-meetings", fromStart: true))
        let id = try fixture.register.recordMeeting(fixture.meeting("Godstrafiken"))
        try fixture.register.publishMeeting(id)
        try fixture.register.withdrawMeeting(id, reason: "Registrerat av misstag")

        let report = try await pushUntilSettled(fixture.register)

        #expect(report.skipped == 4, "the four catalogue changes are not for a ckan endpoint")
        #expect(report.delivered == 2)
        let received = try receiver.received()
        #expect(received.count == 2)
        for request in received {
            #expect(request.method == "POST")
            #expect(request.path == "/ckan/api/3/action/datastore_upsert")
            #expect(request.headers["authorization"] == "ckan-api-token")
            #expect(request.headers["content-type"] == "application/json")
            let (envelope, row) = try records(request)
            #expect(envelope["resource_id"] as? String == "5f0e-meetings")
            #expect(envelope["method"] as? String == "upsert")
            #expect(envelope["force"] as? Bool == true)
            #expect(Set(row.keys) == Set(CKANMeetingRow.fields.map(\.id)))
            #expect(row["id"] as? Int == Int(id))
        }
        let published = try records(received[0]).row
        #expect(published["status"] as? String == "published")
        #expect(published["subject"] as? String == "Godstrafiken")
        #expect(published["people"] as? String == "Ulrika Fors (VD)")
        #expect(published["participants"] as? String == String(fixture.official))
        #expect(published["organisations"] as? String == String(fixture.organisation))
        #expect(published["starts_at"] as? String == "2026-11-20T13:30:00Z")
        #expect(published["uri"] as? String == (try fixture.publication).tag("meeting", id))

        let withdrawn = try records(received[1]).row
        #expect(withdrawn["status"] as? String == "withdrawn")
        #expect(withdrawn["withdrawal_reason"] as? String == "Registrerat av misstag")
        #expect(withdrawn["subject"] is NSNull)
        #expect(withdrawn["version"] as? Int == 2)
        let sequences = try received.map { try #require(try records($0).row["ledger_sequence"] as? Int) }
        #expect(sequences == sequences.sorted())
    }

    @Test func withheldFieldsAreNamedWithTheirGroundAndPrivatePeopleAreUnnamed() async throws {
        let fixture = try PushFixture()
        let receiver = try TestReceiver()
        try fixture.register.addEndpoint(NewEndpoint(url: receiver.url(""), kind: .ckan, token: "t", resourceId: "r"))
        let id = try fixture.register.recordMeeting(fixture.meeting(
            summary: PushFixture.withheldSummary,
            withheld: [.summary: Withholding(ground: "OSL 19 kap. 3 §", until: Day("2027-06-30"))],
            people: [CounterpartPerson(name: PushFixture.privateName, role: "Boende", isPrivate: true)]))
        try fixture.register.publishMeeting(id)

        try await pushUntilSettled(fixture.register)

        let request = try #require(try receiver.received().first)
        #expect(!request.body.contains(PushFixture.withheldSummary))
        #expect(!request.body.contains(PushFixture.privateName))
        let row = try records(request).row
        #expect(row["summary"] is NSNull)
        #expect(row["withheld"] as? String == "summary: OSL 19 kap. 3 §, until 2027-06-30")
        #expect(row["people"] as? String == "privatperson (Boende)")
    }
}
