import Foundation
import Publishing
import RegisterCore

/// Times what the server and `insyn publish` do to regenerate a feed: read the
/// register and render the main feed, or the newest archive page, from scratch.
struct FeedTiming {
    var mainFeed: (median: Double, runs: Int, bytes: Int)
    var archive: (path: String, median: Double, runs: Int, bytes: Int)?

    static func measure(_ register: Register, mainRuns: Int = 21, archiveRuns: Int = 21) throws -> FeedTiming {
        let main = try time(runs: mainRuns) { try FeedSet.read(register) { try $0.render(path: "meetings.atom") } }
        guard let path = try FeedSet.read(register, { $0.paths.last { $0.hasPrefix("archive/") } }) else { return FeedTiming(mainFeed: main) }
        let archive = try time(runs: archiveRuns) { try FeedSet.read(register) { try $0.render(path: path) } }
        return FeedTiming(mainFeed: main, archive: (path, archive.median, archive.runs, archive.bytes))
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
            lines.append(String(format: "The newest archive page (%@, %.0f kB), regenerated from the register: %.1f ms, median of %d",
                                archive.path, Double(archive.bytes) / 1000, archive.median * 1000, archive.runs))
        }
        return lines
    }
}
