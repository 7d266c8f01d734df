import Delivery
import Foundation
import Hummingbird
import Logging
import NIOCore
import Publishing
import ServiceLifecycle
import RegisterCore

/// Where the server listens, and how long it keeps a connection that sends nothing.
public struct ServerAddress: Sendable {
    public var host: String
    public var port: Int
    /// A connection idle (or too slow to finish a request) this long is closed.
    public var idleTimeout: Duration

    public static let defaultIdleTimeout: Duration = .seconds(30)

    public init(host: String = "127.0.0.1", port: Int = 8080, idleTimeout: Duration = ServerAddress.defaultIdleTimeout) {
        self.host = host
        self.port = port
        self.idleTimeout = idleTimeout
    }
}

/// Builds the register's web application: the feeds, the schemas and the landing
/// page, served from the same code that `insyn publish` writes to Feeds/. Every route
/// answers GET and HEAD; another method on a route gets 405 with `Allow`. A push
/// worker, when given, runs beside the server and stops with it. `onServerRunning` is
/// called once the server is listening.
public func buildApplication(register: Register, address: ServerAddress = ServerAddress(), pushWorker: PushWorker? = nil,
                             logger: Logger = Logger(label: "insyn"),
                             onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }) -> some ApplicationProtocol {
    let router = Router(options: .autoGenerateHeadEndpoints)
    router.add(middleware: LogRequestsMiddleware(.debug))
    HomeController(register: register).addRoutes(to: router)
    FeedController(register: register).addRoutes(to: router.group("feeds"))
    SchemaController().addRoutes(to: router.group("schema"))
    router.get("healthz") { _, _ in "ok" }
    let nanoseconds = address.idleTimeout.components.seconds * 1_000_000_000 + address.idleTimeout.components.attoseconds / 1_000_000_000
    return Application(
        responder: MethodNotAllowedResponder(router.buildResponder()),
        server: .http1(configuration: .init(idleTimeout: .nanoseconds(nanoseconds))),
        configuration: .init(address: .hostname(address.host, port: address.port), serverName: "Insyn"),
        services: pushWorker.map { [PushService(worker: $0)] } ?? [],
        onServerRunning: onServerRunning,
        logger: logger)
}
