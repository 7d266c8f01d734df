import ArgumentParser
import Foundation
import RegisterCore

/// The command-line program: keeps the register, publishes it, pushes it, verifies it.
@main
struct Insyn: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "insyn",
        abstract: "Insyn – a lobbying transparency register: who met whom, for which organisation, on which issue.",
        discussion: """
            The register is one SQLite file: --db PATH, else $INSYN_DB, else Data/insyn.sqlite.
            Start with `insyn init` (or `insyn demo` for fictitious demo data), then see `insyn help <command>`.
            Every failure prints one line to standard error, "Error: …", and exits with status 1;
            a wrong command line (unknown option, missing or malformed argument) exits with status 64.
            """,
        subcommands: [
            InitCommand.self, DemoCommand.self, ConfigCommand.self,
            UnitCommand.self, OfficialCommand.self, OrganisationCommand.self, IssueCommand.self, MeetingCommand.self,
            ExportCommand.self, PublishCommand.self, LedgerCommand.self, VerifyCommand.self,
            ImportCommand.self,
            EndpointCommand.self, PushCommand.self, ServeCommand.self, BenchCommand.self,
            AccountCommand.self, TokenCommand.self, AccessLogCommand.self, GroundCommand.self,
            BackupCommand.self, RestoreCommand.self,
            ReportCommand.self,
            ReviewCommand.self,
        ])

    @OptionGroup var global: GlobalOptions

    /// A receiver that closes its connection must fail one delivery with EPIPE, not end
    /// the process with SIGPIPE. Failures are reported as one line (see `ErrorLine`); a
    /// database failure names no SQL, and with INSYN_DEBUG set SQLite's own report
    /// precedes it on standard error, for developers.
    static func main() async {
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try await asyncParseAsRoot(nil)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if let failure = error as? RegisterFailure, ProcessInfo.processInfo.environment["INSYN_DEBUG"] != nil {
                FileHandle.standardError.write(Data("debug: \(failure.detail)\n".utf8))
            }
            let code = exitCode(for: error)
            let full = fullMessage(for: error)
            guard code != .success, !full.isEmpty else { exit(withError: error) }
            FileHandle.standardError.write(Data((ErrorLine.text(message: message(for: error), full: full) + "\n").utf8))
            Foundation.exit(code.rawValue)
        }
    }
}
