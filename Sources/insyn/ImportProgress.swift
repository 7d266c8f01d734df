import Foundation

/// The import's progress on standard error, only when it is a terminal: rows done,
/// rows a second and the time left, rewritten in place a few times a second.
final class ImportProgress {
    private let total: Int
    private let started = ContinuousClock.now
    private var shown = ContinuousClock.now
    private let enabled = isatty(STDERR_FILENO) == 1

    init(total: Int) {
        self.total = total
    }

    func update(_ done: Int) {
        guard enabled, total > 0 else { return }
        let now = ContinuousClock.now
        guard done == total || now - shown >= .milliseconds(200) else { return }
        shown = now
        let elapsed = Double((now - started).components.attoseconds) / 1e18 + Double((now - started).components.seconds)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let left = rate > 0 ? Double(total - done) / rate : 0
        let line = String(format: "\r%d / %d meetings, %.0f a second, %.0f s left ", done, total, rate, left)
        FileHandle.standardError.write(Data(line.utf8))
        if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
