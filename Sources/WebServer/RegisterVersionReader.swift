import RegisterCore
import Synchronization

/// Reads the register's version (ledger head and settings) for many concurrent
/// requests at once. A request that arrives while a read is under way waits for the
/// next read, which starts after it arrived: so every request sees each change
/// committed before it came, and a burst of requests costs one read, not one each.
final class RegisterVersionReader: Sendable {
    private struct State {
        var reading = false
        var waiting: [CheckedContinuation<RegisterVersion, any Error>] = []
    }

    let register: Register
    private let state = Mutex(State())

    init(register: Register) {
        self.register = register
    }

    /// The version as of a read that started after this call.
    func current() async throws -> RegisterVersion {
        try await withCheckedThrowingContinuation { continuation in
            let start = state.withLock { state in
                state.waiting.append(continuation)
                defer { state.reading = true }
                return !state.reading
            }
            if start { Task { await self.readWhileWaited() } }
        }
    }

    private func readWhileWaited() async {
        while true {
            let batch = state.withLock { state in
                defer { state.waiting = [] }
                if state.waiting.isEmpty { state.reading = false }
                return state.waiting
            }
            guard !batch.isEmpty else { return }
            let result: Result<RegisterVersion, any Error>
            do {
                result = .success(try await register.read { snapshot in try RegisterVersion(snapshot) })
            } catch {
                result = .failure(error)
            }
            for continuation in batch { continuation.resume(with: result) }
        }
    }
}
