import Hummingbird
import Publishing
import RegisterCore

/// `/healthz`, for a load balancer or systemd's watchdog: 200 "ok" while the server
/// answers and the register can be read, 503 when it cannot.
struct HealthController: SiteController {
    let register: Register

    func addRoutes(to router: Router<InsynRequestContext>) {
        router.get(RouterPath(SiteURL.health.routePattern)) { _, context -> Response in
            do {
                _ = try await register.readableHead()
                return Self.answer(.ok, "ok\n")
            } catch {
                context.logger.error("health check: the register cannot be read", metadata: ["error": .string("\(error)")])
                return Self.answer(.serviceUnavailable, "unavailable: the register cannot be read\n")
            }
        }
    }

    private static func answer(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
