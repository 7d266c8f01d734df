import ArgumentParser
import Foundation
import Publishing
import RegisterCore

/// `insyn import`: brings in historical meetings from a spreadsheet or an export,
/// all or nothing, matching or creating the officials, organisations and issues they name.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import historical meetings from a meetings CSV, an export's CSV directory or JSON Lines.",
        discussion: """
            FILE.csv   the meetings CSV `export --format csv` writes (see the README, "Importing meetings"); officials,
                       organisations and issues by name, organisations by organisationsnummer in an optional
                       organisation_numbers column; missing ones are created
            DIR        a directory `export --format csv --out-dir DIR` wrote: meetings.csv with the catalogue's files
            FILE.jsonl a meeting per line in the shape of `meeting add` (ids of the register's records)
            Every row is checked first; any problem refuses the whole import, listing each bad row by line and column.
            The import is one transaction: all of it is recorded, or nothing.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("The file or directory to import.", valueName: "path")) var from: String
    @Flag(help: "Check everything and report what would be done, changing nothing.") var dryRun = false
    @Flag(help: "Publish the meetings too (else they are drafts).") var publish = false

    func run() throws {
        let register = try global.openRegister()
        let source = try ImportSource.read(from, timeZone: try register.settings().timeZone)
        let outcome = try Self.run(source, into: register, publish: publish, dryRun: dryRun)
        for line in outcome.lines { print(line) }
    }

    /// The import of `source`, and what it prints; throws with every problem on standard error.
    static func run(_ source: ImportSource, into register: Register, publish: Bool, dryRun: Bool) throws -> (report: ImportReport, lines: [String]) {
        var problems = source.problems
        var report: ImportReport?
        let progress = ImportProgress(total: source.rows.count)
        do {
            report = try register.importMeetings(source.rows, publish: publish, dryRun: dryRun || !problems.isEmpty, by: .shell,
                                                 progress: { progress.update($0) })
        } catch let failure as ImportFailure {
            problems += failure.problems
        }
        guard problems.isEmpty, let report else {
            let sorted = ImportFailure(problems: problems)
            for problem in sorted.problems { FileHandle.standardError.write(Data((source.describe(problem) + "\n").utf8)) }
            throw CLIError("\(from(sorted)); nothing was imported")
        }
        var lines: [String] = []
        let verb = dryRun ? "Would import" : "Imported"
        lines.append("\(verb) \(report.meetings.count) meeting\(report.meetings.count == 1 ? "" : "s")\(publish ? ", published" : " as drafts")"
                     + (report.meetings.isEmpty || dryRun ? "" : " (ids \(report.meetings.first!)–\(report.meetings.last!))") + ".")
        for entry in report.created {
            lines.append("\(dryRun ? "Would create" : "Created") \(entry.noun) \(dryRun ? "" : "\(entry.id) ")\(ValidationError.quote(entry.name, limit: 200))")
        }
        for entry in report.matched {
            lines.append("Matched \(entry.noun) \(entry.id) \(ValidationError.quote(entry.name, limit: 200)) by \(entry.matchedBy ?? "name")")
        }
        if !source.skipped.isEmpty {
            let shown = source.skipped.prefix(10).map(String.init).joined(separator: ", ") + (source.skipped.count > 10 ? ", …" : "")
            lines.append("Skipped \(source.skipped.count) withdrawn meeting\(source.skipped.count == 1 ? "" : "s") (a tombstone has no content): line\(source.skipped.count == 1 ? "" : "s") \(shown)")
        }
        if source.filledIn > 0 {
            lines.append("\(source.filledIn) withheld value\(source.filledIn == 1 ? " was" : "s were") empty in the file and recorded as \(ValidationError.quote(MeetingCSVImport.missingWithheld)) (still withheld)")
        }
        return (report, lines)
    }

    private static func from(_ failure: ImportFailure) -> String { failure.description.replacingOccurrences(of: "; nothing was imported", with: "") }
}
