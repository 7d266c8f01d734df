import Delivery
import Foundation
import Hummingbird
import Logging
import Publishing
import ServiceLifecycle
import RegisterCore

/// Where the server listens.
public struct ServerAddress: Sendable {
    public var host: String
    public var port: Int

    public init(host: String = "127.0.0.1", port: Int = 8080) {
        self.host = host
        self.port = port
    }
}

/// Builds the register's web application: the feeds and the landing page, served
/// from the same code that `insyn publish` writes to Feeds/. A push worker, when
/// given, runs beside the server and stops with it.
public func buildApplication(register: Register, address: ServerAddress = ServerAddress(),
                             schemaDirectory: URL = URL(fileURLWithPath: "Data/schema"), pushWorker: PushWorker? = nil,
                             logger: Logger = Logger(label: "insyn")) -> some ApplicationProtocol {
    let router = Router()
    router.add(middleware: LogRequestsMiddleware(.debug))
    HomeController(register: register).addRoutes(to: router)
    FeedController(register: register).addRoutes(to: router.group("feeds"))
    SchemaController(directory: schemaDirectory).addRoutes(to: router.group("schema"))
    router.get("healthz") { _, _ in "ok" }
    return Application(
        router: router,
        configuration: .init(address: .hostname(address.host, port: address.port), serverName: "Insyn"),
        services: pushWorker.map { [PushService(worker: $0)] } ?? [],
        logger: logger)
}
