import RegisterCore
import Synchronization

/// Reads the register's version (ledger head and settings) for many concurrent
/// requests at once. A request that arrives while a read is under way waits for the
/// next read, which starts after it arrived: so every request sees each change
/// committed before it came, and a burst of requests costs one read, not one each.
/// For a register in a file, the version read last is given again while the file's
/// `CommitProbe` says nothing was committed since that read began.
final class RegisterVersionReader: Sendable {
    private struct State {
        var reading = false
        var waiting: [CheckedContinuation<RegisterVersion, any Error>] = []
        /// The probe's number taken before the last read began, and the version that read found.
        var known: (dataVersion: Int64, version: RegisterVersion)?
    }

    let register: Register
    private let probe: CommitProbe?
    private let state = Mutex(State())

    init(register: Register) {
        self.register = register
        probe = try? register.commitProbe()
    }

    /// The version as of a read that started after this call, or as of the last read
    /// when nothing has been committed since it began.
    func current() async throws -> RegisterVersion {
        if let probe, let now = try? probe.dataVersion(),
           let known = state.withLock({ $0.known }), known.dataVersion == now {
            return known.version
        }
        return try await read()
    }

    private func read() async throws -> RegisterVersion {
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
            let before = try? probe?.dataVersion()
            do {
                let version = try await register.read { snapshot in try RegisterVersion(snapshot) }
                if let before { state.withLock { $0.known = (before, version) } }
                result = .success(version)
            } catch {
                result = .failure(error)
            }
            for continuation in batch { continuation.resume(with: result) }
        }
    }
}
