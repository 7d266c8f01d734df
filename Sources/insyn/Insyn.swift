import ArgumentParser
import Foundation

/// The command-line program: keeps the register, publishes it, pushes it, verifies it.
@main
struct Insyn: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "insyn",
        abstract: "Insyn – a lobbying transparency register: who met whom, for which organisation, on which issue.",
        discussion: """
            The register is one SQLite file: --db PATH, else $INSYN_DB, else Data/insyn.sqlite.
            Start with `insyn init` (or `insyn demo` for fictitious demo data), then see `insyn help <command>`.
            """,
        subcommands: [
            InitCommand.self, DemoCommand.self, ConfigCommand.self,
            UnitCommand.self, OfficialCommand.self, OrganisationCommand.self, IssueCommand.self, MeetingCommand.self,
            ExportCommand.self, PublishCommand.self, LedgerCommand.self, VerifyCommand.self,
            EndpointCommand.self, PushCommand.self, ServeCommand.self, BenchCommand.self,
        ])

    @OptionGroup var global: GlobalOptions

    /// A receiver that closes its connection must fail one delivery with EPIPE, not end
    /// the process with SIGPIPE.
    static func main() async {
        signal(SIGPIPE, SIG_IGN)
        await main(nil)
    }
}
