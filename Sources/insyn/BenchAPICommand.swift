import ArgumentParser
import Delivery
import Foundation
import Publishing
import RegisterCore
#if canImport(Glibc)
import Glibc
#endif

/// `insyn bench api`: the read API on the export benchmark's register, from one run:
/// p50/p99 under wrk of a filtered meetings page and of one meeting, and the change
/// stream from position 0 fetched whole beside `sqlite3` reading the same stored
/// change rows.
struct BenchAPICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api",
        abstract: "Load the read API with wrk (a filtered meetings page, one meeting) and time its change stream against sqlite3.",
        discussion: """
            The register at --db (default Data/bench-N.sqlite) is the one `insyn bench export` makes, generated or \
            completed here the same way. `insyn serve` runs as a child process on a free loopback port. Each page \
            gets wrk -t T -c C -d S --latency (target p99 under 50 ms). Then, --runs times and alternately, curl \
            fetches /api/v1/changes?since=0 whole and sqlite3 selects the public_body of the same change rows, each \
            writing to a file, after one untimed sqlite3 read of those rows (the server's quick_check has just read \
            the whole file, so without it the first timed run alone would read the rows from disk); the stream's speed is sqlite3's median time over ours (target at least 0.70). \
            Needs wrk, curl, sqlite3 and GNU time.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "How many published meetings the register holds.") var meetings = 1_000_000
    @Option(help: "How long wrk loads each target, in seconds.") var seconds = 10
    @Option(help: "wrk's threads.") var threads = 2
    @Option(help: "wrk's concurrent connections.") var connections = 16
    @Option(help: "How many times to fetch the change stream and run sqlite3.") var runs = 3
    @Option(help: ArgumentHelp("Measure only this target (repeatable): \(targets.joined(separator: ", ")). Default: all.",
                               valueName: "target")) var only: [String] = []

    func validate() throws {
        guard meetings > 0, seconds > 0, runs > 0 else { throw ValidationError("--meetings, --seconds and --runs must be at least 1") }
        guard threads > 0, connections >= threads else { throw ValidationError("--connections must be at least --threads, and both at least 1") }
        if let unknown = only.first(where: { !Self.targets.contains($0) }) {
            throw ValidationError("--only \(unknown): not a target; the targets are \(Self.targets.joined(separator: ", "))")
        }
    }

    func includes(_ target: String) -> Bool { only.isEmpty || only.contains(target) }

    /// The pages measured: a list with filters from the search page, and one meeting.
    static func pages(meeting: Int64) -> [(target: String, name: String, path: String)] { [
        ("meetings", "meetings: an issue, a direction and a date range", APIURL.meetings(query: "issue=1&direction=inbound&from=2025-01-01&limit=50").path),
        ("meeting", "one meeting with its versions", APIURL.meeting(meeting).path),
    ] }
    static let targets = pages(meeting: 1).map(\.target) + ["stream"]

    func run() throws {
        guard let wrk = Wrk.executable() else { throw CLIError("wrk is not installed; install it with `apt-get install wrk`") }
        for tool in ["/usr/bin/curl", "/usr/bin/sqlite3"] where !FileManager.default.isExecutableFile(atPath: tool) {
            throw CLIError("\(tool) not found: install it with `apt-get install \((tool as NSString).lastPathComponent)`")
        }
        let path = global.db ?? "Data/bench-\(meetings).sqlite"
        let register = try Register.open(path: path)
        try BenchExportCommand.prepare(register, meetings: meetings, at: path)
        let head = try register.ledgerHead()
        let server = try ServedRegister(executable: try BenchWebCommand.executablePath(), database: path)
        defer { server.stop() }
        let client = CurlHTTPClient(configuration: .init(timeout: .seconds(120), maxResponseBodyBytes: 1 << 24))
        let load = WrkLoad(executable: wrk, threads: threads, connections: connections, seconds: seconds)
        print("""
            insyn bench api: \(path): \(meetings) published meetings, \(head.sequence) ledger changes; \
            wrk -t\(threads) -c\(connections) -d\(seconds)s --latency, all on 127.0.0.1
            """)
        for page in Self.pages(meeting: Int64(meetings / 2)) where includes(page.target) {
            let label = "  \(page.name) \(page.path): "
            let probe = try client.send(HTTPRequest(url: server.url + page.path))
            guard probe.status == 200 else { throw CLIError(label + "answered \(probe.status)") }
            let result = try load.run(server.url + page.path)
            print(label + String(format: "%.0f requests/s, p50 %@, p99 %@ (target p99 < 50 ms): %@", result.requestsPerSecond,
                                 BenchWebCommand.milliseconds(result.p50), BenchWebCommand.milliseconds(result.p99),
                                 result.p99 < 0.050 ? "met" : "NOT met") + result.note)
        }
        guard includes("stream") else { return }

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("insyn-bench-api-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let stream = ChildProcess(path: "/usr/bin/curl", arguments: ["-sS", "--fail", server.url + APIURL.changes(since: 0).path])
        let baseline = ChildProcess(path: "/usr/bin/sqlite3", arguments: [
            "-readonly", path, "SELECT public_body FROM change WHERE seq > 0 AND public = 1 ORDER BY seq"])
        // `insyn serve` has just read the whole file (quick_check), which leaves little of the change rows in the page
        // cache: one untimed read of them first, so that no timed run of either side is the one that reads them from disk.
        let warmUpOutput = directory.appendingPathComponent("warm-up.txt").path
        let warmUp = try baseline.run(standardOutput: warmUpOutput)
        try FileManager.default.removeItem(atPath: warmUpOutput)
        guard warmUp.exitStatus == 0 else { throw CLIError("sqlite3 exited with status \(warmUp.exitStatus)") }
        var times: (stream: [Double], baseline: [Double]) = ([], [])
        var sizes: (stream: Int, baseline: Int) = (0, 0)
        for run in 0..<runs {
            for isStream in run % 2 == 0 ? [true, false] : [false, true] {
                let output = directory.appendingPathComponent(isStream ? "changes.jsonl" : "sqlite3.txt").path
                let result = try (isStream ? stream : baseline).run(standardOutput: output)
                guard result.exitStatus == 0 else { throw CLIError("\(isStream ? "curl" : "sqlite3") exited with status \(result.exitStatus)") }
                let size = (try FileManager.default.attributesOfItem(atPath: output)[.size] as? NSNumber)?.intValue ?? 0
                try FileManager.default.removeItem(atPath: output)
                if isStream { times.stream.append(result.seconds); sizes.stream = size } else { times.baseline.append(result.seconds); sizes.baseline = size }
            }
        }
        let ours = Self.median(times.stream), theirs = Self.median(times.baseline)
        let changes = try register.read { try $0.publicCounts().publicChanges }
        print(String(format: "  change stream /api/v1/changes?since=0: %d changes, %.1f MB in %.2f s (runs %@), %.1f µs a change",
                     changes, Double(sizes.stream) / 1e6, ours, times.stream.map { String(format: "%.2f", $0) }.joined(separator: " "),
                     ours / Double(max(changes, 1)) * 1e6))
        print(String(format: "  sqlite3 selecting the same rows' public_body: %.1f MB in %.2f s (runs %@, after one untimed run)",
                     Double(sizes.baseline) / 1e6, theirs, times.baseline.map { String(format: "%.2f", $0) }.joined(separator: " ")))
        let ratio = theirs / ours
        print(String(format: "  Speed of the change stream relative to sqlite3: %.2f (sqlite3 time / stream time; target at least 0.70): %@",
                     ratio, ratio >= 0.7 ? "met" : "NOT met"))
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
