import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program with its standard output sent to a file and reports its wall time
/// and peak resident memory. The memory comes from GNU time (`/usr/bin/time -f %M`),
/// not from our own `wait4`: a child spawned from a large process is charged that
/// process's resident size when it calls exec, so only a small intermediary measures
/// the program alone.
struct ChildProcess {
    struct Result {
        var seconds: Double
        var peakResidentBytes: Int
        var exitStatus: Int32
    }

    static let timeProgram = "/usr/bin/time"

    let path: String
    let arguments: [String]

    func run(standardOutput: String) throws -> Result {
        guard FileManager.default.isExecutableFile(atPath: Self.timeProgram) else {
            throw CLIError("\(Self.timeProgram) not found: install GNU time with `apt-get install time`")
        }
        let statistics = standardOutput + ".time"
        defer { unlink(statistics) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, standardOutput, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv = ([Self.timeProgram, "-f", "%M", "-o", statistics, path] + arguments).map { strdup($0) }
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let started = ContinuousClock.now
        let spawned = posix_spawn(&pid, Self.timeProgram, &actions, nil, argv + [nil], environ)
        guard spawned == 0 else { throw CLIError("cannot run \(path): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw CLIError("waiting for \(path): \(String(cString: strerror(errno)))") }
        }
        let elapsed = ContinuousClock.now - started
        let report = (try? String(contentsOfFile: statistics, encoding: .utf8)) ?? ""
        guard let kilobytes = report.split(separator: "\n").last.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) else {
            throw CLIError("\(Self.timeProgram) reported no peak memory for \(path): \(report)")
        }
        return Result(seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                      peakResidentBytes: kilobytes * 1024,
                      exitStatus: status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F))
    }
}
