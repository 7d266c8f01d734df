import Mustache
import Publishing
@testable import RegisterCore
import Testing
@testable import WebServer

/// Rendering a view's dictionaries gives what rendering the view itself gives.
@Suite("Views as dictionaries")
struct MustacheTreeTests {
    struct Row { let name: String; let note: String?; let flagged: Bool; let count: Int }
    struct Page { let title: String; let note: String; let rows: [Row]; let empty: [Row]; let link: Row?; let missing: Row? }

    @Test func aViewRendersTheSameAsItsDictionaries() throws {
        let template = try MustacheTemplate(string: """
            {{title}}|{{#rows}}[{{name}} {{note}} {{#flagged}}!{{/flagged}}{{^flagged}}-{{/flagged}} {{count}}]{{/rows}}\
            {{^empty}}none{{/empty}}|{{#link}}{{name}}{{/link}}|{{#missing}}x{{/missing}}{{^missing}}no{{/missing}}
            """)
        let page = Page(title: "Möten <&>", note: "yttre", rows: [Row(name: "a", note: "inre", flagged: true, count: 2),
                                                                   Row(name: "b", note: nil, flagged: false, count: 0)],
                        empty: [], link: Row(name: "länk", note: nil, flagged: false, count: 1), missing: nil)
        let direct = template.render(page)
        #expect(direct.contains("[b yttre - 0]"))
        #expect(template.render(MustacheTree.make(page).libraryValue) == direct)
    }

    struct Table { let title: String; let issues: [OrganisationPageView.IssueRow]; let none: [OrganisationPageView.IssueRow] }

    @Test func aListOfRowsAnsweringNamesRendersTheSameAsTheView() throws {
        let template = try MustacheTemplate(string: "{{#issues}}[{{title}} {{href}} {{meetings}}/{{inbound}}/{{outbound}}]{{/issues}}{{^none}}-{{/none}}")
        let table = Table(title: "Frågor", issues: [
            OrganisationPageView.IssueRow(title: "Vätgas <&>", href: "/issues/1", meetings: "4", inbound: "3", outbound: "1"),
            OrganisationPageView.IssueRow(title: "Färjan", href: "/issues/2", meetings: "1", inbound: "0", outbound: "1"),
        ], none: [])
        let tree = MustacheTree.make(table)
        guard case .object(let object) = tree, case .list(let rows)? = object.fields.field(named: "issues") else {
            Issue.record("the rows are not a list of the tree")
            return
        }
        #expect(rows.count == 2)
        #expect(template.render(tree.libraryValue) == template.render(table))
    }
}

/// The table rows that answer names themselves answer every member they have, with
/// the member's value, so that a member added to a row cannot go missing from its page.
@Suite("Table rows answering by name")
struct TableRowsByNameTests {
    private func expectEveryMemberAnswered(_ row: any MustacheParent) {
        let mirror = Mirror(reflecting: row)
        #expect(mirror.children.count >= 2)
        for child in mirror.children {
            guard let label = child.label else { continue }
            let answered = row.child(named: label)
            let value: Any? = Mirror(reflecting: child.value).displayStyle == .optional
                ? Mirror(reflecting: child.value).children.first?.value : child.value
            #expect(answered.map(Self.members) == value.map(Self.members), "\(type(of: row)).\(label)")
        }
        #expect(row.child(named: "noSuchMember") == nil)
    }

    /// A value as its members say it, so that a struct and the names answered for it
    /// (`ReflectedFields`, for a public type such as `PageLink`) compare equal.
    private static func members(_ value: Any) -> String {
        if let fields = value as? ReflectedFields {
            return "{" + fields.members.keys.sorted().map { "\($0): \(members(fields.members[$0]!.libraryValue))" }.joined(separator: ", ") + "}"
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .collection: return "[" + mirror.children.map { members($0.value) }.joined(separator: ", ") + "]"
        case .struct where !(value is String):
            let named = mirror.children.compactMap { child -> (String, Any)? in
                guard let label = child.label else { return nil }
                let inner = Mirror(reflecting: child.value)
                guard inner.displayStyle == .optional else { return (label, child.value) }
                return inner.children.first.map { (label, $0.value) }
            }
            return "{" + named.sorted { $0.0 < $1.0 }.map { "\($0.0): \(members($0.1))" }.joined(separator: ", ") + "}"
        default: return String(describing: value)
        }
    }

    @Test func everyRowAnswersEachOfItsMembers() {
        expectEveryMemberAnswered(SubjectMeetingTable.Row(href: "/meetings/1", title: "Möte", date: "2026-11-23",
                                                          datetime: "2026-11-23T14:30:00+01:00", direction: "Inkommande", representedBy: "Byrån"))
        expectEveryMemberAnswered(SubjectMeetingTable.Row(href: "/meetings/2", title: "Möte", date: "Sekretess",
                                                          datetime: nil, direction: "Utgående", representedBy: nil))
        expectEveryMemberAnswered(FootprintTable.Row(name: "Förbundet", href: "/organisations/1", note: "klient",
                                                     representatives: [], hasRepresentatives: false, kind: "Förbund",
                                                     meetings: "3", inbound: "2", outbound: "1"))
        expectEveryMemberAnswered(FootprintTable.Representative(text: "Byrån", href: "/organisations/2", separator: ", "))
        expectEveryMemberAnswered(OrganisationPageView.IssueRow(title: "Vätgas", href: "/issues/1", meetings: "4", inbound: "3", outbound: "1"))
        expectEveryMemberAnswered(StatisticsSection.Row(label: "2026-11", link: "/meetings?from=2026-11-01", count: "12 345"))
        expectEveryMemberAnswered(StatisticsSection.Row(label: "Övriga", link: nil, count: "3"))
        expectEveryMemberAnswered(TimelinessSection.Row(label: "Regionstyrelsen", meetings: "10", inTime: "9", share: "90 %"))
        expectEveryMemberAnswered(StatisticsForm.Option(value: "3", text: "Anna", selected: true))
    }

    @Test func theSubjectPagesTablesAnswerEachOfTheirMembers() throws {
        let catalogue = CatalogueIndex(PublicCatalogueRecords())
        for page in ["1", "2", "3"] {
            let context = PageContext(language: .sv, settings: RegisterSettings(), path: "/issues/1", query: QueryParameters(query: "page=\(page)"))
            expectEveryMemberAnswered(SubjectMeetingTable([], total: 120, paging: try SubjectPaging(context.query), pages: 3,
                                                          catalogue: catalogue, context: context, client: page == "2" ? 7 : nil))
        }
        let context = PageContext(language: .sv, settings: RegisterSettings(), path: "/issues/1", query: QueryParameters(query: ""))
        let entries = [FootprintEntry(organisation: 1, role: .counterpart, meetings: 2, inbound: 1, outbound: 1),
                       FootprintEntry(organisation: 2, role: .client, meetings: 1, inbound: 1, outbound: 0, representedBy: [1])]
        expectEveryMemberAnswered(FootprintTable(Footprint(entries: entries, meetingsWithWithheldCounterparts: 3), catalogue: catalogue, context: context))
        expectEveryMemberAnswered(FootprintTable(Footprint(entries: [], meetingsWithWithheldCounterparts: 0), catalogue: catalogue, context: context))
    }

    @Test func theFrameAnswersEachOfItsMembers() {
        struct View: PageView {
            static let template = "about"
            let title = "Sida"
            var feeds: [PageLink] { [PageLink("Flöde", "/feeds/meetings.atom")] }
        }
        var context = PageContext(language: .sv, settings: RegisterSettings(), path: "/meetings", query: QueryParameters(query: "issue=1"))
        context.principal = Principal(kind: .account, id: 1, name: "Anna Registrator", role: .registrar)
        let frame = SiteFrame(page: View(), context: context, hasLogo: true)
        expectEveryMemberAnswered(frame)
        expectEveryMemberAnswered(frame.account!)
        expectEveryMemberAnswered(SiteFrame(page: View(), context: PageContext(language: .en, settings: RegisterSettings(), path: "/about",
                                                                               query: QueryParameters(query: "")), hasLogo: false))
    }

    @Test func theStatisticsViewAnswersEachOfItsMembers() throws {
        let catalogue = CatalogueIndex(PublicCatalogueRecords(
            units: [PublicUnit(id: 1, name: "Regionstyrelsen", kind: .board)], officials: [], organisations: [], issues: []))
        let context = PageContext(language: .sv, settings: RegisterSettings(), path: "/statistics",
                                  query: QueryParameters(query: "direction=inbound&unit=1"))
        let statistics = MeetingStatistics(
            meetings: 3, perMonth: [MonthCount(month: ArchiveMonth(year: 2026, month: 11), meetings: 3)], startWithheld: 1,
            byOrganisationGroup: [GroupCount(group: .business, meetings: 2)], withoutOrganisation: 1, counterpartsWithheld: 0,
            inbound: 2, outbound: 1, directionWithheld: 0, topOrganisations: [RankedCount(id: 1, name: "Bolaget", meetings: 2)],
            topIssues: [])
        var filter = StatisticsFilter.all
        filter.direction = .inbound
        filter.unit = 1
        var view = try StatisticsView(filter: filter, statistics: statistics, catalogue: catalogue, context: context)
        view.timeliness = TimelinessSection(PublicationTimelinessStatistics(
            deadlineDays: 14, overall: TimelinessCount(label: "", meetings: 3, withinDeadline: 2),
            perMonth: [TimelinessCount(label: "2026-11", meetings: 3, withinDeadline: 2)],
            perUnit: [TimelinessCount(label: "Regionstyrelsen", unit: 1, meetings: 3, withinDeadline: 2)]), context: context)
        expectEveryMemberAnswered(view)
        expectEveryMemberAnswered(view.form)
        expectEveryMemberAnswered(view.form.selects[0])
        expectEveryMemberAnswered(view.activeFilters[0])
        expectEveryMemberAnswered(view.sections[0])
        expectEveryMemberAnswered(view.timeliness!)
    }
}
