import Foundation
import Publishing
import RegisterCore

/// What `insyn import --from PATH` reads: a meetings CSV (`.csv`), a directory an
/// `export --format csv --out-dir` wrote (its `meetings.csv` with the catalogue files
/// beside it), or JSON Lines (`.jsonl`, a meeting per line in the command line's shape).
struct ImportSource {
    var rows: [ImportRow] = []
    var problems: [ImportProblem] = []
    var skipped: [Int] = []
    var filledIn = 0
    /// Whether problems name CSV columns (else the meeting's JSON fields).
    var isCSV = true

    static func read(_ path: String, timeZone: TimeZone) throws -> ImportSource {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw CLIError("cannot read \(path)") }
        var source = ImportSource()
        if isDirectory.boolValue {
            let directory = URL(fileURLWithPath: path)
            func file(_ name: String) throws -> [UInt8] {
                let file = directory.appendingPathComponent(name).path
                guard FileManager.default.fileExists(atPath: file) else {
                    throw CLIError("\(path) has no \(name); a directory to import is one `export --format csv --out-dir` wrote")
                }
                return Array(try InputFile.read(file, limit: InputFile.importLimit))
            }
            let catalogue = try MeetingCSVImport.Catalogue(units: try file("units.csv"), officials: try file("officials.csv"),
                                                           organisations: try file("organisations.csv"), issues: try file("issues.csv"))
            source.take(MeetingCSVImport(timeZone: timeZone, catalogue: catalogue).read(try file("meetings.csv")))
            return source
        }
        let data = try InputFile.read(path, limit: InputFile.importLimit)
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "csv":
            source.take(MeetingCSVImport(timeZone: timeZone).read(Array(data)))
        case "jsonl", "ndjson":
            let read = JSONLinesImport.read(Array(data), timeZone: timeZone)
            source.rows = read.rows
            source.problems = read.problems
            source.isCSV = false
        default:
            throw CLIError("\(path): give a .csv or .jsonl file, or a directory that `export --format csv --out-dir` wrote")
        }
        return source
    }

    private mutating func take(_ result: MeetingCSVImport.Result) {
        rows = result.rows
        problems = result.problems
        skipped = result.skipped
        filledIn = result.filledIn
    }

    /// A problem as the report prints it: line, then the column (or field), then what is wrong.
    func describe(_ problem: ImportProblem) -> String {
        let field = problem.field.isEmpty ? "" : isCSV ? MeetingCSVImport.column(for: problem.field) : problem.field
        return "line \(problem.line)\(field.isEmpty ? "" : ", \(field)"): \(problem.message)"
    }
}
