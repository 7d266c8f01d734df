import ArgumentParser

/// `insyn bench …`: benchmarks run on a synthetic register, never on a real one.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure the register's speed on a large synthetic register.",
        subcommands: [BenchExportCommand.self])
}
