import Publishing
import RegisterCore

/// The unit page's view: its kind, its officials, its issues and the meetings of its officials.
struct UnitPageView: PageView {
    static let template = "unit"

    /// An official or an issue of the unit: a link and a note (title, or status).
    struct Item: Sendable {
        let text: String
        let href: String
        let note: String
    }

    let title: String
    let facts: [SubjectFact]
    let officials: [Item]
    let hasOfficials: Bool
    let issues: [Item]
    let hasIssues: Bool
    let meetings: SubjectMeetingTable

    init(_ unit: PublicUnit, officials: [PublicOfficial], issues: [PublicIssue], meetings: SubjectMeetingTable, context: PageContext) {
        title = unit.name
        facts = [SubjectFact(context["unitKind"], context["unitKind-\(unit.kind.rawValue)"])]
        self.officials = officials.map { official in
            Item(text: official.name, href: SiteURL.official(official.id).path,
                 note: [official.title, official.party].compactMap { $0 }.joined(separator: ", "))
        }
        hasOfficials = !officials.isEmpty
        self.issues = issues.map { issue in
            Item(text: issue.title, href: SiteURL.issue(issue.id).path, note: context["issueStatus-\(issue.status.rawValue)"])
        }
        hasIssues = !issues.isEmpty
        self.meetings = meetings
    }
}
