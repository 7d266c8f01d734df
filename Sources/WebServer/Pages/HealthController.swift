import Hummingbird
import Publishing

/// `/healthz`: "ok" while the server answers.
struct HealthController: SiteController {
    func addRoutes(to router: Router<InsynRequestContext>) {
        router.get(RouterPath(SiteURL.health.routePattern)) { _, _ in "ok" }
    }
}
