import Foundation
import Publishing
import RegisterCore

/// Times what the server and `insyn publish` do to regenerate a feed: read the
/// register and render the main feed, or one monthly archive, from scratch.
struct FeedTiming {
    var mainFeed: (median: Double, runs: Int, bytes: Int)
    var archive: (month: String, median: Double, runs: Int, bytes: Int)?

    static func measure(_ register: Register, mainRuns: Int = 21, archiveRuns: Int = 3) throws -> FeedTiming {
        let main = try time(runs: mainRuns) { try FeedSet(register: register).render(path: "meetings.atom") }
        let archivePaths = try FeedSet(register: register).paths.filter { $0.hasPrefix("archive/") }
        guard archivePaths.count >= 2 else { return FeedTiming(mainFeed: main) }
        let path = archivePaths[archivePaths.count - 2]
        let archive = try time(runs: archiveRuns) { try FeedSet(register: register).render(path: path) }
        return FeedTiming(mainFeed: main, archive: (String(path.dropFirst(8).dropLast(5)), archive.median, archive.runs, archive.bytes))
    }

    private static func time(runs: Int, _ render: () throws -> [UInt8]?) throws -> (median: Double, runs: Int, bytes: Int) {
        var seconds: [Double] = []
        var bytes = 0
        for _ in 0..<runs {
            let started = ContinuousClock.now
            bytes = try render()?.count ?? 0
            let elapsed = ContinuousClock.now - started
            seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        return (seconds.sorted()[seconds.count / 2], runs, bytes)
    }

    var lines: [String] {
        var lines = [String(format: "Main feed (meetings.atom, %.0f kB), regenerated from the register: %.1f ms, median of %d (target under 20 ms): %@",
                            Double(mainFeed.bytes) / 1000, mainFeed.median * 1000, mainFeed.runs, mainFeed.median < 0.020 ? "met" : "NOT met")]
        if let archive {
            lines.append(String(format: "One monthly archive (archive/%@.atom, %.1f MB), regenerated from the register: %.0f ms, median of %d",
                                archive.month, Double(archive.bytes) / 1_000_000, archive.median * 1000, archive.runs))
        }
        return lines
    }
}
