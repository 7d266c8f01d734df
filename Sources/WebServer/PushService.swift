import Delivery
import ServiceLifecycle

/// Runs the push worker beside the web server, so that `insyn serve` delivers every
/// public change as it happens; it stops with the server.
public struct PushService: Service {
    let worker: PushWorker

    public init(worker: PushWorker) {
        self.worker = worker
    }

    public func run() async throws {
        try await withTaskCancellationHandler {
            try await withGracefulShutdownHandler {
                _ = try await worker.run()
            } onGracefulShutdown: {
                worker.stop()
            }
        } onCancel: {
            worker.stop()
        }
    }
}
