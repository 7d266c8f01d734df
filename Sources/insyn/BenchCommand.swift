import ArgumentParser

/// `insyn bench …`: measurements that are too slow or too machine-dependent for tests.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure the register's performance.", subcommands: [BenchPushCommand.self])
}
