import ArgumentParser

/// `insyn bench …`: measurements too slow or too machine-dependent for tests, run on
/// synthetic registers and local receivers, never on a real register.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure the register's speed: exports and feeds, push, durable writes, and the web server.",
        subcommands: [BenchExportCommand.self, BenchPushCommand.self, BenchWriteCommand.self, BenchWebCommand.self, BenchAPICommand.self,
                      BenchImportCommand.self])
}
