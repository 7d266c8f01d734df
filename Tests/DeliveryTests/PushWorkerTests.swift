import Delivery
import Foundation
import Publishing
import RegisterCore
import Testing

@Suite("Push worker against a real receiver", .serialized)
struct PushWorkerTests {
    @Test func everyChangeArrivesOnceInLedgerOrderSigned() async throws {
        let fixture = try PushFixture()
        let receiver = try TestReceiver()
        try fixture.recordHistory(meetings: 12)
        let endpoint = try fixture.addWebhook(receiver.url())
        try fixture.recordHistory(meetings: 3)

        let report = try await pushUntilSettled(fixture.register)

        let changes = try fixture.changes(for: endpoint)
        #expect(changes.count > 20)
        #expect(report.delivered == changes.count)
        let json = PublicJSON(try fixture.publication)
        let accepted = Accepted(try receiver.received())
        try accepted.expectExactlyOnce(changes, json: json)
        accepted.expectLedgerOrder(changes, json: json, strictly: true)
        try accepted.expectSignatures(secret: PushFixture.secret)
        #expect(accepted.all.count == changes.count)
        #expect(Set(accepted.all.map(\.peerPort)).count == 1, "one kept-alive connection")
        let status = try #require(try fixture.register.outboxStatus().first)
        #expect(status.delivered == changes.count)
        #expect(status.pending == 0)
    }

    @Test func drainDeliversWhatIsDueAndReturns() async throws {
        let fixture = try PushFixture()
        let receiver = try TestReceiver()
        let endpoint = try fixture.addWebhook(receiver.url())
        try fixture.recordHistory(meetings: 5)

        let report = try await PushWorker(register: fixture.register, configuration: .fast(), logger: quietLogger).drain()

        let changes = try fixture.changes(for: endpoint)
        #expect(report.delivered == changes.count)
        try Accepted(try receiver.received()).expectExactlyOnce(changes, json: PublicJSON(try fixture.publication))
    }

    @Test func followingPicksUpNewChangesAndEndpointsAndLetsDisabledOnesBe() async throws {
        let fixture = try PushFixture()
        let first = try TestReceiver()
        let second = try TestReceiver()
        let paused = try fixture.addWebhook(first.url(), fromStart: false)
        let worker = PushWorker(register: fixture.register, configuration: .fast(), logger: quietLogger)
        let run = Task { try await worker.run() }

        try fixture.register.add(Organisation(name: "Före pausen", kind: .other), by: .shell)
        try await waitUntil { try first.count() == 1 }
        try fixture.register.setEndpoint(paused.id, enabled: false, by: .shell)
        let added = try fixture.addWebhook(second.url(), fromStart: false)
        try fixture.register.add(Organisation(name: "Under pausen", kind: .other), by: .shell)
        try await waitUntil { try second.count() == 1 }
        worker.stop()
        let report = try await run.value

        #expect(try first.count() == 1, "a disabled endpoint gets nothing")
        #expect(report.delivered == 2)
        #expect(report.endpoints.keys.sorted() == [paused.id, added.id])
    }

    private func waitUntil(_ condition: () throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while try !condition() {
            guard ContinuousClock.now < deadline else {
                Issue.record("condition not met within 30 s")
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    @Test func serverErrorsAreRetriedUntilDelivered() async throws {
        try await expectEverythingArrives(despite: ["status:500", "status:503", "ok", "ok", "status:502", "status:500"])
    }

    @Test func closedConnectionsAreRetried() async throws {
        try await expectEverythingArrives(despite: ["close", "ok", "close", "close"])
    }

    @Test func stallingPastTheTimeoutIsRetried() async throws {
        let receiver = try await expectEverythingArrives(despite: ["ok", "stall:2"], timeout: .milliseconds(400))
        let received = try receiver.received()
        #expect(received[1].headers["webhook-id"] == received[2].headers["webhook-id"], "the stalled change is sent again")
    }

    @Test func tooManyRequestsWaitsForRetryAfter() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let receiver = try await expectEverythingArrives(despite: ["status:429:retry-after=1"])
        #expect(clock.now - start >= .milliseconds(950), "Retry-After: 1 was not honoured (backoff base is 50 ms)")
        let received = try receiver.received()
        #expect(received[0].headers["webhook-id"] == received[1].headers["webhook-id"])
        #expect(received[0].headers["webhook-signature"] != received[1].headers["webhook-signature"],
                "each attempt is signed afresh with its own timestamp")
    }

    /// Answers the first requests with `script`, then 200, and checks that every change
    /// still arrives exactly once (after deduplication) and in ledger order.
    @discardableResult
    private func expectEverythingArrives(despite script: [String], timeout: Duration = .seconds(5),
                                         sourceLocation: SourceLocation = #_sourceLocation) async throws -> TestReceiver {
        let fixture = try PushFixture()
        let receiver = try TestReceiver()
        try receiver.setScript(script)
        let endpoint = try fixture.addWebhook(receiver.url())
        try fixture.recordHistory(meetings: 6)

        let report = try await pushUntilSettled(fixture.register, configuration: .fast(timeout: timeout))

        let changes = try fixture.changes(for: endpoint)
        let json = PublicJSON(try fixture.publication)
        let accepted = Accepted(try receiver.received())
        try accepted.expectExactlyOnce(changes, json: json, sourceLocation: sourceLocation)
        accepted.expectLedgerOrder(changes, json: json, strictly: true, sourceLocation: sourceLocation)
        try accepted.expectSignatures(secret: PushFixture.secret, sourceLocation: sourceLocation)
        #expect(report.delivered == changes.count, sourceLocation: sourceLocation)
        #expect(report.retried > 0, sourceLocation: sourceLocation)
        #expect(report.deadLettered == 0, sourceLocation: sourceLocation)
        return receiver
    }

    @Test func badRequestIsADeadLetterThatHoldsItsRecordUntilRetried() async throws {
        let fixture = try PushFixture()
        let receiver = try TestReceiver()
        let endpoint = try fixture.addWebhook(receiver.url(), fromStart: false)
        let first = try fixture.register.recordMeeting(fixture.meeting("Första"), by: .shell)
        let second = try fixture.register.recordMeeting(fixture.meeting("Andra"), by: .shell)
        try fixture.register.publishMeeting(first, by: .shell)
        try fixture.register.publishMeeting(second, by: .shell)
        try fixture.register.correctMeeting(first, with: fixture.meeting("Första, rättat"), reason: "Fel ämne", by: .shell)
        try fixture.register.correctMeeting(second, with: fixture.meeting("Andra, rättat"), reason: "Fel ämne", by: .shell)
        try receiver.setScript(["status:400"])

        let failed = try await pushUntilSettled(fixture.register)

        #expect(failed.deadLettered == 1)
        #expect(failed.delivered == 2, "the other meeting's changes are not held")
        var status = try #require(try fixture.register.outboxStatus().first)
        #expect(status.dead == 1)
        #expect(status.held == 1, "the first meeting's correction waits behind its dead publication")
        #expect(status.lastError?.hasPrefix("HTTP 400") == true)
        let deliveredFirst = try receiver.received().filter { $0.status == 200 }
        #expect(deliveredFirst.allSatisfy { $0.body.contains("\"entity_id\":\(second)") })

        #expect(try fixture.register.requeueDeadLetters(endpoint: endpoint.id) == 1)
        let retried = try await pushUntilSettled(fixture.register)

        #expect(retried.delivered == 2)
        status = try #require(try fixture.register.outboxStatus().first)
        #expect(status.dead == 0)
        #expect(status.pending == 0)
        let changes = try fixture.changes(for: endpoint)
        let json = PublicJSON(try fixture.publication)
        let accepted = Accepted(try receiver.received())
        try accepted.expectExactlyOnce(changes, json: json)
        accepted.expectLedgerOrder(changes, json: json, strictly: false)
    }

    @Test func maximumRetryAgeEndsInADeadLetter() async throws {
        let fixture = try PushFixture()
        let receiver = try TestReceiver()
        try receiver.setScript([], default: "status:503")
        try fixture.addWebhook(receiver.url(), fromStart: false)
        try fixture.register.add(Organisation(name: "Nordvind Kommunikation AB", kind: .consultancy), by: .shell)

        let report = try await pushUntilSettled(fixture.register, configuration: .fast(maxAge: .milliseconds(300)))

        #expect(report.deadLettered == 1)
        #expect(report.retried >= 2)
        let status = try #require(try fixture.register.outboxStatus().first)
        #expect(status.lastError?.contains("giving up") == true)
        #expect(status.dead == 1)
        #expect(status.pending == 0)
    }

    @Test func withheldValuesAndPrivateNamesNeverLeave() async throws {
        let fixture = try PushFixture()
        let webhook = try TestReceiver()
        let ckan = try TestReceiver()
        try fixture.addWebhook(webhook.url())
        try fixture.register.addEndpoint(NewEndpoint(url: ckan.url(""), kind: .ckan, token: "ckan-token", resourceId: "meetings"), by: .shell)
        let id = try fixture.register.recordMeeting(fixture.meeting(
            summary: PushFixture.withheldSummary,
            withheld: [.summary: Withholding(ground: "OSL 19 kap. 3 §", until: Day("2027-06-30"))],
            people: [CounterpartPerson(name: PushFixture.privateName, role: "Boende", isPrivate: true)]), by: .shell)
        try fixture.register.publishMeeting(id, by: .shell)
        try fixture.register.correctMeeting(id, with: fixture.meeting(
            "Rättat ämne", summary: PushFixture.withheldSummary,
            withheld: [.summary: Withholding(ground: "OSL 19 kap. 3 §")],
            people: [CounterpartPerson(name: PushFixture.privateName, isPrivate: true)]), reason: "Ämnet", by: .shell)
        try fixture.register.recordMeeting(fixture.meeting(summary: "Utkast som ingen får se"), by: .shell)

        try await pushUntilSettled(fixture.register)

        let bodies = try (webhook.received() + ckan.received()).map(\.body)
        #expect(bodies.count >= 6)
        #expect(bodies.contains { $0.contains("OSL 19 kap. 3 §") }, "the withholding itself is public")
        for body in bodies {
            for secret in [PushFixture.withheldSummary, PushFixture.privateName, "Utkast som ingen får se"] {
                #expect(!body.contains(secret), "a request body leaks \(secret)")
            }
        }
    }
}
