import Hummingbird
import RegisterCore
import Testing
@testable import WebServer

/// The hostile-input tests go through `HostileRoute.all`; this keeps that table equal
/// to the routes the application builds, so a route added later is covered or named here.
@Suite("Hostile input: every route of the application is in the hostile table")
struct HostileRouteTableTests {
    @Test func theHostileTableHasEveryRouteOfTheRouterAndNoOther() throws {
        let router = buildRouter(register: try Register.inMemory(), renderer: .builtIn, https: false)
        let routes = Set(router.routes.filter { $0.method != .head }.map { "\($0.method) \($0.path)" })
        let table = HostileRoute.all.map(\.description)
        #expect(Set(table).count == table.count, "a route is in HostileRoute.all twice")
        for missing in routes.subtracting(table).sorted() {
            Issue.record("\(missing) is not in HostileRoute.all (Tests/WebServerTests/Support/HostileRoutes.swift): add how to make a well-formed request of it, so the hostile-input tests cover it")
        }
        for stale in Set(table).subtracting(routes).sorted() {
            Issue.record("\(stale) is in HostileRoute.all but the application has no such route")
        }
    }
}

extension HostileRouteTableTests {
    /// The table's well-formed requests reach their handlers (the values name real
    /// records, the credentials and CSRF tokens work), so a hostile test that spoils one
    /// part of a request is refused for that part. Each write of the API gets a fresh
    /// register; the forms' share one (signing out, which ends its session, comes last).
    @Test func everyWellFormedRequestOfTheTableReachesItsHandler() async throws {
        let shared = try await HostileFixture.shared()
        let forms = try await HostileFixture.make()
        for route in HostileRoute.all.filter({ $0.path != "/sign-out" }) + HostileRoute.all.filter({ $0.path == "/sign-out" }) {
            let writes = route.method != .get
            let fixture = writes ? (route.isAPI ? try HostileFixture.makeForAPI() : forms) : shared
            try await buildApplication(register: fixture.register).test(.router) { client in
                let response = try await client.hostile(route.method, route.uri(fixture), headers: route.headers(fixture),
                                                        body: route.validBody(fixture))
                // A refusal by the handler's own checks (400, 409 for a record in another state, 422) shows the request reached it.
                #expect(response.status.code < 400 || [400, 409, 422].contains(response.status.code),
                        "\(route): \(response.status.code) \(response.text.prefix(300))")
            }
        }
    }
}
