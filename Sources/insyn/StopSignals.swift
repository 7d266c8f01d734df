import Foundation

/// Turns SIGINT and SIGTERM into a clean stop of a long-running command: the first one
/// asks it to finish what is in flight, a second one exits at once.
final class StopSignals: @unchecked Sendable {
    private let lock = NSLock()
    private var received = 0
    private var sources: [any DispatchSourceSignal] = []

    init(_ stop: @escaping @Sendable () -> Void) {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in
                let count = lock.withLock { received += 1; return received }
                guard count == 1 else { exit(128 + number) }
                FileHandle.standardError.write(Data("Stopping after the deliveries in flight (again to quit at once)…\n".utf8))
                stop()
            }
            source.resume()
            sources.append(source)
        }
    }

    func cancel() {
        sources.forEach { $0.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
