import ArgumentParser
import Foundation
import Publishing
import RegisterCore

/// `insyn bench import`: how fast a batch import records meetings, against `sqlite3
/// .import` of the same CSV file into a plain table, in the same run.
struct BenchImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Time `insyn import --publish` of an export against `sqlite3 .import` of its meetings CSV.",
        discussion: """
            Generates (or reuses) the synthetic register of `bench export` with N published meetings at --db (default
            Data/bench-N.sqlite), exports it with `export --format csv --out-dir`, then runs, as child processes, alternately
            and --runs times each: `sqlite3 FILE.db` with `.import --csv meetings.csv meetings` into a fresh database file,
            and `insyn import --from DIR --publish` into a fresh register (created beforehand, not timed). It checks that the
            last imported register's ledger verifies and prints the median times and their ratio beside the 0.3 target.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "How many published meetings the export holds.") var meetings = 100_000
    @Option(help: "How many times to run each program.") var runs = 1
    @Option(help: ArgumentHelp("The sqlite3 command-line program.", valueName: "path")) var sqlite3 = "/usr/bin/sqlite3"
    @Option(help: ArgumentHelp("Where to put the export and the fresh databases (default: beside --db).", valueName: "path"))
    var directory: String?

    static let target = 0.3

    func validate() throws {
        guard meetings > 0 else { throw CLIError("--meetings must be at least 1") }
        guard runs > 0 else { throw CLIError("--runs must be at least 1") }
    }

    func run() throws {
        guard FileManager.default.isExecutableFile(atPath: sqlite3) else {
            throw CLIError("\(sqlite3) not found: install it with `apt-get install sqlite3` or give --sqlite3 PATH")
        }
        let path = global.db ?? "Data/bench-\(meetings).sqlite"
        let source = try Register.open(path: path)
        try BenchExportCommand.prepare(source, meetings: meetings, at: path)

        let parent = URL(fileURLWithPath: directory ?? URL(fileURLWithPath: path).deletingLastPathComponent().path)
        let work = parent.appendingPathComponent("insyn-bench-import-\(getpid())")
        let export = work.appendingPathComponent("export")
        try FileManager.default.createDirectory(at: export, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        try source.read { snapshot in
            for entity in RegisterCSVExport.Entity.allCases {
                let file = export.appendingPathComponent("\(entity.rawValue).csv").path
                try RegisterCSVExport().write(entity, snapshot, to: try FileSink(path: file))
            }
        }
        let csv = export.appendingPathComponent("meetings.csv").path
        let csvSize = (try FileManager.default.attributesOfItem(atPath: csv)[.size] as? NSNumber)?.intValue ?? 0

        let insyn = try BenchExportCommand.executablePath()
        var times: (insyn: [Double], sqlite: [Double]) = ([], [])
        var imported = ""
        for run in 0..<runs {
            for isOurs in run % 2 == 0 ? [false, true] : [true, false] {
                let database = work.appendingPathComponent("\(isOurs ? "register" : "plain")-\(run).sqlite").path
                let child: ChildProcess
                if isOurs {
                    _ = try Register.open(path: database)
                    child = ChildProcess(path: insyn, arguments: ["--db", database, "import", "--from", export.path, "--publish"])
                    imported = database
                } else {
                    child = ChildProcess(path: sqlite3, arguments: [database, ".import --csv \(csv) meetings"])
                }
                let result = try child.run(standardOutput: work.appendingPathComponent("out.txt").path)
                guard result.exitStatus == 0 else { throw CLIError("\(child.path) exited with status \(result.exitStatus)") }
                if isOurs { times.insyn.append(result.seconds) } else { times.sqlite.append(result.seconds) }
                if run < runs - 1 || !isOurs { try? removeDatabase(database) }
            }
        }
        let register = try Register.open(path: imported)
        let head = try register.verifyLedger()
        let count = try register.read { try $0.publicMeetingCount() }
        let ours = median(times.insyn), baseline = median(times.sqlite)
        let ratio = baseline / ours
        print("""
            Export of \(path): \(meetings) published meetings; meetings.csv \(String(format: "%.1f", Double(csvSize) / 1_000_000)) MB
            \(pad("program", 44))\(pad("median", 10, right: true))   runs (s)
            \(pad("sqlite3 .import --csv (a plain table)", 44))\(pad(String(format: "%.2f s", baseline), 10, right: true))   \(times.sqlite.map { String(format: "%.2f", $0) }.joined(separator: " "))
            \(pad("insyn import --from DIR --publish", 44))\(pad(String(format: "%.2f s", ours), 10, right: true))   \(times.insyn.map { String(format: "%.2f", $0) }.joined(separator: " "))
            \(String(format: "insyn import: %.0f meetings a second; %d published, ledger verifies (%lld changes)", Double(meetings) / ours, count, head.sequence))
            \(String(format: "Speed relative to sqlite3 .import: %.2f (sqlite3 time / insyn time; target at least %.1f): ", ratio, Self.target))\(ratio >= Self.target ? "met" : "NOT met")
            """)
        try? removeDatabase(imported)
    }

    private func removeDatabase(_ path: String) throws {
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            try FileManager.default.removeItem(atPath: path + suffix)
        }
    }

    private func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return right ? padding + text : text + padding
    }

    private func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
