import Hummingbird
import Publishing
import RegisterCore

/// The about page and the accessibility statement (tillgänglighetsredogörelse), both
/// linked from every page's footer.
struct AboutController: SiteController {
    let pages: PageResponder

    func addRoutes(to router: Router<InsynRequestContext>) {
        router.get(RouterPath(SiteURL.about.routePattern)) { request, context in
            try await pages.respond(to: request, context: context) { _, page in PageResult(AboutView(context: page)) }
        }
        router.get(RouterPath(SiteURL.accessibility.routePattern)) { request, context in
            try await pages.respond(to: request, context: context) { _, page in PageResult(AccessibilityView(context: page)) }
        }
    }
}

/// A titled section of running text.
struct TextSection: Sendable {
    let heading: String
    let paragraphs: [String]
    var links: [PageLink] = []
    var items: [String] = []
    let hasItems: Bool

    init(_ heading: String, _ paragraphs: [String], items: [String] = [], links: [PageLink] = []) {
        self.heading = heading
        self.paragraphs = paragraphs
        self.items = items
        self.links = links
        hasItems = !items.isEmpty
    }
}

/// The about page's view.
struct AboutView: PageView {
    static let template = "text-page"
    let title: String
    let intro: String
    let sections: [TextSection]

    init(context: PageContext) {
        title = context["aboutTitle"]
        intro = context.strings.format("aboutIntro", context.settings.bodyName)
        sections = [
            TextSection(context["aboutWhatHeading"], [context["aboutWhat"]]),
            TextSection(context["aboutCorrectionsHeading"], [context["aboutCorrections"]]),
            TextSection(context["aboutSecrecyHeading"], [context["aboutSecrecy"]]),
            TextSection(context["aboutLedgerHeading"], [context["aboutLedger"]],
                        links: [PageLink(context["aboutLedgerLink"], .openData),
                                PageLink(context["aboutAccessibilityLink"], .accessibility)]),
        ]
    }
}

/// The accessibility statement, in the parts the Agency for Digital Government
/// (Digg) asks for: who is responsible, how accessible the site is, how it was
/// tested, the compliance status, the known shortcomings, how to report a problem,
/// and the right to turn to Digg.
struct AccessibilityView: PageView {
    static let template = "text-page"
    let title: String
    let intro: String
    let sections: [TextSection]

    static let diggURL = "https://www.digg.se/tdosanmalan"

    init(context: PageContext) {
        let strings = context.strings
        title = context["a11yTitle"]
        intro = strings.format("a11yIntro", context.settings.bodyName)
        let settings = context.settings
        let contact = settings.contactEmail.isEmpty ? strings.format("a11yContact", settings.base) : settings.contactEmail
        sections = [
            TextSection(context["a11yHowHeading"], [context["a11yHow"]]),
            TextSection(context["a11yComplianceHeading"], [context["a11yCompliance"]]),
            TextSection(context["a11yShortcomingsHeading"], [],
                        items: [context["a11yShortcoming1"], context["a11yShortcoming2"], context["a11yShortcoming3"]]),
            TextSection(context["a11yReportHeading"], [strings.format("a11yReport", contact)],
                        links: settings.contactEmail.isEmpty ? [] : [PageLink(settings.contactEmail, "mailto:" + settings.contactEmail)]),
            TextSection(context["a11yDiggHeading"], [context["a11yDigg"]], links: [PageLink(context["a11yDiggLink"], Self.diggURL)]),
            TextSection(context["a11yStatusHeading"], [context["a11yStatus"], context["a11yUpdated"]]),
        ]
    }
}
