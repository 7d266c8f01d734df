import Hummingbird
import Publishing
import RegisterCore

/// `/registrar`: the registrar's pages, one link each, with how many drafts wait for review.
struct RegistrarHomeController: SiteController {
    let pages: SignedInPages

    func addRoutes(to router: Router<InsynRequestContext>) {
        router.get(RouterPath(SiteURL.registrar.routePattern)) { request, context in
            try await pages.guarded(request, context, roles: SignedInPages.registrars) { _ in
                let page = try await pages.pageContext(request, context)
                let waiting = try await pages.register.read { try $0.reviewQueue().count }
                return try await pages.render(RegistrarHomeView(waiting: waiting, context: page), request: request, context: context)
            }
        }
    }
}

/// The registrar's start page: the review queue first, then the catalogue and the register's keeping.
struct RegistrarHomeView: PageView {
    static let template = "text-page"
    let title: String
    let intro: String
    let sections: [TextSection]

    init(waiting: Int, context: PageContext) {
        title = context["registrarTitle"]
        intro = context.strings.format(context.settings.requiresReview ? "registrarIntroReview" : "registrarIntroNoReview", String(waiting))
        sections = [
            TextSection(context["registrarReviewTitle"], [], links: [PageLink(context["registrarReviewTitle"], .reviewQueue)]),
            TextSection(context["registrarCatalogueHeading"], [], links: CatalogueKind.allCases.map {
                PageLink(context[$0.titleKey], .registrarCatalogue($0.rawValue))
            } + [PageLink(context["registrarGroundsTitle"], .registrarGrounds)]),
            TextSection(context["registrarKeepingHeading"], [], links: [
                PageLink(context["registrarAccountsTitle"], .registrarAccounts), PageLink(context["registrarTokensTitle"], .registrarTokens),
                PageLink(context["registrarEndpointsTitle"], .registrarEndpoints),
            ]),
        ]
    }
}
