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

/// An area of the site: adds its routes (from `SiteURL`) to the router.
protocol SiteController {
    func addRoutes(to router: Router<InsynRequestContext>)
}

/// Every area's controller, in one list: an area that lands adds its line here.
func siteControllers(register: Register, pages: PageResponder, forms: FormPages, metrics: ServerMetrics = ServerMetrics()) -> [any SiteController] {
    [
        HomeController(pages: pages),
        SearchPageController(pages: pages),
        MeetingController(pages: pages, signedIn: SignedInPages(forms: forms)),
        IssuePageController(pages: pages),
        OfficialPageController(pages: pages),
        OrganisationPageController(pages: pages),
        UnitPageController(pages: pages),
        OpenDataController(pages: pages),
        AboutController(pages: pages),
        DownloadController(register: register),
        StatisticsPageController(pages: pages),
        FeedController(register: register),
        SchemaController(),
        AssetController(theme: pages.renderer.theme),
        HealthController(register: register),
        MetricsController(register: register, metrics: metrics),
        MeetingsAPIController(api: APIResponder(register: register)),
        CatalogueAPIController(api: APIResponder(register: register)),
        RegisterAPIController(api: APIResponder(register: register)),
        MeetingWriteController(register: register),
        CatalogueWriteController<RegisterCore.Unit>(register: register),
        CatalogueWriteController<Official>(register: register),
        CatalogueWriteController<Organisation>(register: register),
        CatalogueWriteController<Issue>(register: register),
        LegalGroundController(register: register),
        EndpointWriteController(register: register),
        SignInController(pages: forms),
        SetPasswordController(pages: forms),
        OpenAPIController(pages: pages),
        DataCatalogueController(api: APIResponder(register: register)),
        MyMeetingsController(pages: SignedInPages(forms: forms)),
        FromCalendarController(pages: SignedInPages(forms: forms)),
        RegistrarHomeController(pages: SignedInPages(forms: forms)),
        ReviewQueueController(pages: SignedInPages(forms: forms)),
        RecordPagesController.catalogue(SignedInPages(forms: forms)),
        RecordPagesController.grounds(SignedInPages(forms: forms)),
        AccountsController(pages: SignedInPages(forms: forms)),
        EndpointsController(pages: SignedInPages(forms: forms)),
        MeetingFormController(pages: SignedInPages(forms: forms)),
        ComplianceController(register: register, forms: forms),
        AuditController(register: register, forms: forms),
        LedgerVerifyController(register: register, forms: forms),
        MeetingChangeController(pages: SignedInPages(forms: forms)),
    ]
}

/// Builds the register's web application: the public pages, the feeds, the
/// downloads and the schemas, each page in Swedish or English, rendered with
/// `renderer` (the built-in templates, or a theme's); the read and write API; sign-in.
/// Every GET route also answers HEAD; a method a path does not take gets 405 with
/// `Allow`; every response carries the security headers; errors are pages (problem
/// details under `/api/`). A push worker, when given, runs beside the
/// server and stops with it. `onServerRunning` is called once the server is listening.
/// Requests are counted and timed through swift-metrics (a no-op until the executable
/// bootstraps it with `metrics.factory`) and served with the register's state at
/// `/metrics`; with `accessLog`, each request is logged in one line to it.
public func buildApplication(register: Register, address: ServerAddress = ServerAddress(), renderer: PageRenderer = .builtIn,
                             pushWorker: PushWorker? = nil, logger: Logger = Logger(label: "insyn"),
                             metrics: ServerMetrics = ServerMetrics(), accessLog: Logger? = nil,
                             onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }) -> some ApplicationProtocol {
    let https = ((try? register.settings().base) ?? "").hasPrefix("https:")
    let router = buildRouter(register: register, renderer: renderer, https: https, metrics: metrics, accessLog: accessLog)
    let styles = SecurityHeadersResponder<RouterResponder<InsynRequestContext>>.styles(in: (try? StaticPublisher.stylesheet()) ?? [])
    let nanoseconds = address.idleTimeout.components.seconds * 1_000_000_000 + address.idleTimeout.components.attoseconds / 1_000_000_000
    return Application(
        responder: SecurityHeadersResponder(MethodNotAllowedResponder(router.buildResponder(), routes: router.routes), https: https,
                                             feedStyles: styles),
        server: .http1(configuration: .init(idleTimeout: .nanoseconds(nanoseconds))),
        configuration: .init(address: .hostname(address.host, port: address.port), serverName: "Insyn"),
        services: pushWorker.map { [PushService(worker: $0)] } ?? [],
        onServerRunning: onServerRunning,
        logger: logger)
}

/// The router of `buildApplication`: its middleware and every area's routes. Its
/// route table is what the hostile-input tests enumerate, so a route added later is
/// covered by them or named by their failure.
func buildRouter(register: Register, renderer: PageRenderer, https: Bool, metrics: ServerMetrics = ServerMetrics(),
                 accessLog: Logger? = nil) -> Router<InsynRequestContext> {
    let router = Router(context: InsynRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: MetricsMiddleware())
    if let accessLog { router.add(middleware: AccessLogMiddleware(logger: accessLog)) }
    router.add(middleware: ErrorPageMiddleware(register: register, renderer: renderer))
    router.add(middleware: LanguageMiddleware())
    let cookies = SessionCookies(secure: https)
    let forms = FormPages(register: register, renderer: renderer, cookies: cookies)
    router.add(middleware: AuthenticationMiddleware(register: register, cookies: cookies))
    router.add(middleware: CSRFMiddleware(pages: forms))
    let pages = PageResponder(register: register, renderer: renderer)
    for controller in siteControllers(register: register, pages: pages, forms: forms, metrics: metrics) {
        controller.addRoutes(to: router)
    }
    return router
}
