import ArgumentParser
import Delivery
import Foundation
import Logging
import Publishing
import RegisterCore

/// `insyn bench push`: how fast push delivers, against what a plain load tool reaches on
/// the same receiver with the same body size, one kept-alive connection each.
struct BenchPushCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Push N public changes from a temporary register to a local receiver and compare the rate with wrk's.",
        discussion: """
            Target: push reaches at least half of wrk's rate. Each round also pushes the meetings to a ckan \
            endpoint on the same receiver (answering like CKAN's datastore_upsert), one record per request and \
            --ckan-batch records per request, and prints both records per second. Needs python3 and wrk \
            (apt-get install wrk).
            """)

    @Option(help: "How many public changes to push.") var count = 10_000
    @Option(help: "The receiver script both measurements send to.") var receiver = "Tests/DeliveryTests/Fixtures/receiver.py"
    @Option(help: "How long wrk runs, in seconds.") var wrkSeconds = 5
    @Option(help: "How many times to measure both, alternately; the median ratio is the result.") var rounds = 3
    @Option(help: "Records per datastore_upsert request in the batched ckan measurement.")
    var ckanBatch = PushConfiguration.defaultCKANBatchSize

    func validate() throws {
        guard count >= 5 else { throw ValidationError("--count must be at least 5") }
        guard wrkSeconds >= 1 else { throw ValidationError("--wrk-seconds must be at least 1") }
        guard rounds >= 1 else { throw ValidationError("--rounds must be at least 1") }
        guard (1...10_000).contains(ckanBatch) else { throw ValidationError("--ckan-batch must be between 1 and 10000") }
    }

    func run() async throws {
        guard let wrk = Wrk.executable() else {
            throw CLIError("wrk is not installed; install it with `apt-get install wrk` (Debian, Ubuntu) and run again")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("insyn-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        let server = try BenchReceiver(script: receiver)
        note("Recording \(count) public changes in a temporary register…")
        let register = try Register.open(path: directory.appendingPathComponent("bench.sqlite").path)
        try Self.record(publicChanges: count, in: register)
        let changes = try register.publicChanges(after: 0)
        let json = PublicJSON(Publication(settings: try register.settings()))
        let bodySize = try changes.reduce(0) { $0 + (try json.changeBytes($1).count) } / changes.count
        let headers: [(name: String, value: String)] = [
            ("User-Agent", CurlHTTPClient.defaultUserAgent), ("Accept", "*/*"), ("Content-Type", "application/json"),
            ("webhook-id", json.publication.messageId(changes[changes.count / 2])), ("webhook-timestamp", "1795000000"),
            ("webhook-signature", "v1," + String(repeating: "A", count: 43) + "="),
        ]
        print("""
            insyn bench push: \(count) public changes, JSON event bodies of \(bodySize) bytes on average, \
            a webhook endpoint and a ckan endpoint at \(receiver) on 127.0.0.1
            """)
        var ratios: [Double] = []
        for round in 1...rounds {
            note("Round \(round): pushing…")
            let push = try await pushAll(register: register, to: server, kind: .webhook)
            note("Round \(round): running wrk for \(wrkSeconds) s…")
            try server.reset()
            let wrkRate = try Wrk.rate(executable: wrk, url: server.url, headers: headers, bodySize: bodySize,
                                       seconds: wrkSeconds, in: directory).perSecond
            ratios.append(push.rate / wrkRate)
            print("""
                  round \(round): push (libcurl, 1 connection, signed) \(format(push.rate, "%.0f")) deliveries/s \
                (\(count) in \(format(push.seconds, "%.2f")) s, \(format(push.cpu * 1e6, "%.0f")) µs of insyn's CPU time each) | \
                wrk -t1 -c1 -d\(wrkSeconds)s, same body size, \(format(wrkRate, "%.0f")) requests/s | ratio \(format(ratios.last!, "%.2f"))
                """)
            var ckan: [String] = []
            for batch in [1, ckanBatch] {
                note("Round \(round): pushing to ckan, \(batch) per request…")
                let run = try await pushAll(register: register, to: server, kind: .ckan, ckanBatch: batch)
                ckan.append("batch \(batch): \(format(run.rate, "%.0f")) records/s (\(run.records) in \(format(run.seconds, "%.2f")) s)")
            }
            print("  round \(round): push to ckan (datastore_upsert, 1 connection) " + ckan.joined(separator: " | "))
        }
        let median = ratios.sorted()[ratios.count / 2]
        print("  median ratio push/wrk: \(format(median, "%.2f")) (target ≥ 0.50: \(median >= 0.5 ? "met" : "NOT met"))")
    }

    /// Queues every change for a fresh endpoint (the previous one removed) and drains
    /// it: the rate of records received (webhook: events; ckan: meeting rows), the wall
    /// time and this process's CPU time per record.
    private func pushAll(register: Register, to server: BenchReceiver, kind: EndpointKind,
                         ckanBatch: Int = PushConfiguration.defaultCKANBatchSize)
        async throws -> (rate: Double, seconds: Double, cpu: Double, records: Int) {
        for endpoint in try register.endpoints() {
            try register.removeEndpoint(endpoint.id, by: .shell)
        }
        let endpoint = switch kind {
        case .webhook: NewEndpoint(url: server.url, kind: .webhook, secret: WebhookSigner.generateSecret(), fromStart: true)
        case .ckan: NewEndpoint(url: server.ckanURL, kind: .ckan, token: "bench-token", resourceId: "bench-meetings", fromStart: true)
        }
        try register.addEndpoint(endpoint, by: .shell)
        try server.reset()
        var quiet = Logger(label: "insyn.bench")
        quiet.logLevel = .error
        let worker = PushWorker(register: register, configuration: PushConfiguration(ckanBatchSize: ckanBatch), logger: quiet)
        let clock = ContinuousClock()
        let start = clock.now
        let cpuBefore = Self.processorTime()
        let report = try await worker.drain()
        let duration = (clock.now - start).components
        let seconds = Double(duration.seconds) + Double(duration.attoseconds) / 1e18
        let expected = kind == .webhook ? count : count - Self.catalogueChanges
        let cpu = (Self.processorTime() - cpuBefore) / Double(expected)
        let received = try kind == .webhook ? server.count() : server.records()
        guard report.delivered == expected, received == expected else {
            throw CLIError("push delivered \(report.delivered) and the receiver counted \(received) of \(expected) \(kind) records")
        }
        return (Double(expected) / seconds, seconds, cpu, expected)
    }

    /// The public changes of `record(publicChanges:in:)` that are not meetings.
    static let catalogueChanges = 4

    private func format(_ value: Double, _ pattern: String) -> String {
        String(format: pattern, value)
    }

    /// `count` public changes: a small catalogue, then published meetings.
    static func record(publicChanges count: Int, in register: Register) throws {
        let unit = try register.add(RegisterCore.Unit(name: "Regionstyrelsen", kind: .board), by: .shell)
        let official = try register.add(Official(name: "Anna Lindqvist", title: "Regionråd", kind: .elected, party: "S",
                                                 unit: unit, activeFrom: Day("2022-11-01")!), by: .shell)
        let organisation = try register.add(Organisation(name: "Klarälvens Energi AB", kind: .company, organisationNumber: "5567101232"), by: .shell)
        let issue = try register.add(Issue(title: "Dubbelspår på Exempelbanan", summary: "Utbyggnad av banan.",
                                           position: "Regionen verkar för dubbelspår.", unit: unit), by: .shell)
        let first = Timestamp.parse("2026-01-05T08:00:00Z")!
        for index in 0..<(count - catalogueChanges) {
            let meeting = Meeting(
                startsAt: first.addingTimeInterval(TimeInterval(index % 300) * 86_400), durationMinutes: 60, place: "Regionens hus",
                format: .inPerson, direction: .inbound, initiator: .counterpart, participants: [official],
                counterparts: [Counterpart(organisation: organisation, people: [CounterpartPerson(name: "Ulrika Fors", role: "VD")])],
                issues: [issue], subject: "Värmlandsbanan och godstrafiken, möte \(index + 1)",
                summary: "Bolaget presenterade sin syn på tidplanen för dubbelspåret och behovet av fler mötesspår.",
                documents: [MeetingDocument(title: "Skrivelse om godstrafiken", direction: .received)])
            try register.publishMeeting(try register.recordMeeting(meeting, by: .shell), by: .shell)
        }
    }

    /// Processor time this process has used, all threads, in seconds.
    static func processorTime() -> Double {
        Double(clock()) / Double(CLOCKS_PER_SEC)
    }

    private func note(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
