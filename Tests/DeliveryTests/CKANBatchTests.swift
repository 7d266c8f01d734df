import Delivery
import Foundation
import Publishing
import RegisterCore
import Testing

@Suite("ckan endpoints: records batched per datastore_upsert", .serialized)
struct CKANBatchTests {
    private func batched(_ size: Int) -> PushConfiguration {
        var configuration = PushConfiguration.fast()
        configuration.ckanBatchSize = size
        return configuration
    }

    @Test func upToNRecordsGoInOneRequestInLedgerOrder() async throws {
        let fixture = try PushFixture()
        let receiver = try TestReceiver()
        try fixture.addCKAN(receiver.url(""))
        let ids = try fixture.publishMeetings(10)

        let report = try await PushWorker(register: fixture.register, configuration: batched(4), logger: quietLogger).drain()

        #expect(report.delivered == 10)
        #expect(report.skipped == 4, "the four catalogue changes are not for a ckan endpoint")
        let requests = try receiver.received()
        #expect(requests.map { (try? $0.ckanRecords().count) ?? 0 } == [4, 4, 2])
        let sent = try requests.flatMap { try $0.ckanRecords().map { $0["id"] as? Int } }
        #expect(sent == ids.map { Int($0) })
        #expect(try fixture.register.outboxStatus().first?.delivered == 10)
    }

    @Test func aMeetingChangedTwiceInOneBatchIsSentOnceAsItsLatestChangeLeftIt() async throws {
        let fixture = try PushFixture()
        let receiver = try TestReceiver()
        try fixture.addCKAN(receiver.url(""), fromStart: false)
        let ids = try fixture.publishMeetings(3)
        try fixture.register.correctMeeting(ids[0], with: fixture.meeting("Möte 1, rättat"), reason: "Fel ämne", by: .shell)
        try fixture.register.withdrawMeeting(ids[1], reason: "Registrerat av misstag", by: .shell)

        let report = try await PushWorker(register: fixture.register, configuration: batched(500), logger: quietLogger).drain()

        #expect(report.delivered == 5)
        let requests = try receiver.received()
        #expect(requests.count == 1)
        let rows = try #require(requests.first).ckanRecords()
        #expect(rows.map { $0["id"] as? Int } == [ids[2], ids[0], ids[1]].map { Int($0) })
        #expect(rows[1]["subject"] as? String == "Möte 1, rättat")
        #expect(rows[1]["version"] as? Int == 2)
        #expect(rows[2]["status"] as? String == "withdrawn")
    }

    @Test func aWithdrawalNeverOvertakesAnEarlierUpsertInAnotherBatch() async throws {
        let fixture = try PushFixture()
        let receiver = try TestReceiver()
        try fixture.addCKAN(receiver.url(""), fromStart: false)
        let ids = try fixture.publishMeetings(3)
        try fixture.register.withdrawMeeting(ids[0], reason: "Registrerat av misstag", by: .shell)
        try receiver.setScript(["status:503", "ok", "status:500"])

        let report = try await pushUntilSettled(fixture.register, configuration: batched(2))

        #expect(report.delivered == 4)
        #expect(report.deadLettered == 0)
        let accepted = try receiver.received().filter { $0.status == 200 }
        let rows = try accepted.flatMap { try $0.ckanRecords() }
        let first = try #require(rows.firstIndex { $0["id"] as? Int == Int(ids[0]) && $0["status"] as? String == "published" })
        let withdrawal = try #require(rows.firstIndex { $0["id"] as? Int == Int(ids[0]) && $0["status"] as? String == "withdrawn" })
        #expect(first < withdrawal)
    }

    @Test func aFailedBatchIsRetriedWholeAndItsDeliveriesShareTheOutcome() async throws {
        let fixture = try PushFixture()
        let receiver = try TestReceiver()
        try fixture.addCKAN(receiver.url(""), fromStart: false)
        try fixture.publishMeetings(3)
        try receiver.setScript(["status:503"])

        let report = try await pushUntilSettled(fixture.register, configuration: batched(10))

        #expect(report.retried == 3)
        #expect(report.delivered == 3)
        let requests = try receiver.received()
        #expect(requests.count == 2)
        #expect(requests.map(\.body).allSatisfy { $0 == requests[0].body }, "the retry sends the same batch")
    }
}
