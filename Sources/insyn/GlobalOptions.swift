import ArgumentParser
import Foundation
import RegisterCore

/// The options every command shares: which register to open.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The register's SQLite file.", valueName: "path"))
    var db: String?

    /// --db, else $INSYN_DB, else Data/insyn.sqlite.
    var databasePath: String {
        db ?? ProcessInfo.processInfo.environment["INSYN_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "Data/insyn.sqlite"
    }

    /// Opens the register; fails unless it exists, so a typo in a path never creates an empty register.
    func openRegister() throws -> Register {
        guard FileManager.default.fileExists(atPath: databasePath) else {
            throw CLIError("no register at \(databasePath); create one with `insyn --db \(databasePath) init` or `insyn --db \(databasePath) demo`")
        }
        return try Register.open(path: databasePath)
    }
}

/// A failure the program reports in one line.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
