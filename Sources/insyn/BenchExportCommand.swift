import ArgumentParser
import Foundation
import Publishing
import RegisterCore

/// `insyn bench export`: generates (or reuses) a synthetic register of N published
/// meetings, then times the public JSON export against `sqlite3 -json` selecting
/// the same data, in the same run, and reports the export's peak resident memory.
struct BenchExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Time the public JSON export against `sqlite3 -json` on a synthetic register, its peak memory, and feed regeneration.",
        discussion: """
            The register at --db (default Data/bench-N.sqlite) is reused when it holds N meetings, completed when it
            holds fewer, and created otherwise; only a register made by this command is ever written to. Both programs
            run as child processes writing to a file through standard output; each is run --runs times, alternately,
            after the database file has been read once to warm the page cache, and the median time counts. Then the main
            feed and one past monthly archive are regenerated from the register in this process and timed.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "How many published meetings the register holds.") var meetings = 1_000_000
    @Option(help: "How many times to run each export.") var runs = 3
    @Option(help: ArgumentHelp("The sqlite3 command-line program.", valueName: "path")) var sqlite3 = "/usr/bin/sqlite3"

    func validate() throws {
        guard meetings > 0 else { throw CLIError("--meetings must be at least 1") }
        guard runs > 0 else { throw CLIError("--runs must be at least 1") }
    }

    func run() throws {
        guard FileManager.default.isExecutableFile(atPath: sqlite3) else {
            throw CLIError("\(sqlite3) not found: install it with `apt-get install sqlite3` or give --sqlite3 PATH")
        }
        let path = global.db ?? "Data/bench-\(meetings).sqlite"
        let register = try Register.open(path: path)
        try Self.prepare(register, meetings: meetings, at: path)
        let (settings, head) = try register.read { snapshot in (try snapshot.settings(), try snapshot.ledgerHead()) }
        warmPageCache(path)

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("insyn-bench-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let ours = ChildProcess(path: try Self.executablePath(), arguments: ["--db", path, "export", "--format", "json"])
        let baseline = ChildProcess(path: sqlite3, arguments: ["-json", "-readonly", path,
                                                               SQLiteJSONBaseline.query(Publication(settings: settings))])
        var results: (ours: [Measurement], baseline: [Measurement]) = ([], [])
        for run in 0..<runs {
            let order = run % 2 == 0 ? [true, false] : [false, true]
            for isOurs in order {
                let measurement = try measure(isOurs ? ours : baseline, into: directory.appendingPathComponent(isOurs ? "insyn.json" : "sqlite3.json").path)
                if isOurs { results.ours.append(measurement) } else { results.baseline.append(measurement) }
            }
        }
        report(path: path, head: head, ours: results.ours, baseline: results.baseline)
        for line in try FeedTiming.measure(register).lines { print(line) }
    }

    /// Brings the benchmark register at `path` to `meetings` published meetings, through the write path.
    static func prepare(_ register: Register, meetings: Int, at path: String) throws {
        let existing = try register.read { try $0.publicMeetingCount() }
        let isBenchmark = try register.settings().bodyName == BenchmarkRegister.bodyName
        guard existing != meetings || !isBenchmark else {
            print("Reusing \(path): \(existing) published meetings.")
            return
        }
        let started = ContinuousClock.now
        var lastReport = started
        let added = try BenchmarkRegister.fill(register, meetings: meetings) { done in
            let now = ContinuousClock.now
            guard now - lastReport > .seconds(10) || done == meetings else { return }
            lastReport = now
            let rate = Double(done - existing) / seconds(now - started)
            FileHandle.standardError.write(Data("  \(done) of \(meetings) meetings (\(Int(rate)) a second)\n".utf8))
        }
        let elapsed = seconds(ContinuousClock.now - started)
        print(String(format: "Generated %d meetings into %@ through the write path in %.0f s (%.0f meetings a second).",
                     added, path, elapsed, Double(added) / max(elapsed, 0.001)))
    }

    struct Measurement {
        var seconds: Double
        var peakResidentBytes: Int
        var outputBytes: Int
    }

    private func measure(_ child: ChildProcess, into output: String) throws -> Measurement {
        let result = try child.run(standardOutput: output)
        guard result.exitStatus == 0 else { throw CLIError("\(child.path) exited with status \(result.exitStatus)") }
        let size = (try FileManager.default.attributesOfItem(atPath: output)[.size] as? NSNumber)?.intValue ?? 0
        try FileManager.default.removeItem(atPath: output)
        return Measurement(seconds: result.seconds, peakResidentBytes: result.peakResidentBytes, outputBytes: size)
    }

    private func report(path: String, head: LedgerHead, ours: [Measurement], baseline: [Measurement]) {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        let oursTime = median(ours.map(\.seconds)), baselineTime = median(baseline.map(\.seconds))
        let peak = ours.map(\.peakResidentBytes).max() ?? 0
        let ratio = baselineTime / oursTime
        let runsWidth = max(10, 7 * runs)
        func row(_ name: String, _ runs: [Measurement]) -> String {
            pad(name, 30) + pad(String(format: "%.2f s", median(runs.map(\.seconds))), 10, right: true)
                + "   " + pad(runs.map { String(format: "%.2f", $0.seconds) }.joined(separator: " "), runsWidth)
                + pad(String(format: "%.1f MB", megabytes(runs.map(\.outputBytes).max() ?? 0)), 12, right: true)
                + pad(String(format: "%.1f MB", megabytes(runs.map(\.peakResidentBytes).max() ?? 0)), 12, right: true)
        }
        print("""
            Register: \(path): \(meetings) published meetings, \(head.sequence) ledger changes, \(String(format: "%.0f", megabytes(size))) MB
            \(pad("program", 30))\(pad("median", 10, right: true))   \(pad("runs (s)", runsWidth))\(pad("output", 12, right: true))\(pad("peak RSS", 12, right: true))
            \(row("insyn export --format json", ours))
            \(row("sqlite3 -json, same data", baseline))
            (sqlite3 runs the query of Sources/insyn/SQLiteJSONBaseline.swift: every column of meeting, uri and url, and the
             participants, counterparts with their people, issues and documents of each meeting as json_group_array lists)
            \(String(format: "Speed relative to sqlite3 -json: %.2f (sqlite3 time / insyn time; target at least 0.70): ", ratio))\(ratio >= 0.7 ? "met" : "NOT met")
            \(String(format: "Peak resident memory of insyn export: %.1f MB (target under 100 MB): ", megabytes(peak)))\(peak < 100_000_000 ? "met" : "NOT met")
            """)
    }

    private func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return right ? padding + text : text + padding
    }

    /// Reads the database once so that neither program pays for a cold page cache.
    private func warmPageCache(_ path: String) {
        for file in [path, path + "-wal"] {
            guard let handle = FileHandle(forReadingAtPath: file) else { continue }
            while let chunk = try? handle.read(upToCount: 1 << 22), !chunk.isEmpty {}
            try? handle.close()
        }
    }

    static func executablePath() throws -> String {
        let path = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        guard FileManager.default.isExecutableFile(atPath: path) else { throw CLIError("cannot find the insyn executable at \(path)") }
        return path
    }

    private func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    private func megabytes(_ bytes: Int) -> Double { Double(bytes) / 1_000_000 }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
