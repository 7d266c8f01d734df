import ArgumentParser
import Foundation
import RegisterCore

/// `insyn access-log`: who read confidential values, what and when (for the admin and the auditors).
struct AccessLogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "access-log",
        abstract: "Print the access log: every read of confidential values, oldest first. Nobody can change it.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Only the entries after this one (id).") var after: Int64 = 0
    @Option(help: "At most this many entries.") var limit = 1_000

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        for entry in try global.openRegister().accessLog(after: after, limit: limit) {
            let reader = "\(entry.reader.kind.rawValue)\(entry.reader.id.map { " \($0)" } ?? "") \(entry.reader.name) (\(entry.reader.role.rawValue))"
            let what = entry.entity + (entry.entityID.map { " \($0)" } ?? "")
            print([String(entry.id), Timestamp.format(entry.at), reader, what, entry.what].joined(separator: "\t"))
        }
    }
}
