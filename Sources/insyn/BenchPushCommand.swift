import ArgumentParser
import Delivery
import Foundation
import Logging
import Publishing
import RegisterCore

/// `insyn bench …`: measurements that are too slow or too machine-dependent for tests.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure the register's performance.", subcommands: [BenchPushCommand.self])
}

/// `insyn bench push`: how fast push delivers, against what a plain load tool reaches on
/// the same receiver with the same body size, one kept-alive connection each.
struct BenchPushCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Push N public changes from a temporary register to a local receiver and compare the rate with wrk's.",
        discussion: "Target: push reaches at least half of wrk's rate. Needs python3 and wrk (apt-get install wrk).")

    @Option(help: "How many public changes to push.") var count = 10_000
    @Option(help: "The receiver script both measurements send to.") var receiver = "Tests/DeliveryTests/Fixtures/receiver.py"
    @Option(help: "How long wrk runs, in seconds.") var wrkSeconds = 5

    func validate() throws {
        guard count >= 5 else { throw ValidationError("--count must be at least 5") }
        guard wrkSeconds >= 1 else { throw ValidationError("--wrk-seconds must be at least 1") }
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
        let endpoint = try register.addEndpoint(NewEndpoint(
            url: server.url, kind: .webhook, secret: WebhookSigner.generateSecret(), fromStart: true))
        let changes = try register.publicChanges(after: 0)
        let json = PublicJSON(Publication(settings: try register.settings()))
        let bodySize = try changes.reduce(0) { $0 + (try json.changeBytes($1).count) } / changes.count

        note("Pushing…")
        var quiet = Logger(label: "insyn.bench")
        quiet.logLevel = .error
        let worker = PushWorker(register: register, configuration: PushConfiguration(), logger: quiet)
        let clock = ContinuousClock()
        let start = clock.now
        let cpuBefore = Self.processorTime()
        let report = try await worker.drain()
        let cpuPerDelivery = (Self.processorTime() - cpuBefore) / Double(count)
        let duration = (clock.now - start).components
        let elapsed = Double(duration.seconds) + Double(duration.attoseconds) / 1e18
        let received = try server.count()
        guard report.delivered == count, received == count else {
            throw CLIError("push delivered \(report.delivered) and the receiver counted \(received) of \(count) changes")
        }
        let pushRate = Double(count) / elapsed

        note("Running wrk for \(wrkSeconds) s…")
        try server.reset()
        let signature = "v1," + String(repeating: "A", count: 43) + "="
        let headers: [(name: String, value: String)] = [
            ("User-Agent", CurlHTTPClient.defaultUserAgent), ("Accept", "*/*"), ("Content-Type", "application/json"),
            ("webhook-id", json.publication.messageId(changes[changes.count / 2])), ("webhook-timestamp", "1795000000"),
            ("webhook-signature", signature),
        ]
        let wrkRate = try Wrk.rate(executable: wrk, url: server.url, headers: headers, bodySize: bodySize,
                                   seconds: wrkSeconds, in: directory).perSecond
        let ratio = pushRate / wrkRate
        print("""
            insyn bench push: \(count) public changes, JSON event bodies of \(bodySize) bytes on average, \
            one webhook endpoint (id \(endpoint.id)) at \(receiver) on 127.0.0.1
              push (libcurl, 1 connection, signed): \(count) deliveries in \(String(format: "%.2f", elapsed)) s = \(String(format: "%.0f", pushRate)) deliveries/s \
            (\(String(format: "%.0f", cpuPerDelivery * 1e6)) µs of insyn's CPU time each)
              wrk -t1 -c1 -d\(wrkSeconds)s, same body size:   \(String(format: "%.0f", wrkRate)) requests/s
              ratio push/wrk: \(String(format: "%.2f", ratio)) (target ≥ 0.50: \(ratio >= 0.5 ? "met" : "NOT met"))
            """)
    }

    /// `count` public changes: a small catalogue, then published meetings.
    static func record(publicChanges count: Int, in register: Register) throws {
        let unit = try register.add(RegisterCore.Unit(name: "Regionstyrelsen", kind: .board))
        let official = try register.add(Official(name: "Anna Lindqvist", title: "Regionråd", kind: .elected, party: "S",
                                                 unit: unit, activeFrom: Day("2022-11-01")!))
        let organisation = try register.add(Organisation(name: "Klarälvens Energi AB", kind: .company, organisationNumber: "5567101232"))
        let issue = try register.add(Issue(title: "Dubbelspår på Exempelbanan", summary: "Utbyggnad av banan.",
                                           position: "Regionen verkar för dubbelspår.", unit: unit))
        let first = Timestamp.parse("2026-01-05T08:00:00Z")!
        for index in 0..<(count - 4) {
            let meeting = Meeting(
                startsAt: first.addingTimeInterval(TimeInterval(index % 300) * 86_400), durationMinutes: 60, place: "Regionens hus",
                format: .inPerson, direction: .inbound, initiator: .counterpart, participants: [official],
                counterparts: [Counterpart(organisation: organisation, people: [CounterpartPerson(name: "Ulrika Fors", role: "VD")])],
                issues: [issue], subject: "Värmlandsbanan och godstrafiken, möte \(index + 1)",
                summary: "Bolaget presenterade sin syn på tidplanen för dubbelspåret och behovet av fler mötesspår.",
                documents: [MeetingDocument(title: "Skrivelse om godstrafiken", direction: .received)])
            try register.publishMeeting(try register.recordMeeting(meeting))
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
