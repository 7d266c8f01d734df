import Delivery
import Foundation
import Logging
import Publishing
import RegisterCore
import Testing

/// A real register with a small catalogue, and meetings published, corrected and
/// withdrawn through the ordinary write path, for the push tests.
struct PushFixture {
    static let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    static let withheldSummary = "Anbudspriset är 4 812 000 kronor"
    static let privateName = "Rolf Hemligsson"

    let register: Register
    let unit: Int64
    let official: Int64
    let organisation: Int64
    let issue: Int64

    init(register: Register? = nil) throws {
        let register = try register ?? Register.inMemory()
        self.register = register
        unit = try register.add(RegisterCore.Unit(name: "Regionstyrelsen", kind: .board), by: .shell)
        official = try register.add(Official(name: "Anna Lindqvist", title: "Regionråd", kind: .elected, party: "S", unit: unit,
                                             activeFrom: Day("2022-11-01")!), by: .shell)
        organisation = try register.add(Organisation(name: "Klarälvens Energi AB", kind: .company, organisationNumber: "5567101232"), by: .shell)
        issue = try register.add(Issue(title: "Dubbelspår på Exempelbanan", summary: "Utbyggnad.", position: "För.", unit: unit), by: .shell)
    }

    var publication: Publication {
        get throws { Publication(settings: try register.settings()) }
    }

    func meeting(_ subject: String = "Värmlandsbanan", summary: String = "Vi diskuterade tidplanen.",
                 withheld: [MeetingField: Withholding] = [:],
                 people: [CounterpartPerson] = [CounterpartPerson(name: "Ulrika Fors", role: "VD")]) -> Meeting {
        Meeting(startsAt: Timestamp.parse("2026-11-20T13:30:00Z")!, durationMinutes: 60, place: "Regionens hus",
                format: .inPerson, direction: .inbound, initiator: .counterpart, participants: [official],
                counterparts: [Counterpart(organisation: organisation, people: people)], issues: [issue],
                subject: subject, summary: summary, withheld: withheld)
    }

    /// Publishes `count` meetings; every third is then corrected and every fifth withdrawn,
    /// so several records change more than once.
    @discardableResult
    func recordHistory(meetings count: Int) throws -> [Int64] {
        let ids = try (1...count).map { index in
            let id = try register.recordMeeting(meeting("Möte \(index)"), by: .shell)
            try register.publishMeeting(id, by: .shell)
            return id
        }
        for (index, id) in ids.enumerated() where index % 3 == 0 {
            try register.correctMeeting(id, with: meeting("Möte \(index + 1), rättat"), reason: "Fel ämne", by: .shell)
        }
        for (index, id) in ids.enumerated() where index % 5 == 0 {
            try register.withdrawMeeting(id, reason: "Registrerat av misstag", by: .shell)
        }
        return ids
    }

    @discardableResult
    func addWebhook(_ url: String, fromStart: Bool = true) throws -> Endpoint {
        try register.addEndpoint(NewEndpoint(url: url, kind: .webhook, secret: Self.secret, fromStart: fromStart), by: .shell)
    }

    @discardableResult
    func addCKAN(_ url: String, token: String = "ckan-api-token", fromStart: Bool = true) throws -> Endpoint {
        try register.addEndpoint(NewEndpoint(url: url, kind: .ckan, token: token, resourceId: "5f0e-meetings", fromStart: fromStart), by: .shell)
    }

    /// Publishes `count` meetings with subjects "Möte 1"…; returns their ids in order.
    @discardableResult
    func publishMeetings(_ count: Int) throws -> [Int64] {
        try (1...count).map { index in
            let id = try register.recordMeeting(meeting("Möte \(index)"), by: .shell)
            try register.publishMeeting(id, by: .shell)
            return id
        }
    }

    /// The public changes an endpoint is due to receive, in ledger order.
    func changes(for endpoint: Endpoint) throws -> [PublicChange] {
        try register.publicChanges(after: endpoint.createdAfterSequence)
    }
}

extension PushConfiguration {
    /// Delays short enough for tests: 50 ms backoff, 20 ms polling.
    static func fast(timeout: Duration = .seconds(5), maxAge: Duration = .seconds(60)) -> PushConfiguration {
        PushConfiguration(http: .init(connectTimeout: .seconds(2), timeout: timeout),
                          retry: RetryPolicy(baseDelay: .milliseconds(50), maxDelay: .seconds(2), maxAge: maxAge),
                          pollInterval: .milliseconds(20))
    }
}

let quietLogger: Logger = {
    var logger = Logger(label: "insyn.push.test")
    logger.logLevel = .critical
    return logger
}()

/// Runs a following worker until no delivering endpoint (enabled, not paused) has a
/// deliverable change left (held ones aside) or `timeout` passes, then stops it and
/// returns its report.
@discardableResult
func pushUntilSettled(_ register: Register, configuration: PushConfiguration = .fast(),
                      timeout: Duration = .seconds(30)) async throws -> PushReport {
    let worker = PushWorker(register: register, configuration: configuration, logger: quietLogger)
    let run = Task { try await worker.run() }
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try register.outboxStatus().filter(\.endpoint.isDelivering).allSatisfy({ $0.pending == $0.held }) { break }
        try await Task.sleep(for: .milliseconds(20))
    }
    worker.stop()
    let report = try await run.value
    #expect(try register.outboxStatus().filter(\.endpoint.isDelivering).allSatisfy { $0.pending == $0.held },
            "the worker did not settle within \(timeout)")
    return report
}

/// Waits until `condition` holds, recording an issue after 30 s.
func pollUntil(_ condition: () throws -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(30)
    while try !condition() {
        guard ContinuousClock.now < deadline else {
            Issue.record("condition not met within 30 s")
            return
        }
        try await Task.sleep(for: .milliseconds(20))
    }
}

extension ReceivedRequest {
    /// The records of a `datastore_upsert` request.
    func ckanRecords() throws -> [[String: Any]] {
        let envelope = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        return try #require(envelope["records"] as? [[String: Any]])
    }
}

/// What a receiver that deduplicates by `webhook-id` accepted: the first 2xx-answered
/// request of each id, in arrival order.
struct Accepted {
    let all: [ReceivedRequest]
    let first: [ReceivedRequest]

    init(_ received: [ReceivedRequest]) {
        all = received
        var seen = Set<String>()
        first = received.filter { request in
            guard let status = request.status, (200..<300).contains(status), let id = request.headers["webhook-id"] else { return false }
            return seen.insert(id).inserted
        }
    }

    /// Every change arrived, once, with exactly the public JSON event as its body.
    func expectExactlyOnce(_ changes: [PublicChange], json: PublicJSON, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let expected = Dictionary(uniqueKeysWithValues: changes.map { (json.publication.messageId($0), $0) })
        #expect(first.count == changes.count, "accepted \(first.count) distinct deliveries of \(changes.count)",
                sourceLocation: sourceLocation)
        #expect(Set(first.compactMap { $0.headers["webhook-id"] }) == Set(expected.keys), sourceLocation: sourceLocation)
        for request in first {
            guard let id = request.headers["webhook-id"], let change = expected[id] else { continue }
            #expect(request.body == String(decoding: try json.changeBytes(change), as: UTF8.self), sourceLocation: sourceLocation)
            #expect(request.headers["content-type"] == "application/json", sourceLocation: sourceLocation)
        }
    }

    /// First arrivals are in ledger order for each record (and, with `strictly`, overall).
    func expectLedgerOrder(_ changes: [PublicChange], json: PublicJSON, strictly: Bool,
                           sourceLocation: SourceLocation = #_sourceLocation) {
        let byId = Dictionary(uniqueKeysWithValues: changes.map { (json.publication.messageId($0), $0) })
        let arrived = first.compactMap { $0.headers["webhook-id"].flatMap { byId[$0] } }
        if strictly {
            #expect(arrived.map(\.sequence) == arrived.map(\.sequence).sorted(), sourceLocation: sourceLocation)
        }
        let records = Dictionary(grouping: arrived) { "\($0.entity)/\($0.entityId)" }
        for (record, sequence) in records {
            #expect(sequence.map(\.sequence) == sequence.map(\.sequence).sorted(), "\(record) arrived out of order",
                    sourceLocation: sourceLocation)
        }
    }

    /// Every request, retries included, carries a Standard Webhooks signature that verifies.
    func expectSignatures(secret: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let signer = try WebhookSigner(secret: secret)
        for request in all {
            #expect(throws: Never.self, sourceLocation: sourceLocation) {
                try signer.verify(headers: request.headers, body: Array(request.body.utf8))
            }
        }
    }
}
