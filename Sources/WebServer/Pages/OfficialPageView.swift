import Publishing
import RegisterCore

/// The official page's view: name, title, party, unit, kind and active period; the
/// organisations they met most; their meetings, newest first; their feed.
struct OfficialPageView: PageView {
    static let template = "official"
    /// How many organisations "met most" lists.
    static let metMost = 10

    let title: String
    let facts: [SubjectFact]
    let metMost: FootprintTable
    let meetings: SubjectMeetingTable
    let feedLink: PageLink
    let feeds: [PageLink]

    init(_ official: PublicOfficial, metMost: Footprint, meetings: SubjectMeetingTable, catalogue: CatalogueIndex, context: PageContext) {
        title = official.name
        let active = official.activeTo.map {
            context.strings.format("officialActiveBetween", official.activeFrom.description, $0.description)
        } ?? context.strings.format("officialActiveFrom", official.activeFrom.description)
        facts = [
            SubjectFact(context["officialTitle"], official.title, contentLang: context.settings.language),
            SubjectFact(context["officialParty"], official.party ?? context["subjectNone"]),
            SubjectFact(context["officialUnit"], catalogue.units[official.unit]?.name ?? "#\(official.unit)",
                        href: SiteURL.unit(official.unit).path),
            SubjectFact(context["officialKind"], context["officialKind-\(official.kind.rawValue)"]),
            SubjectFact(context["officialActive"], active),
        ]
        self.metMost = FootprintTable(metMost, catalogue: catalogue, context: context)
        self.meetings = meetings
        feedLink = PageLink(context.strings.format("subjectFeed", official.name), .feed(.official(official.id)))
        feeds = [feedLink]
    }
}
