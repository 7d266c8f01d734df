import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RegisterCore
import Testing
@testable import WebServer

/// The search page at /meetings: results in both languages, facets and chips,
/// 400s that name the parameter, escaped snippets, nothing confidential findable,
/// widening an empty search, and cursor pagination.
@Suite("The search page")
struct SearchPageTests {
    @Test func searchShowsResultsWithMarkedSnippetsInSwedishAndEnglish() async throws {
        try await buildApplication(register: try DemoFixture.get()).test(.router) { client in
            let swedish = try await client.page("/meetings?q=regionens")
            #expect(swedish.status == .ok)
            #expect(swedish.count("<h1") == 1)
            #expect(swedish.body.contains("<html lang=\"sv\">"))
            #expect(swedish.body.contains("Bästa träffen först."))
            #expect(swedish.body.contains("<mark>regionens</mark>") || swedish.body.contains("<mark>Regionens</mark>"))
            #expect(swedish.body.contains("href=\"/meetings/"))
            #expect(swedish.body.contains("<label for=\"search-q\">Sökord</label>"))
            #expect(swedish.body.contains("value=\"regionens\""))
            #expect(swedish.body.contains("Avgränsa resultatet"))

            let english = try await client.page("/meetings?q=regionens&lang=en")
            #expect(english.body.contains("<html lang=\"en\">"))
            #expect(english.body.contains("Best match first."))
            #expect(english.body.contains("Narrow the results"))

            let all = try await client.page("/meetings")
            #expect(all.body.contains("Senaste mötet först."))
            #expect(!all.body.contains("<mark>"))
        }
    }

    @Test func aFilterIsAChipThatRemovesItAndAFacetThatCountsIt() async throws {
        try await buildApplication(register: try DemoFixture.get()).test(.router) { client in
            let page = try await client.page("/meetings?direction=inbound&format=video")
            #expect(page.status == .ok)
            #expect(page.body.contains("<span>Riktning: Inkommande (de ville påverka oss)</span>"))
            #expect(page.body.contains("href=\"/meetings?format=video\" aria-label=\"Ta bort Riktning: Inkommande (de ville påverka oss)\""))
            #expect(page.body.contains("href=\"/meetings?direction=inbound\" aria-label=\"Ta bort Mötesform: Videomöte\""))
            // The direction facet counts under the format filter alone, so the other direction is offered.
            #expect(page.body.contains("<a href=\"/meetings?direction=outbound&amp;format=video\">Utgående (vi ville påverka dem) ("))
            #expect(page.body.contains("<option value=\"video\" selected>Videomöte</option>"))
        }
    }

    @Test func aBadParameterIsA400PageNamingIt() async throws {
        try await buildApplication(register: try DemoFixture.get()).test(.router) { client in
            let date = try await client.page("/meetings?q=x&from=x")
            #expect(date.status == .badRequest)
            #expect(date.body.contains("Parametern from"))
            #expect(date.body.contains("”x”"))
            #expect(date.body.contains("ÅÅÅÅ-MM-DD"))
            let official = try await client.page("/meetings?official=99999&lang=en")
            #expect(official.status == .badRequest)
            #expect(official.body.contains("The parameter official"))
            #expect(official.body.contains("the id of a record in the register"))
            let cursor = try await client.page("/meetings?q=region&after=2026-01-01T00:00:00Z_3")
            #expect(cursor.status == .badRequest)
            #expect(cursor.body.contains("Parametern after"))
            let kind = try await client.page("/meetings?kind=bank")
            #expect(kind.body.contains("company, trade-association, ngo"))
            #expect(try await client.page("/meetings?utm_source=news&official=").status == .ok, "unknown parameters and empty values are ignored")
        }
    }

    @Test func hostileTextIsEscapedInSnippetsAndOnlyTheMatchIsMarked() async throws {
        let register = try Register.inMemory()
        try DemoRegister.load(into: register)
        let hostile = "<script>alert(\"x\")</script> & 'kvitto' <mark>Fejk</mark> \u{202E}draziw"
        try register.recordAndPublishMeeting(try CanaryMeetings.meeting(register, subject: "Samråd om fjärrvärme", summary: hostile), by: .shell)
        try await buildApplication(register: register).test(.router) { client in
            let page = try await client.page("/meetings?q=kvitto")
            #expect(page.body.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;<mark>kvitto</mark>&#39; &lt;mark&gt;Fejk&lt;/mark&gt; \u{202E}draziw"))
            #expect(!page.body.contains("<script>"))
            #expect(page.count("<mark>") == 1)
        }
    }

    @Test func withheldValuesPrivateNamesAndDraftsCannotBeFound() async throws {
        let register = try Register.inMemory()
        try DemoRegister.load(into: register)
        try CanaryMeetings.add(to: register)
        try await buildApplication(register: register).test(.router) { client in
            for word in CanaryMeetings.words + ["Mattsson", "Åberg"] {
                for language in ["sv", "en"] {
                    let page = try await client.page("/meetings?q=\(PageContext.encodeComponent(word))&lang=\(language)")
                    #expect(page.status == .ok)
                    #expect(page.body.contains(language == "sv" ? "Inga möten matchar sökningen." : "No meetings match the search."), "\(word)")
                    #expect(!page.body.contains("/meetings/"), "\(word) finds no meeting")
                }
            }
            var uri: String? = "/meetings"
            while let next = uri {
                let page = try await client.page(next)
                for secret in CanaryMeetings.secrets + ["Mattsson", "Kent Åberg"] {
                    #expect(!page.body.contains(secret), "\(secret) on \(next)")
                }
                uri = page.nextPage
            }
        }
    }

    @Test func anEmptyResultSaysSoAndOffersToDropEachFilter() async throws {
        try await buildApplication(register: try DemoFixture.get()).test(.router) { client in
            let page = try await client.page("/meetings?q=zzzqqq&direction=outbound")
            #expect(page.body.contains("Inga möten matchar sökningen."))
            #expect(page.body.contains("Bredda sökningen:"))
            #expect(page.body.contains("<a href=\"/meetings?direction=outbound\">utan Sökord: ”zzzqqq”</a>"))
            #expect(page.body.contains("<a href=\"/meetings?q=zzzqqq\">utan Riktning: Utgående (vi ville påverka dem)</a>"))
        }
    }

    @Test(arguments: ["/meetings", "/meetings?q=regionen", "/meetings?direction=inbound&from=2026-01-01"])
    func pageLinksVisitEveryResultOnce(start: String) async throws {
        let register = try DemoFixture.get()
        try await buildApplication(register: register).test(.router) { client in
            var seen: [String] = []
            var uri: String? = start
            var pages = 0
            while let next = uri {
                let page = try await client.page(next)
                #expect(page.status == .ok)
                let ids = page.resultLinks
                #expect(ids.count <= MeetingSearch.pageSize)
                seen += ids
                uri = page.nextPage
                pages += 1
            }
            #expect(seen.count == Set(seen).count)
            let query = QueryParameters(query: String(start.drop { $0 != "?" }.dropFirst()))
            let search = try MeetingSearch(query: query.pairs.map { (name: $0.name, value: $0.value ?? "") })
            let total = try await register.read { try $0.search(search).total }
            #expect(seen.count == total)
            #expect(pages == max(1, (total + MeetingSearch.pageSize - 1) / MeetingSearch.pageSize))
        }
    }
}

extension Page {
    /// The links to meetings in the results list, in order.
    var resultLinks: [String] {
        body.components(separatedBy: "<a class=\"meeting-title\" href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    /// The next page's address, nil on the last page.
    var nextPage: String? {
        guard let range = body.range(of: "\" rel=\"next\">") else { return nil }
        let start = body[..<range.lowerBound].range(of: "href=\"", options: .backwards)!.upperBound
        return String(body[start..<range.lowerBound]).replacingOccurrences(of: "&amp;", with: "&")
    }
}

/// Meetings whose confidential parts are unique canary words: a withheld summary, a
/// withheld place, a private person, a draft and a withdrawn meeting.
enum CanaryMeetings {
    static let secrets = ["Kanariesummering Hemligvärde", "Kanarieplatsen", "Kanarieperson Privatsson", "Kanarieutkast", "Kanarieåterkallad"]
    static let words = ["kanariesummering", "hemligvärde", "kanarieplatsen", "kanarieperson", "privatsson", "kanarieutkast",
                        "kanarieåterkallad", "kanarie"]

    static func meeting(_ register: Register, subject: String, summary: String = "Vi gick igenom läget.", place: String = "Regionens hus",
                        people: [CounterpartPerson] = [], withheld: [MeetingField: Withholding] = [:]) throws -> Meeting {
        let official = try #require(try register.officials().first).id
        let organisation = try #require(try register.organisations().first).id
        let issue = try #require(try register.issues().first).id
        return Meeting(startsAt: Timestamp.parse("2026-10-05T08:00:00Z")!, durationMinutes: 45, place: place, format: .inPerson,
                       direction: .inbound, initiator: .counterpart, participants: [official],
                       counterparts: [Counterpart(organisation: organisation, people: people)], issues: [issue],
                       subject: subject, summary: summary, withheld: withheld)
    }

    static func add(to register: Register) throws {
        try register.recordAndPublishMeeting(meeting(register, subject: "Samråd om tåg", summary: "Kanariesummering Hemligvärde",
                                                     withheld: [.summary: Withholding(ground: "OSL 19 kap. 3 §")]), by: .shell)
        try register.recordAndPublishMeeting(meeting(register, subject: "Samråd om buss", place: "Kanarieplatsen",
                                                     withheld: [.place: Withholding(ground: "OSL 18 kap. 8 §")]), by: .shell)
        try register.recordAndPublishMeeting(meeting(register, subject: "Samråd om cykel",
                                                     people: [CounterpartPerson(name: "Kanarieperson Privatsson", isPrivate: true)]), by: .shell)
        try register.recordMeeting(meeting(register, subject: "Kanarieutkast"), by: .shell)
        let withdrawn = try register.recordAndPublishMeeting(meeting(register, subject: "Kanarieåterkallad"), by: .shell)
        try register.withdrawMeeting(withdrawn, reason: "Fel möte.", by: .shell)
    }
}
