import Delivery
import Foundation
import Publishing
import RegisterCore
import Testing

@Suite("Endpoints paused by answers that say the endpoint itself is wrong", .serialized)
struct EndpointPauseTests {
    static let cases: [(EndpointKind, Int)] = [(.webhook, 401), (.webhook, 403), (.webhook, 410),
                                               (.ckan, 401), (.ckan, 403), (.ckan, 404), (.ckan, 410)]

    @Test(arguments: cases)
    func anAnswerThatTheEndpointIsWrongPausesItWithTheReasonAndMakesNoDeadLetters(kind: EndpointKind, status: Int) async throws {
        let fixture = try PushFixture()
        let receiver = try TestReceiver()
        let endpoint = kind == .webhook ? try fixture.addWebhook(receiver.url(), fromStart: false)
            : try fixture.addCKAN(receiver.url(""), fromStart: false)
        try fixture.publishMeetings(5)
        try receiver.setScript([], default: kind == .ckan ? "ckan-error:\(status)" : "status:\(status)")

        let report = try await PushWorker(register: fixture.register, configuration: .fast(), logger: quietLogger).drain()

        #expect(report.deadLettered == 0)
        #expect(report.delivered == 0)
        #expect(try receiver.count() == 1, "the first refusal stops the sending")
        let paused = try #require(report.paused.first)
        #expect(paused.endpoint == endpoint.id)
        #expect(paused.reason.hasPrefix("HTTP \(status)"))
        let status = try #require(try fixture.register.outboxStatus().first)
        #expect((status.pending, status.dead, status.retrying) == (5, 0, 0))
        #expect(status.endpoint.pause?.reason == paused.reason)
        #expect(try fixture.register.pendingDeliveries(endpoint: endpoint.id).isEmpty, "nothing is sent while paused")

        try fixture.publishMeetings(1)
        #expect(try fixture.register.outboxStatus().first?.pending == 6, "changes are still queued while paused")
        try receiver.setScript([])
        try fixture.register.setEndpoint(endpoint.id, enabled: true, by: .shell)
        let resumed = try await PushWorker(register: fixture.register, configuration: .fast(), logger: quietLogger).drain()

        #expect(resumed.delivered == 6)
        #expect(try fixture.register.endpoint(endpoint.id).pause == nil)
        let delivered = try receiver.received().filter { $0.status == 200 }
        let subjects = kind == .ckan
            ? try delivered.flatMap { try $0.ckanRecords().compactMap { $0["subject"] as? String } }
            : delivered.compactMap { request in (1...6).map { "Möte \($0)" }.first { request.body.contains("\"\($0)\"") } }
        #expect(subjects == (1...5).map { "Möte \($0)" } + ["Möte 1"], "in ledger order from where it stopped")
    }

    @Test func ckansReasonIsKeptWholeForPushStatus() async throws {
        let fixture = try PushFixture()
        let receiver = try TestReceiver()
        try fixture.addCKAN(receiver.url(""), fromStart: false)
        try fixture.publishMeetings(1)
        try receiver.setScript(["ckan-error:403"])

        _ = try await PushWorker(register: fixture.register, configuration: .fast(), logger: quietLogger).drain()

        let reason = try #require(try fixture.register.outboxStatus().first?.endpoint.pause?.reason)
        #expect(reason.hasPrefix("HTTP 403: Authorization Error: Access denied: User insyn-push not authorized"))
        #expect(reason.hasSuffix("until an administrator grants the role again"), "\(reason)")
        #expect(!reason.contains("\n"))
    }

    @Test func updatingTheTokenResumesAPausedEndpointWhereItStopped() async throws {
        let fixture = try PushFixture()
        let receiver = try TestReceiver()
        let endpoint = try fixture.addCKAN(receiver.url(""), token: "revoked-token", fromStart: false)
        try fixture.publishMeetings(3)
        try receiver.setScript(["ckan-error:401"])
        let worker = PushWorker(register: fixture.register, configuration: .fast(), logger: quietLogger)
        let run = Task { try await worker.run() }

        try await pollUntil { try fixture.register.endpoint(endpoint.id).pause != nil }
        try fixture.publishMeetings(1)
        let updated = try fixture.register.updateEndpoint(endpoint.id, EndpointUpdate(token: "fresh-token"), by: .shell)
        #expect(updated.pause == nil)
        #expect(updated.token == "fresh-token")
        try await pollUntil { try fixture.register.outboxStatus().first?.delivered == 4 }
        worker.stop()
        let report = try await run.value

        #expect(report.deadLettered == 0)
        let requests = try receiver.received()
        #expect(requests.first?.headers["authorization"] == "revoked-token")
        let accepted = requests.filter { $0.status == 200 }
        #expect(accepted.allSatisfy { $0.headers["authorization"] == "fresh-token" })
        let subjects = try accepted.flatMap { try $0.ckanRecords().compactMap { $0["subject"] as? String } }
        #expect(subjects == (1...3).map { "Möte \($0)" } + ["Möte 1"])
    }

    @Test func updatingTheURLSendsThePendingDeliveriesToTheNewPlace() async throws {
        let fixture = try PushFixture()
        let old = try TestReceiver()
        let new = try TestReceiver()
        let endpoint = try fixture.addWebhook(old.url(), fromStart: false)
        try fixture.publishMeetings(2)
        try old.setScript([], default: "status:410")
        _ = try await PushWorker(register: fixture.register, configuration: .fast(), logger: quietLogger).drain()
        #expect(try fixture.register.endpoint(endpoint.id).pause != nil)

        try fixture.register.updateEndpoint(endpoint.id, EndpointUpdate(url: new.url("/moved")), by: .shell)
        let report = try await PushWorker(register: fixture.register, configuration: .fast(), logger: quietLogger).drain()

        #expect(report.delivered == 2)
        #expect(try old.count() == 1)
        let moved = try new.received()
        #expect(moved.map(\.path) == ["/moved", "/moved"])
        try Accepted(moved).expectExactlyOnce(try fixture.changes(for: endpoint), json: PublicJSON(try fixture.publication))
        try Accepted(moved).expectSignatures(secret: PushFixture.secret)
    }
}
