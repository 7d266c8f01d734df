import ArgumentParser
import Foundation
import RegisterCore

/// `insyn backup`: a consistent copy of the register while the server runs and writes.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the register to a file while it is in use (SQLite's online backup).",
        discussion: """
            The copy is of one instant, readable by its owner only (mode 0600: it holds confidential values), \
            one self-contained SQLite file, and written under a temporary name until it is complete. \
            Put it back with `insyn restore --from FILE --db PATH`.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("The file to write.", valueName: "file")) var out: String
    @Flag(help: "Replace the file if it exists.") var force = false

    func run() throws {
        let report = try global.openRegister().backup(to: out, replacing: force)
        print("Backed up \(global.databasePath) to \(report.path): \(report.head.sequence) changes, head \(report.head.hash), \(report.bytes) bytes")
    }
}

/// `insyn restore`: a checked backup put in the place of a register.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Put a backup in the place of a register, once it has passed every check.",
        discussion: """
            The copy must pass SQLite's integrity_check, have a schema this program knows (an older one is \
            migrated) and a ledger that verifies, before it is renamed over --db. An existing register is \
            replaced only with --force, and only when no server has it open.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("The backup to restore.", valueName: "file")) var from: String
    @Flag(help: "Replace the register at --db if there is one.") var force = false

    func run() throws {
        let report = try Register.restore(from: from, to: global.databasePath, replacing: force)
        print("Restored \(from) to \(report.path): integrity ok, schema \(report.schema), ledger verified, \(report.head.sequence) changes, head \(report.head.hash)")
    }
}
