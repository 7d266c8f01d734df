import Foundation
import Hummingbird
import Publishing
import RegisterCore

/// `/metrics` in the Prometheus text format. Public, as is common: it holds counts,
/// route patterns and endpoint ids, never a value of the register; the nginx site in
/// Data/deploy/ lets only the monitoring host reach it.
struct MetricsController: SiteController {
    let register: Register
    let metrics: ServerMetrics

    func addRoutes(to router: Router<InsynRequestContext>) {
        router.get(RouterPath(SiteURL.metrics.routePattern)) { _, _ -> Response in
            let text = metrics.text(after: try await register.operationalState(), at: Date())
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                            body: .init(byteBuffer: ByteBuffer(bytes: text)))
        }
    }
}
