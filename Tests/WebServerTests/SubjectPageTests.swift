import Foundation
import Hummingbird
import HummingbirdTesting
import Publishing
import RegisterCore
import Testing
@testable import WebServer

/// A small register for the subject pages: hostile names, a consultancy acting for a
/// client, and canaries that must never reach a page (a private person's name, a
/// withheld value, an organisation met only where counterparts are withheld, a draft,
/// a withdrawn meeting, a sole trader's personnummer).
struct SubjectPageFixture {
    static let hostile = "<script>alert(\"x\")</script> & 'Q' \u{202E}evil"
    static let personnummer = "19800101-0001"
    static let canaries = ["CANARY-PRIVATE-NAME", "CANARY-WITHHELD-PLACE", "CANARY-HIDDEN-ORG", "CANARY-DRAFT",
                           "CANARY-WITHDRAWN", personnummer, "800101-0001", "8001010001", "198001010001"]

    let register = try! Register.inMemory(clock: { Timestamp.parse("2026-11-23T12:00:00Z")! })
    let unit: Int64, official: Int64, consultancy: Int64, client: Int64, ngo: Int64, hidden: Int64, drafted: Int64, soleTrader: Int64
    let issue: Int64

    init() throws {
        unit = try register.add(Unit(name: "Nämnden \(Self.hostile)", kind: .committee), by: .shell)
        official = try register.add(Official(name: "Anna \(Self.hostile)", title: "Regionråd", kind: .elected, party: "S", unit: unit,
                                             activeFrom: Day("2022-11-01")!), by: .shell)
        consultancy = try register.add(Organisation(name: "Byrån \(Self.hostile)", kind: .consultancy, organisationNumber: "556802-3450"), by: .shell)
        client = try register.add(Organisation(name: "Klarälvens Energi AB", kind: .company, organisationNumber: "5567101232",
                                               euTransparencyId: "123456789012-34"), by: .shell)
        ngo = try register.add(Organisation(name: "Naturskyddsföreningen", kind: .ngo), by: .shell)
        hidden = try register.add(Organisation(name: "CANARY-HIDDEN-ORG", kind: .company), by: .shell)
        drafted = try register.add(Organisation(name: "CANARY-DRAFT", kind: .company), by: .shell)
        soleTrader = try register.add(Organisation(name: "Hantverkaren", kind: .company, personnummer: Self.personnummer), by: .shell)
        issue = try register.add(Issue(title: "Frågan \(Self.hostile)", summary: "Sammanfattning.", position: "Vi är för.",
                                       caseNumber: "RS/2026:1", policyAreas: ["Infrastruktur"], unit: unit), by: .shell)

        let forClient = Counterpart(organisation: consultancy, onBehalfOf: client,
                                    people: [CounterpartPerson(name: "CANARY-PRIVATE-NAME", isPrivate: true)])
        // The hand-counted footprint of the issue: consultancy 3 (2 in, 1 out), client 3 likewise, ngo 2 (1 in, 0 out, 1 withheld direction), sole trader 1 out.
        _ = try register.recordAndPublishMeeting(meeting(day: 1, .inbound, [forClient]), by: .shell)
        _ = try register.recordAndPublishMeeting(meeting(day: 2, .inbound, [forClient, Counterpart(organisation: ngo)]), by: .shell)
        _ = try register.recordAndPublishMeeting(meeting(day: 3, .outbound, [forClient]), by: .shell)
        _ = try register.recordAndPublishMeeting(meeting(day: 4, .outbound, [Counterpart(organisation: ngo)],
                                                         withheld: [.direction: Withholding(ground: "OSL 19 kap. 3 §")]), by: .shell)
        _ = try register.recordAndPublishMeeting(meeting(day: 5, .outbound, [Counterpart(organisation: soleTrader)]), by: .shell)
        _ = try register.recordAndPublishMeeting(meeting(day: 6, .inbound, [Counterpart(organisation: hidden)],
                                                         withheld: [.counterparts: Withholding(ground: "OSL 31 kap. 16 §"),
                                                                    .place: Withholding(ground: "OSL 18 kap. 1 §")]), by: .shell)
        _ = try register.recordMeeting(meeting(day: 7, .inbound, [Counterpart(organisation: drafted)], subject: "CANARY-DRAFT"), by: .shell)
        let withdrawn = try register.recordAndPublishMeeting(meeting(day: 8, .inbound, [Counterpart(organisation: drafted)],
                                                                     subject: "CANARY-WITHDRAWN"), by: .shell)
        try register.withdrawMeeting(withdrawn, reason: "Fel.", by: .shell)
    }

    private func meeting(day: Int, _ direction: MeetingDirection, _ counterparts: [Counterpart], subject: String = "Samtal",
                         withheld: [MeetingField: Withholding] = [:]) -> Meeting {
        Meeting(startsAt: Timestamp.parse(String(format: "2026-10-%02dT09:00:00Z", day))!, durationMinutes: 30,
                place: withheld[.place] == nil ? "Regionens hus" : "CANARY-WITHHELD-PLACE", format: .inPerson,
                direction: direction, initiator: .counterpart, participants: [official], counterparts: counterparts,
                issues: [issue], subject: subject, summary: "Samtal.", withheld: withheld)
    }

    var pages: [String] {
        ["/issues/\(issue)", "/officials/\(official)", "/units/\(unit)"]
            + [consultancy, client, ngo, hidden, drafted, soleTrader].map { "/organisations/\($0)" }
    }
}

/// The footprint table's rows as (organisation link, meetings, inbound, outbound, is a client row).
private func footprintRows(_ body: String) -> [(href: String, meetings: Int, inbound: Int, outbound: Int, client: Bool)] {
    guard let start = body.range(of: "id=\"footprint\""), let end = body.range(of: "id=\"meetings\"") else { return [] }
    let section = body[start.upperBound..<end.lowerBound]
    let row = /<tr><td data-label="Organisation"><a href="([^"]+)">.*?<\/td><td[^>]*>[^<]*<\/td><td[^>]*>(\d+)<\/td><td[^>]*>(\d+)<\/td><td[^>]*>(\d+)<\/td><\/tr>/
    return section.matches(of: row).map { match in
        (String(match.1), Int(match.2)!, Int(match.3)!, Int(match.4)!, match.0.contains("som uppdragsgivare"))
    }
}

@Suite("The issue, official, organisation and unit pages")
struct SubjectPageTests {
    @Test func everySubjectPageRendersTheDemoInSwedishAndEnglish() async throws {
        let register = try DemoFixture.get()
        let (issue, official, organisation, unit) = try await register.read { (snapshot: RegisterSnapshot) throws in
            (try snapshot.issues()[0], try snapshot.officials()[0], try snapshot.organisations()[0], try snapshot.units()[0])
        }
        let pages: [(uri: String, name: String, sv: String, en: String, feed: String?)] = [
            ("/issues/\(issue.id)", issue.title, "Vem ville påverka frågan", "Who sought to influence the issue", "/feeds/issues/\(issue.id).atom"),
            ("/officials/\(official.id)", official.name, "Organisationer som personen mött mest", "Organisations met most",
             "/feeds/officials/\(official.id).atom"),
            ("/organisations/\(organisation.id)", organisation.name, "Möten som motpart", "Meetings as a counterpart",
             "/feeds/organisations/\(organisation.id).atom"),
            ("/units/\(unit.id)", unit.name, "Möten med organets personer", "Meetings of its people", nil),
        ]
        try await buildApplication(register: register).test(.router) { client in
            for page in pages {
                let swedish = try await client.page(page.uri)
                #expect(swedish.status == .ok, "\(page.uri)")
                #expect(swedish.body.contains("<html lang=\"sv\">"))
                #expect(swedish.count("<h1") == 1)
                #expect(swedish.body.contains("<h1>\(page.name)</h1>"), "\(page.uri)")
                #expect(swedish.body.contains(page.sv), "\(page.uri)")
                #expect(swedish.body.contains("href=\"/meetings/"), "\(page.uri) lists its meetings")
                #expect(swedish.body.contains("<time datetime=\"20"), "\(page.uri) dates its meetings in ISO 8601")
                if let feed = page.feed {
                    #expect(swedish.body.contains("<link rel=\"alternate\" type=\"application/atom+xml\""), "\(page.uri)")
                    #expect(swedish.body.contains("href=\"\(feed)\""), "\(page.uri)")
                }
                let english = try await client.page(page.uri + "?lang=en")
                #expect(english.status == .ok)
                #expect(english.body.contains("<html lang=\"en\">"))
                #expect(english.body.contains(page.en), "\(page.uri)")
                #expect(!english.body.contains(page.sv), "\(page.uri)")
            }
        }
    }

    @Test func issueFootprintShowsTheHandCountedMeetingsPerOrganisationAndClient() async throws {
        let fixture = try SubjectPageFixture()
        try await buildApplication(register: fixture.register).test(.router) { client in
            let page = try await client.page("/issues/\(fixture.issue)")
            #expect(page.status == .ok)
            let rows = footprintRows(page.body)
            let expected: [(href: String, meetings: Int, inbound: Int, outbound: Int, client: Bool)] = [
                ("/organisations/\(fixture.consultancy)", 3, 2, 1, false),
                ("/organisations/\(fixture.client)", 3, 2, 1, true),
                ("/organisations/\(fixture.ngo)", 2, 1, 0, false),
                ("/organisations/\(fixture.soleTrader)", 1, 0, 1, false),
            ]
            #expect(rows.map(\.href) == expected.map(\.href))
            #expect(rows.map(\.meetings) == expected.map(\.meetings))
            #expect(rows.map(\.inbound) == expected.map(\.inbound))
            #expect(rows.map(\.outbound) == expected.map(\.outbound))
            #expect(rows.map(\.client) == expected.map(\.client))
            #expect(page.body.contains("företrädd av <a href=\"/organisations/\(fixture.consultancy)\">"))
            #expect(page.body.contains("Vid 1 av mötena omfattas motparterna av sekretess"))
            #expect(page.body.contains("6 publicerade möten."))
            #expect(page.body.contains("RS/2026:1"))
            #expect(page.body.contains("<a href=\"/units/\(fixture.unit)\">"))
        }
    }

    @Test func organisationPageShowsItsRegisterIdsAndItsMeetingsAsAClientNamingTheConsultancy() async throws {
        let fixture = try SubjectPageFixture()
        try await buildApplication(register: fixture.register).test(.router) { client in
            let page = try await client.page("/organisations/\(fixture.client)")
            #expect(page.body.contains("556710-1232"))
            #expect(page.body.contains("<a href=\"https://transparency-register.europa.eu/searchregister-or-update/organisation-detail_en?id=123456789012-34\">123456789012-34</a>"))
            #expect(page.body.contains("<p>0 publicerade möten.</p>"), "none as a counterpart")
            #expect(page.body.contains("<p>3 publicerade möten.</p>"), "three as a client")
            #expect(page.body.contains("<td data-label=\"Företrädd av\">Byrån &lt;script&gt;"))

            let soleTrader = try await client.page("/organisations/\(fixture.soleTrader)")
            #expect(soleTrader.body.contains("<dd>enskild firma</dd>"))
        }
    }

    @Test func hostileNamesShowAsEscapedTextOnEveryPage() async throws {
        let fixture = try SubjectPageFixture()
        try await buildApplication(register: fixture.register).test(.router) { client in
            for uri in fixture.pages {
                let page = try await client.page(uri)
                #expect(page.status == .ok, "\(uri)")
                #expect(!page.body.contains("<script"), "\(uri)")
                #expect(!page.body.contains("alert(\"x\")"), "\(uri)")
                #expect(!page.body.contains("& 'Q'"), "\(uri)")
            }
            let issue = try await client.page("/issues/\(fixture.issue)")
            #expect(issue.body.contains("<h1>Frågan &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Q&#39; \u{202E}evil</h1>"))
            let organisation = try await client.page("/organisations/\(fixture.consultancy)")
            #expect(organisation.body.contains("<h1>Byrån &lt;script&gt;"))
        }
    }

    @Test func noPrivateNameWithheldValueDraftOrPersonnummerAppearsOnAnyPage() async throws {
        let fixture = try SubjectPageFixture()
        try await buildApplication(register: fixture.register).test(.router) { client in
            for uri in fixture.pages where !uri.hasSuffix("/\(fixture.hidden)") && !uri.hasSuffix("/\(fixture.drafted)") {
                for language in ["sv", "en"] {
                    let page = try await client.page(uri + "?lang=\(language)")
                    for canary in SubjectPageFixture.canaries {
                        #expect(!page.body.contains(canary), "\(uri) shows \(canary)")
                    }
                }
            }
            // An organisation met only in secret or in a draft has its own page, which lists none of those meetings.
            for id in [fixture.hidden, fixture.drafted] {
                let page = try await client.page("/organisations/\(id)")
                #expect(page.status == .ok)
                #expect(page.count("<p>0 publicerade möten.</p>") == 2)
                #expect(!page.body.contains("href=\"/meetings/"))
                for canary in SubjectPageFixture.canaries where canary != "CANARY-HIDDEN-ORG" && canary != "CANARY-DRAFT" {
                    #expect(!page.body.contains(canary))
                }
            }
        }
    }

    @Test func issueFootprintListsAtMostTheOrganisationsWithMostMeetingsAndSaysSo() throws {
        let issue = PublicIssue(id: 1, Issue(title: "Frågan", summary: "S.", position: "P.", unit: 1))
        let context = PageContext(language: .sv, settings: RegisterSettings(), path: "/issues/1", query: QueryParameters(query: ""))
        let catalogue = CatalogueIndex(PublicCatalogueRecords())
        let table = SubjectMeetingTable([], total: 0, paging: try SubjectPaging(context.query), pages: 1, catalogue: catalogue, context: context)
        func view(_ organisations: Int) -> IssuePageView {
            let entries = (1...organisations).map { FootprintEntry(organisation: Int64($0), role: .counterpart, meetings: 1, inbound: 1, outbound: 0) }
            return IssuePageView(issue, footprint: Footprint(entries: entries, meetingsWithWithheldCounterparts: 0), meetings: table,
                                 catalogue: catalogue, context: context)
        }
        let full = view(IssuePageView.footprintRows)
        #expect(full.footprint.rows.count == IssuePageView.footprintRows)
        #expect(full.footprintCut == nil)
        let cut = view(IssuePageView.footprintRows + 1)
        #expect(cut.footprint.rows.count == IssuePageView.footprintRows)
        #expect(cut.footprintCut?.contains("de \(IssuePageView.footprintRows) organisationer") == true)
    }

    @Test func unknownAndNonCanonicalIdsAndPagesPastTheLastAreNotFound() async throws {
        let fixture = try SubjectPageFixture()
        try await buildApplication(register: fixture.register).test(.router) { client in
            for kind in ["issues", "officials", "organisations", "units"] {
                for id in ["999", "0", "+1", "01", "-1", "1.0", "x", "1e0"] {
                    let page = try await client.page("/\(kind)/\(id)")
                    #expect(page.status == .notFound, "/\(kind)/\(id)")
                    #expect(page.body.contains("Sidan finns inte"), "/\(kind)/\(id)")
                }
                #expect(try await client.page("/\(kind)/1?page=2").status == .notFound)
                #expect(try await client.page("/\(kind)/1?page=1").status == .ok)
                let bad = try await client.page("/\(kind)/1?page=01")
                #expect(bad.status == .badRequest)
                #expect(bad.body.contains("Parametern page"))
            }
            #expect(try await client.page("/organisations/1?client-page=0").status == .badRequest)
        }
    }

    @Test func aLongListOfMeetingsIsPagedNewestFirstWithLinksBothWays() async throws {
        let register = try DemoFixture.get()
        let (unit, total) = try await register.read { (snapshot: RegisterSnapshot) throws in
            try snapshot.units().map { ($0.id, try snapshot.publishedMeetingCount(.unit($0.id))) }.max { $0.1 < $1.1 }!
        }
        try #require(total > SubjectPaging.size)
        let pages = (total + SubjectPaging.size - 1) / SubjectPaging.size
        try await buildApplication(register: register).test(.router) { client in
            let first = try await client.page("/units/\(unit)")
            #expect(first.body.contains("Sida 1 av \(pages)"))
            #expect(first.body.contains("<a href=\"/units/\(unit)?page=2\" rel=\"next\">"))
            #expect(!first.body.contains("rel=\"prev\""))
            #expect(first.count("<a href=\"/meetings/") == SubjectPaging.size)
            let second = try await client.page("/units/\(unit)?page=2&lang=en")
            #expect(second.body.contains("<a href=\"/units/\(unit)?lang=en\" rel=\"prev\">"))
            let last = try await client.page("/units/\(unit)?page=\(pages)")
            #expect(last.count("<a href=\"/meetings/") == total - (pages - 1) * SubjectPaging.size)
            #expect(!last.body.contains("rel=\"next\""))
            #expect(try await client.page("/units/\(unit)?page=\(pages + 1)").status == .notFound)
        }
    }
}
