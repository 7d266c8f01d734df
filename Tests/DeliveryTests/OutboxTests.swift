import Foundation
import Publishing
import RegisterCore
import Testing

@Suite("Endpoints and the outbox in the register")
struct OutboxTests {
    private func queued(_ register: Register) throws -> Int {
        try register.outboxStatus().reduce(0) { $0 + $1.pending + $1.delivered + $1.skipped + $1.dead }
    }

    @Test func eachPublicChangeQueuesOneDeliveryPerEnabledEndpoint() throws {
        let fixture = try PushFixture()
        let first = try fixture.addWebhook("https://one.example.se/hook", fromStart: false)
        let second = try fixture.addWebhook("https://two.example.se/hook", fromStart: false)
        let disabled = try fixture.addWebhook("https://three.example.se/hook", fromStart: false)
        try fixture.register.setEndpoint(disabled.id, enabled: false, by: .shell)
        let draft = try fixture.register.recordMeeting(fixture.meeting(), by: .shell)
        #expect(try queued(fixture.register) == 0, "a draft is never queued")
        try fixture.register.publishMeeting(draft, by: .shell)

        let head = try fixture.register.ledgerHead().sequence
        for endpoint in [first, second] {
            let items = try fixture.register.pendingDeliveries(endpoint: endpoint.id)
            #expect(items.map(\.sequence) == [head])
            #expect(try items.first?.change().type == .meetingPublished)
        }
        #expect(try fixture.register.pendingDeliveries(endpoint: disabled.id).isEmpty)
    }

    @Test func aRejectedChangeLeavesNoOutboxRow() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("insyn-outbox-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("register.sqlite").path
        let fixture = try PushFixture(register: Register.open(path: path))
        try fixture.addWebhook("https://one.example.se/hook", fromStart: false)
        let draft = try fixture.register.recordMeeting(fixture.meeting(), by: .shell)
        let head = try fixture.register.ledgerHead()

        #expect(throws: ValidationError.self) {
            try fixture.register.add(Official(name: "Utan enhet", title: "Handläggare", kind: .staff, unit: 999,
                                              activeFrom: Day("2024-01-01")!), by: .shell)
        }
        try sqlite3(path, "CREATE TRIGGER reject_publication BEFORE INSERT ON meeting BEGIN SELECT RAISE(ABORT, 'rejected'); END")
        #expect(throws: (any Error).self, "the failure comes after the change and its delivery were written") {
            try fixture.register.publishMeeting(draft, by: .shell)
        }

        #expect(try fixture.register.ledgerHead() == head)
        #expect(try queued(fixture.register) == 0)
    }

    @Test func aNewEndpointStartsAtTheLedgerHead() throws {
        let fixture = try PushFixture()
        try fixture.recordHistory(meetings: 3)
        let head = try fixture.register.ledgerHead().sequence
        let endpoint = try fixture.addWebhook("https://one.example.se/hook", fromStart: false)
        #expect(endpoint.createdAfterSequence == head)
        #expect(try fixture.register.pendingDeliveries(endpoint: endpoint.id).isEmpty)

        try fixture.register.add(Organisation(name: "Nordvind Kommunikation AB", kind: .consultancy), by: .shell)
        #expect(try fixture.register.pendingDeliveries(endpoint: endpoint.id).map(\.sequence) == [head + 1])
    }

    @Test func fromStartQueuesEveryPublicChangeInOrder() throws {
        let fixture = try PushFixture()
        try fixture.recordHistory(meetings: 4)
        try fixture.register.recordMeeting(fixture.meeting("Utkast"), by: .shell)
        let endpoint = try fixture.addWebhook("https://one.example.se/hook", fromStart: true)

        #expect(endpoint.createdAfterSequence == 0)
        let expected = try fixture.register.publicChanges(after: 0).map(\.sequence)
        #expect(try fixture.register.pendingDeliveries(endpoint: endpoint.id, limit: 1000).map(\.sequence) == expected)
    }

    @Test func enablingAgainQueuesTheChangesMissedMeanwhile() throws {
        let fixture = try PushFixture()
        let endpoint = try fixture.addWebhook("https://one.example.se/hook", fromStart: false)
        try fixture.register.add(Organisation(name: "Före", kind: .other), by: .shell)
        try fixture.register.setEndpoint(endpoint.id, enabled: false, by: .shell)
        try fixture.register.add(Organisation(name: "Under pausen", kind: .other), by: .shell)
        #expect(try fixture.register.pendingDeliveries(endpoint: endpoint.id).isEmpty, "a disabled endpoint gets nothing")

        try fixture.register.setEndpoint(endpoint.id, enabled: true, by: .shell)
        try fixture.register.add(Organisation(name: "Efter", kind: .other), by: .shell)

        let expected = try fixture.register.publicChanges(after: endpoint.createdAfterSequence).map(\.sequence)
        #expect(expected.count == 3)
        #expect(try fixture.register.pendingDeliveries(endpoint: endpoint.id).map(\.sequence) == expected)
    }

    @Test func aDeadLetterHoldsOnlyTheLaterChangesToItsRecord() throws {
        let fixture = try PushFixture()
        let endpoint = try fixture.addWebhook("https://one.example.se/hook", fromStart: false)
        let first = try fixture.register.recordMeeting(fixture.meeting("Första"), by: .shell)
        let second = try fixture.register.recordMeeting(fixture.meeting("Andra"), by: .shell)
        try fixture.register.publishMeeting(first, by: .shell)
        try fixture.register.publishMeeting(second, by: .shell)
        try fixture.register.correctMeeting(first, with: fixture.meeting("Första, rättat"), reason: "Fel ämne", by: .shell)

        let queue = try fixture.register.pendingDeliveries(endpoint: endpoint.id)
        #expect(try queue.map { try $0.change().entityId } == [first, second, first])
        #expect(try fixture.register.record(.dead(error: "HTTP 400"), for: queue[0].id, at: Date()))

        #expect(try fixture.register.pendingDeliveries(endpoint: endpoint.id).map(\.id) == [queue[1].id])
        var status = try #require(try fixture.register.outboxStatus().first)
        #expect((status.pending, status.held, status.dead, status.lastError) == (2, 1, 1, "HTTP 400"))

        #expect(try fixture.register.requeueDeadLetters() == 1)
        #expect(try fixture.register.pendingDeliveries(endpoint: endpoint.id).map(\.id) == queue.map(\.id))
        status = try #require(try fixture.register.outboxStatus().first)
        #expect((status.pending, status.held, status.dead) == (3, 0, 0))
    }

    @Test func onlyAPendingDeliveryChangesState() throws {
        let fixture = try PushFixture()
        let endpoint = try fixture.addWebhook("https://one.example.se/hook", fromStart: true)
        let item = try #require(try fixture.register.pendingDeliveries(endpoint: endpoint.id).first)
        let later = Date().addingTimeInterval(0.25)

        #expect(try fixture.register.record(.retry(next: later, error: "HTTP 500"), for: item.id, at: Date()))
        let retried = try #require(try fixture.register.pendingDeliveries(endpoint: endpoint.id).first)
        #expect(retried.id == item.id)
        #expect(retried.attempts == 1)
        #expect(abs(retried.nextAttemptAt.timeIntervalSince(later)) < 0.002, "retry times keep their milliseconds")
        #expect(retried.firstFailedAt != nil)

        #expect(try fixture.register.record(.delivered, for: item.id, at: Date()))
        #expect(try !fixture.register.record(.retry(next: later, error: "late"), for: item.id, at: Date()))
        #expect(try !fixture.register.record(.dead(error: "late"), for: item.id, at: Date()))
        let status = try #require(try fixture.register.outboxStatus().first)
        #expect(status.delivered == 1)
        #expect(status.lastError == nil)
    }

    @Test func queuedChangesReadTheSameAsTheLedgersPublicView() throws {
        let fixture = try PushFixture()
        try fixture.recordHistory(meetings: 6)
        let secret = try fixture.register.recordMeeting(fixture.meeting(
            summary: PushFixture.withheldSummary,
            withheld: [.summary: Withholding(ground: "OSL 19 kap. 3 §"), .place: Withholding(ground: "OSL 18 kap. 8 §")],
            people: [CounterpartPerson(name: PushFixture.privateName, role: "Boende", isPrivate: true),
                     CounterpartPerson(name: "Ulrika Fors")]), by: .shell)
        try fixture.register.publishMeeting(secret, by: .shell)
        try fixture.register.withdrawMeeting(secret, reason: "Fel möte", by: .shell)
        let endpoint = try fixture.addWebhook("https://one.example.se/hook", fromStart: true)

        let queued = try fixture.register.pendingDeliveries(endpoint: endpoint.id, limit: 1000).map { try $0.change() }
        #expect(queued == (try fixture.register.publicChanges(after: 0)))
        let published = try #require(queued.first { $0.type == .meetingPublished && $0.entityId == secret })
        guard case .meeting(let meeting) = published.record else { Issue.record("not a meeting"); return }
        #expect((meeting.summary, meeting.place) == (nil, nil))
        #expect(meeting.counterparts?[0].people.map(\.name) == [nil, "Ulrika Fors"])
    }

    @Test func outcomesAreRecordedTogether() throws {
        let fixture = try PushFixture()
        let endpoint = try fixture.addWebhook("https://one.example.se/hook", fromStart: true)
        let items = try fixture.register.pendingDeliveries(endpoint: endpoint.id)
        #expect(items.count == 4)
        let now = Date()
        let recorded = try fixture.register.record([
            OutboxAttempt(delivery: items[0].id, outcome: .delivered, at: now),
            OutboxAttempt(delivery: items[1].id, outcome: .skipped, at: now),
            OutboxAttempt(delivery: items[2].id, outcome: .delivered, at: now),
            OutboxAttempt(delivery: items[3].id, outcome: .dead(error: "HTTP 410"), at: now),
            OutboxAttempt(delivery: items[0].id, outcome: .dead(error: "too late"), at: now),
        ])
        #expect(recorded == 4)
        let status = try #require(try fixture.register.outboxStatus().first)
        #expect((status.delivered, status.skipped, status.dead, status.pending) == (2, 1, 1, 0))
        #expect(status.lastError == "HTTP 410")
    }

    @Test func endpointsAreValidated() throws {
        let register = try Register.inMemory()
        let cases: [(NewEndpoint, String)] = [
            (NewEndpoint(url: "ftp://example.se/hook", kind: .webhook, secret: PushFixture.secret), "url"),
            (NewEndpoint(url: "https://example.se/hook", kind: .webhook), "secret"),
            (NewEndpoint(url: "https://example.se/hook", kind: .webhook, secret: "hunter2"), "secret"),
            (NewEndpoint(url: "https://example.se/hook", kind: .webhook, secret: PushFixture.secret, token: "t"), "token"),
            (NewEndpoint(url: "https://ckan.example.se", kind: .ckan, token: "t"), "resource-id"),
            (NewEndpoint(url: "https://ckan.example.se", kind: .ckan, resourceId: "r"), "token"),
            (NewEndpoint(url: "https://ckan.example.se", kind: .ckan, token: "a\nb", resourceId: "r"), "token"),
        ]
        for (endpoint, field) in cases {
            let error = #expect(throws: ValidationError.self) { try register.addEndpoint(endpoint, by: .shell) }
            #expect(error?.problems.map(\.field).contains(field) == true, "\(endpoint) should be rejected for \(field)")
        }
        #expect(try register.endpoints().isEmpty)
        #expect(throws: ValidationError.self) { try register.setEndpoint(42, enabled: false, by: .shell) }

        let ckan = try register.addEndpoint(NewEndpoint(url: " https://ckan.example.se/ ", kind: .ckan, token: "tok",
                                                        resourceId: "5f0e"), by: .shell)
        #expect(ckan.url == "https://ckan.example.se/")
        #expect((ckan.kind, ckan.token, ckan.resourceId, ckan.enabled) == (.ckan, "tok", "5f0e", true))
    }
}
