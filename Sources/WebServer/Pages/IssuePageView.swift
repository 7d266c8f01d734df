import Publishing
import RegisterCore

/// The issue page's view: our position or goal, the case number, status, owning
/// unit and policy areas; who sought to influence the issue (its footprint); its
/// meetings, newest first; its feed.
struct IssuePageView: PageView {
    static let template = "issue"
    /// How many organisations the footprint lists at most: the page stays quick to read and to serve.
    static let footprintRows = 200

    let title: String
    let summary: String
    /// The language the register's records are written in.
    let contentLang: String
    let facts: [SubjectFact]
    let footprint: FootprintTable
    /// Said when the footprint lists only the organisations with most meetings.
    let footprintCut: String?
    let meetings: SubjectMeetingTable
    let feedLink: PageLink
    let feeds: [PageLink]

    init(_ issue: PublicIssue, footprint: Footprint, meetings: SubjectMeetingTable, catalogue: CatalogueIndex, context: PageContext) {
        title = issue.title
        summary = issue.summary
        let contentLang = context.settings.language
        self.contentLang = contentLang
        var facts = [
            SubjectFact(context["issuePosition"], issue.position, contentLang: contentLang),
            SubjectFact(context["issueCaseNumber"], issue.caseNumber ?? context["subjectNone"]),
            SubjectFact(context["issueStatus"], context["issueStatus-\(issue.status.rawValue)"]),
            SubjectFact(context["issueUnit"], catalogue.units[issue.unit]?.name ?? "#\(issue.unit)", href: SiteURL.unit(issue.unit).path),
        ]
        facts.append(SubjectFact(context["issuePolicyAreas"],
                                 issue.policyAreas.isEmpty ? context["subjectNone"] : issue.policyAreas.joined(separator: ", "),
                                 contentLang: issue.policyAreas.isEmpty ? nil : contentLang))
        self.facts = facts
        var shown = footprint
        shown.entries = Array(footprint.entries.prefix(Self.footprintRows))
        self.footprint = FootprintTable(shown, catalogue: catalogue, context: context)
        footprintCut = footprint.entries.count > Self.footprintRows
            ? context.strings.format("issueFootprintCut", String(Self.footprintRows)) : nil
        self.meetings = meetings
        feedLink = PageLink(context.strings.format("subjectFeed", issue.title), .feed(.issue(issue.id)))
        feeds = [feedLink]
    }
}
