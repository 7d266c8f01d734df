import Foundation
import RegisterCore

/// Writes an endpoint's delivery outcomes to the outbox off the sending thread, those
/// that arrive within a few milliseconds in one transaction (group commit), so neither
/// the disk nor SQLite delays the next request. Every outcome is handed over only after
/// its answer came, so a crash loses at most the marks of those last milliseconds, and
/// those deliveries are sent again with the same id.
final class OutboxRecorder: @unchecked Sendable {
    /// How long outcomes gather before they are written together: short next to any
    /// receiver's answer, long enough to write hundreds at a time at full speed.
    static let gathering = DispatchTimeInterval.milliseconds(5)

    private let register: Register
    private let queue: DispatchQueue
    private let lock = NSLock()
    private var waiting: [OutboxAttempt] = []
    private var scheduled = false
    private var failure: (any Error)?

    init(register: Register, label: String) {
        self.register = register
        queue = DispatchQueue(label: label)
    }

    func add(_ attempt: OutboxAttempt) {
        let schedule = lock.withLock {
            waiting.append(attempt)
            defer { scheduled = true }
            return !scheduled
        }
        if schedule { queue.asyncAfter(deadline: .now() + Self.gathering) { self.write() } }
    }

    /// Returns once every outcome handed over so far is written; throws (once) the
    /// first write that failed since the last flush.
    func flush() throws {
        queue.sync { write() }
        let failed = lock.withLock {
            defer { failure = nil }
            return failure
        }
        if let failed { throw failed }
    }

    private func write() {
        let batch = lock.withLock {
            defer {
                waiting = []
                scheduled = false
            }
            return waiting
        }
        guard !batch.isEmpty else { return }
        do {
            try register.record(batch)
        } catch {
            lock.withLock { failure = failure ?? error }
        }
    }
}
