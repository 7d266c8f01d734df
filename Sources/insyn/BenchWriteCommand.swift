import ArgumentParser
import Foundation
import RegisterCore

/// `insyn bench write`: what a durable commit costs. Records and publishes N meetings
/// one transaction each, alternately into two fresh temporary registers with
/// `synchronous = FULL` (the register's setting) and `NORMAL`, and compares them.
struct BenchWriteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "write",
        abstract: "Time single-meeting writes with synchronous FULL against NORMAL, in one run.",
        discussion: """
            Each write is `meeting add --publish`: one transaction holding two changes. The two registers are created
            in --directory (default: the directory of --db, so the disk the register lives on; a tmpfs would make
            syncing free) and removed afterwards.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "How many meetings to write into each register.") var meetings = 1000
    @Option(help: ArgumentHelp("Where to create the temporary registers.", valueName: "path")) var directory: String?

    func validate() throws {
        guard meetings >= 2 else { throw CLIError("--meetings must be at least 2") }
    }

    func run() throws {
        let parent = URL(fileURLWithPath: directory ?? URL(fileURLWithPath: global.databasePath).deletingLastPathComponent().path)
        let temporary = parent.appendingPathComponent("insyn-bench-write-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: temporary) }

        FileHandle.standardError.write(Data("Writing \(meetings) meetings into each of two registers in \(temporary.path)…\n".utf8))
        let timings = try WriteBenchmark.run(meetings: meetings, in: temporary)
        let full = Summary(timings.full), normal = Summary(timings.normal)
        print("insyn bench write: \(meetings) meetings recorded and published, one transaction (two changes) each, alternately into two fresh registers in \(parent.path)")
        print("synchronous    writes/s    median      p99")
        for (name, summary) in [("FULL", full), ("NORMAL", normal)] {
            print(name.padding(toLength: 11, withPad: " ", startingAt: 0)
                  + String(format: "%10.0f %8.2f ms %8.2f ms", summary.perSecond, summary.median * 1000, summary.p99 * 1000))
        }
        print(String(format: "FULL / NORMAL: %.2f× the median latency, %.2f× the p99, %.2f× the writes per second",
                     full.median / normal.median, full.p99 / normal.p99, full.perSecond / normal.perSecond))
    }

    /// Writes per second over the whole run, and latencies by nearest rank, in seconds.
    struct Summary {
        let perSecond: Double
        let median: Double
        let p99: Double

        init(_ durations: [Duration]) {
            let seconds = durations.map { Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18 }.sorted()
            perSecond = Double(seconds.count) / seconds.reduce(0, +)
            median = seconds[(seconds.count - 1) / 2]
            p99 = seconds[Int((Double(seconds.count) * 0.99).rounded(.up)) - 1]
        }
    }
}
