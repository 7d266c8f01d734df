import Publishing
import RegisterCore

/// The header's links for a signed-in person: the pages of their role (an area
/// that adds signed-in pages adds its link here) and their name, which leads to
/// the sign-in page where they sign out.
struct AccountLinks: Sendable {
    let name: String
    let accountHref = SiteURL.signIn.path
    let links: [PageLink]

    init?(_ principal: Principal?, context: PageContext) {
        guard let principal else { return nil }
        name = principal.name
        var links: [PageLink] = []
        if principal.role != .auditor { links.append(PageLink(context["deskNavMyMeetings"], .myMeetings)) }
        if SignedInPages.registrars.contains(principal.role) { links.append(PageLink(context["registrarNav"], .registrar)) }
        if [.auditor, .admin].contains(principal.role) { links.append(PageLink(context["auditNav"], .audit)) }
        if principal.role == .registrar { links.append(PageLink(context["auditComplianceTitle"], .compliance)) }
        self.links = links
    }
}
