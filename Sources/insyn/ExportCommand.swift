import ArgumentParser
import Foundation
import Publishing
import RegisterCore

/// `insyn export`: the public register as JSON or CSV, or the public changes after a
/// ledger position as JSON Lines for mirrors.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the public register as JSON or CSV, or its public changes since a ledger position as JSON Lines.",
        discussion: """
            json   the whole public register in one document (schema: Data/schema/register.schema.json)
            csv    one entity per file: --entity meetings (default), units, officials, organisations or issues;
                   or --out-dir DIR for all five (DIR/meetings.csv, DIR/units.csv, …)
            jsonl  one change per line (schema: Data/schema/change.schema.json) after --since SEQ (default 0);
                   prints to standard error the sequence to pass as --since next time
            The meeting filters (--from, --to, --official, --org, --issue, --status, --search, --limit) select the
            meetings of json and csv exports. Drafts are never exported.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, csv, jsonl
    }

    @OptionGroup var global: GlobalOptions
    @Option(help: "json, csv or jsonl.") var format: Format = .json
    @Option(help: ArgumentHelp("Write to this file (atomically) instead of standard output.", valueName: "file")) var out: String?
    @Option(help: ArgumentHelp("With jsonl: export the public changes after this ledger sequence.", valueName: "seq")) var since: Int64?
    @Option(help: "With csv: units, officials, organisations, issues or meetings (default).") var entity: RegisterCSVExport.Entity?
    @Option(help: ArgumentHelp("With csv: write every entity, one file each, into this directory.", valueName: "dir")) var outDir: String?
    @OptionGroup var filter: MeetingFilterOptions

    func validate() throws {
        if since != nil && format != .jsonl { throw CLIError("--since is only for --format jsonl") }
        if entity != nil && format != .csv { throw CLIError("--entity is only for --format csv") }
        if outDir != nil && format != .csv { throw CLIError("--out-dir is only for --format csv") }
        if outDir != nil && (out != nil || entity != nil) { throw CLIError("--out-dir writes every entity; leave out --out and --entity") }
        if filter.status == .draft { throw CLIError("--status draft: drafts are not public and are never exported") }
        if format == .jsonl, try filter.filter(timeZone: .gmt) != .all {
            throw CLIError("meeting filters are for json and csv; --format jsonl exports every public change after --since")
        }
    }

    func run() throws {
        let register = try global.openRegister()
        let meetings = try filter.filter(timeZone: try register.settings().timeZone)
        switch format {
        case .json:
            let summary = try write(to: out) { try RegisterJSONExport(filter: meetings).write(register, to: $0) }
            if let out {
                note("Wrote \(summary.meetings) meetings to \(out); ledger head \(summary.head.sequence) \(summary.head.hash)")
            }
        case .csv:
            let csv = RegisterCSVExport(filter: meetings)
            if let outDir {
                try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true)
                try register.read { snapshot in
                    for entity in RegisterCSVExport.Entity.allCases {
                        let path = (outDir as NSString).appendingPathComponent("\(entity.rawValue).csv")
                        let rows = try write(to: path) { try csv.write(entity, snapshot, to: $0) }
                        note("Wrote \(rows) \(entity.rawValue) to \(path)")
                    }
                }
            } else {
                let entity = entity ?? .meetings
                let rows = try write(to: out) { try csv.write(entity, register, to: $0) }
                if let out { note("Wrote \(rows) \(entity.rawValue) to \(out)") }
            }
        case .jsonl:
            let after = since ?? 0
            let summary = try write(to: out) { try ChangeLinesExport(after: after).write(register, to: $0) }
            let last = summary.lastWritten.map { " (the last is \($0))" } ?? ""
            note("Wrote \(summary.changes) public changes after \(after)\(last); resume with --since \(summary.resumeAfter)")
        }
    }

    /// Runs `body` on a sink for `path` (atomic: the file appears whole or not at all)
    /// or for standard output, abandoning the file if `body` fails.
    private func write<T>(to path: String?, _ body: (FileSink) throws -> T) throws -> T {
        let sink = try path.map { try FileSink(path: $0) } ?? FileSink.standardOutput()
        do {
            return try body(sink)
        } catch {
            sink.discard()
            throw error
        }
    }

    private func note(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

extension RegisterCSVExport.Entity: ExpressibleByArgument {}
