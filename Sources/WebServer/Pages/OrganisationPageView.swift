import Publishing
import RegisterCore

/// The organisation page's view: kind, organisationsnummer (a sole trader is only
/// marked "enskild firma": its personnummer is never public), EU Transparency
/// Register id linked to the EU register, website; the issues it met us about; its
/// meetings as a counterpart and, apart, as a client represented by others; its feed.
struct OrganisationPageView: PageView {
    static let template = "organisation"

    /// An issue the organisation's meetings were about, with their counts.
    struct IssueRow: Sendable {
        let title: String
        let href: String
        let meetings: String
        let inbound: String
        let outbound: String
    }

    let title: String
    let facts: [SubjectFact]
    let issues: [IssueRow]
    let hasIssues: Bool
    let asCounterpart: SubjectMeetingTable
    let asClient: SubjectMeetingTable
    let feedLink: PageLink
    let feeds: [PageLink]

    init(_ organisation: PublicOrganisation, issues: [IssueCount], asCounterpart: SubjectMeetingTable, asClient: SubjectMeetingTable,
         catalogue: CatalogueIndex, context: PageContext) {
        title = organisation.name
        var facts = [SubjectFact(context["organisationKind"], context["organisationKind-\(organisation.kind.rawValue)"])]
        if organisation.soleTrader {
            facts.append(SubjectFact(context["organisationNumber"], context["organisationSoleTrader"]))
        } else {
            facts.append(SubjectFact(context["organisationNumber"], organisation.organisationNumber ?? context["subjectNone"]))
        }
        if let eu = organisation.euTransparencyId {
            facts.append(SubjectFact(context["organisationEU"], eu, href: Self.euRegisterPage(eu)))
        } else {
            facts.append(SubjectFact(context["organisationEU"], context["subjectNone"]))
        }
        if let website = organisation.website {
            facts.append(SubjectFact(context["organisationWebsite"], website, href: website))
        }
        self.facts = facts
        self.issues = issues.map { count in
            IssueRow(title: catalogue.issueTitle(count.issue), href: SiteURL.issue(count.issue).path, meetings: String(count.meetings),
                     inbound: String(count.inbound), outbound: String(count.outbound))
        }
        hasIssues = !issues.isEmpty
        self.asCounterpart = asCounterpart
        self.asClient = asClient
        feedLink = PageLink(context.strings.format("subjectFeed", organisation.name), .feed(.organisation(organisation.id)))
        feeds = [feedLink]
    }

    /// The EU Transparency Register's public page of the organisation with this id.
    static func euRegisterPage(_ id: String) -> String {
        "https://transparency-register.europa.eu/searchregister-or-update/organisation-detail_en?id="
            + PageContext.encodeComponent(id)
    }
}
