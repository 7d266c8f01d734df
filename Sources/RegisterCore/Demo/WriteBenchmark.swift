import Foundation

/// What making every commit durable costs: synthetic meetings recorded and published
/// one transaction each, as `meeting add --publish` does, alternately into two fresh
/// registers in `directory`, one with the register's `synchronous = FULL` and one with
/// `NORMAL`, so that both see the machine at the same moments.
public enum WriteBenchmark {
    /// The time each write took, in the order written.
    public struct Timings: Sendable {
        public var full: [Duration] = []
        public var normal: [Duration] = []
    }

    public static func run(meetings count: Int, in directory: URL) throws -> Timings {
        let registers = try [Register.Synchronous.full, .normal].map { mode in
            let path = directory.appendingPathComponent("bench-write-\(mode.rawValue.lowercased()).sqlite").path
            let register = try Register.open(path: path, busyTimeout: Register.busyTimeout, synchronous: mode)
            guard try register.isEmpty() else {
                throw ValidationError("directory", "\(path) already exists; give an empty --directory")
            }
            try BenchmarkRegister.createCatalogue(register)
            return register
        }
        let catalogue = try BenchmarkRegister.Catalogue(of: registers[0])
        let clock = ContinuousClock()
        var timings = Timings()
        for index in 0..<count {
            let meeting = BenchmarkRegister.meeting(index, catalogue: catalogue)
            for which in index % 2 == 0 ? [0, 1] : [1, 0] {
                let started = clock.now
                try registers[which].recordAndPublishMeeting(meeting, by: .shell)
                let elapsed = clock.now - started
                if which == 0 { timings.full.append(elapsed) } else { timings.normal.append(elapsed) }
            }
        }
        return timings
    }
}
