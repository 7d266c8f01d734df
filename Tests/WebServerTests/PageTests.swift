import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Publishing
import RegisterCore
import Testing
@testable import WebServer

/// The start page, the meeting page, open data, about and the accessibility
/// statement: in both languages, escaped, without a confidential value, cached by the
/// ledger head, and reachable from every link the feeds and exports publish.
@Suite("The public pages")
struct PageTests {
    static let pages = ["/", "/open-data", "/about", "/accessibility", "/open-data/ledger-hashing"]

    @Test func everyPageRendersTheDemoInBothLanguages() async throws {
        let register = try DemoFixture.get()
        let meeting = try #require(try register.publicMeetings(MeetingFilter(status: .published)).first { $0.correctionReason != nil })
        try await buildApplication(register: register).test(.router) { client in
            for uri in Self.pages + ["/meetings/\(meeting.id)"] {
                for (language, marker) in [("sv", "Tillgänglighetsredogörelse"), ("en", "Accessibility statement")] {
                    let page = try await client.page(uri + "?lang=\(language)")
                    #expect(page.status == .ok, "\(uri) \(language)")
                    #expect(page.body.contains("<html lang=\"\(language)\">"), "\(uri) \(language)")
                    #expect(page.count("<h1") == 1, "\(uri) \(language)")
                    #expect(page.count("<main") == 1, "\(uri) \(language)")
                    #expect(page.body.contains(marker), "\(uri) \(language): the footer links the accessibility statement")
                    #expect(page.body.contains("hreflang=\"sv\"") && page.body.contains("hreflang=\"en\""), "\(uri) \(language)")
                    #expect(!page.body.contains("style=") && !page.body.contains("<script"), "\(uri) \(language)")
                }
            }
            let swedish = try await client.page("/meetings/\(meeting.id)?lang=sv")
            #expect(swedish.body.contains(" kl. "))
            #expect(swedish.body.contains("<h2 id=\"history\">Versioner</h2>"))
            #expect(swedish.body.contains(try #require(meeting.correctionReason)))
            let english = try await client.page("/meetings/\(meeting.id)?lang=en")
            #expect(english.body.contains("<h2 id=\"history\">Versions</h2>"))
        }
    }

    @Test func meetingPageShowsWhoWhomWhenAndTheWithheldFieldWithItsGround() async throws {
        let fixture = try PageFixture()
        try await buildApplication(register: fixture.register).test(.router) { client in
            let page = try await client.page("/meetings/\(fixture.published)?lang=sv")
            #expect(page.status == .ok)
            #expect(page.body.contains("<a href=\"/officials/1\">Anna Lindqvist</a> <span class=\"meta\">(Regionråd, S, Regionstyrelsen)</span>"))
            #expect(page.body.contains("på uppdrag av <a href=\"/organisations/2\">Klarälvens Energi AB</a>"))
            #expect(page.body.contains("Privatperson (namnet publiceras inte), Boende"))
            #expect(page.body.contains("23 november 2026 kl. 14.30–15.30"))
            #expect(page.body.contains("Sekretess enligt OSL 19 kap. 3 § till och med 30 juni 2027"))
            #expect(page.body.contains("<td data-label=\"Visas från\">2027-06-30</td>"))
            #expect(page.body.contains("<time datetime=\"2026-11-24T09:00:00+01:00\">"))
            #expect(page.body.contains("href=\"/feeds/issues/\(fixture.issue).atom\""))
            #expect(page.body.contains("<link rel=\"alternate\" type=\"application/atom+xml\""))

            let redacted = try await client.page("/meetings/\(fixture.redacted)?lang=en")
            #expect(redacted.body.contains("Removed from public view under GDPR art. 17"))
            #expect(redacted.body.contains("removed from public view"))
        }
    }

    @Test func historyShowsEachCorrectionsReasonAndWhatChanged() async throws {
        let fixture = try PageFixture()
        try await buildApplication(register: fixture.register).test(.router) { client in
            let page = try await client.page("/meetings/\(fixture.corrected)?lang=sv")
            #expect(page.body.contains("<td data-label=\"Ändring\">Rättat</td><td data-label=\"Skäl\" lang=\"sv\">Rättad mötestid &amp; ämne</td><td data-label=\"Vad ändrades\">längd, ämne</td>"))
            #expect(page.body.contains("<td data-label=\"Vad ändrades\">första publiceringen</td>"))
            #expect(page.body.contains("Rättat 25 november 2026: Rättad mötestid &amp; ämne"))
        }
    }

    @Test func hostileTextShowsAsTextOnTheMeetingPage() async throws {
        let fixture = try PageFixture()
        try await buildApplication(register: fixture.register).test(.router) { client in
            for uri in ["/meetings/\(fixture.published)", "/"] {
                let page = try await client.page(uri)
                #expect(!page.body.contains("<script"), "\(uri)")
                #expect(!page.body.contains(PageFixture.hostileQuote), "\(uri)")
                #expect(page.body.contains(PageFixture.hostileEscaped), "\(uri)")
            }
            let page = try await client.page("/meetings/\(fixture.published)")
            #expect(page.body.contains("Skrivelse &amp; bilaga"))
        }
    }

    @Test func noWithheldValuePrivateNameOrDraftAppearsInAnyPageOrDownload() async throws {
        let fixture = try PageFixture()
        let ids = [fixture.published, fixture.corrected, fixture.withdrawn, fixture.redacted, fixture.draft]
        let uris = Self.pages + ids.map { "/meetings/\($0)" } + SiteURL.Download.allCases.map { SiteURL.download($0).path }
            + ["/open-data/ledger-hashing", "/data/changes.jsonl?since=3"]
        try await buildApplication(register: fixture.register).test(.router) { client in
            for uri in uris {
                for language in Language.allCases {
                    let page = try await client.page(uri + (uri.contains("?") ? "&" : "?") + "lang=\(language.rawValue)")
                    #expect(page.status != .internalServerError, "\(uri)")
                    for canary in PageFixture.canaries {
                        #expect(!page.body.contains(canary), "\(uri) shows \(canary)")
                    }
                }
            }
            #expect(try await client.page("/meetings/\(fixture.draft)").status == .notFound)
        }
    }

    @Test func withdrawnMeetingIsGoneWithItsReason() async throws {
        let fixture = try PageFixture()
        try await buildApplication(register: fixture.register).test(.router) { client in
            let page = try await client.page("/meetings/\(fixture.withdrawn)?lang=sv")
            #expect(page.status == .gone)
            #expect(page.body.contains("<h1>Mötet är återkallat</h1>"))
            #expect(page.body.contains("<p lang=\"sv\">Registrerat två gånger</p>"))
            #expect(page.body.contains("återkallades 25 november 2026 kl. 09.00"))
            #expect(!page.body.contains("Dubbelt registrerat"))
        }
    }

    @Test func pagesAnswerNotModifiedUntilTheLedgerChanges() async throws {
        let fixture = try PageFixture()
        try await buildApplication(register: fixture.register).test(.router) { client in
            var etags: [String: String] = [:]
            for uri in Self.pages + ["/meetings/\(fixture.published)", "/meetings/\(fixture.withdrawn)"] {
                let first = try await client.page(uri)
                let etag = try #require(first.headers[.eTag], "\(uri)")
                etags[uri] = etag
                let again = try await client.page(uri, headers: [.ifNoneMatch: etag])
                #expect(again.status == .notModified, "\(uri)")
                #expect(again.body.isEmpty, "\(uri)")
            }
            _ = try fixture.register.recordAndPublishMeeting(try fixture.register.storedMeeting(fixture.corrected).meeting, by: .shell)
            for (uri, etag) in etags {
                #expect(try await client.page(uri, headers: [.ifNoneMatch: etag]).status != .notModified, "\(uri)")
            }
        }
    }

    @Test func badQueryParametersAreBadRequestsNamingTheParameter() async throws {
        let fixture = try PageFixture()
        try await buildApplication(register: fixture.register).test(.router) { client in
            for (uri, name) in [("/data/changes.jsonl?since=abc", "since"), ("/data/changes.jsonl?since=-1", "since"),
                                ("/data/changes.jsonl?since=01", "since"), ("/data/changes.jsonl?since=99999", "since"),
                                ("/data/changes.jsonl?since=1&since=2", "since"), ("/meetings/1?lang=de", "lang"),
                                ("/open-data?lang=%ZZ", "lang")] {
                let page = try await client.page(uri)
                #expect(page.status == .badRequest, "\(uri)")
                #expect(page.body.contains("Parametern \(name) "), "\(uri)")
                #expect(page.count("<h1") == 1, "\(uri)")
            }
            for uri in ["/meetings/abc", "/meetings/0", "/meetings/01", "/meetings/+1", "/meetings/99"] {
                #expect(try await client.page(uri).status == .notFound, "\(uri)")
            }
        }
    }

    @Test func everyMeetingLinkInTheFeedsAndExportsLeadsToAPage() async throws {
        let register = try DemoFixture.get()
        let base = try register.settings().base
        let json = BufferSink()
        _ = try RegisterJSONExport().write(register, to: json)
        let exported = try JSONSerialization.jsonObject(with: Data(json.take())) as? [String: Any]
        var links = (exported?["meetings"] as? [[String: Any]] ?? []).compactMap { $0["url"] as? String }
        let paths = try FeedSet.read(register) { $0.paths }
        for path in paths where path.hasPrefix("archive/") || path == "meetings.atom" {
            let feed = String(decoding: try #require(try FeedSet.read(register) { try $0.render(path: path) }), as: UTF8.self)
            links += feed.components(separatedBy: "<link rel=\"alternate\" type=\"text/html\" href=\"").dropFirst()
                .compactMap { $0.split(separator: "\"").first.map(String.init) }
        }
        let meetingLinks = Set(links.filter { $0.hasPrefix(base + "meetings/") })
        #expect(meetingLinks.count >= DemoRegister.meetingCount - 8)
        try await buildApplication(register: register).test(.router) { client in
            var statuses: [HTTPResponse.Status: Int] = [:]
            for link in meetingLinks.sorted() {
                let status = try await client.execute(uri: "/" + link.dropFirst(base.count), method: .head) { $0.status }
                statuses[status, default: 0] += 1
                #expect(status == .ok || status == .gone, "\(link)")
            }
            #expect(statuses[.gone] == 2)
        }
    }

    @Test func everyPageAndDownloadCarriesTheSecurityHeaders() async throws {
        let fixture = try PageFixture()
        try await buildApplication(register: fixture.register).test(.router) { client in
            for uri in Self.pages + ["/meetings/\(fixture.published)", "/meetings/\(fixture.withdrawn)", "/meetings/\(fixture.draft)",
                                     "/data/register.json", "/data/changes.jsonl?since=x", "/open-data/ledger-hashing"] {
                let page = try await client.page(uri)
                #expect(page.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true, "\(uri)")
                #expect(page.headers[.xContentTypeOptions] == "nosniff", "\(uri)")
                #expect(page.headers[HTTPField.Name("Referrer-Policy")!] != nil, "\(uri)")
            }
        }
    }

    @Test func downloadsAreTheExportsBytes() async throws {
        let fixture = try PageFixture()
        let csvSink = BufferSink()
        try RegisterCSVExport().write(.meetings, fixture.register, to: csvSink)
        let csv = csvSink.take()
        let changesSink = BufferSink()
        try ChangeLinesExport(after: 3).write(fixture.register, to: changesSink)
        let changes = changesSink.take()
        try await buildApplication(register: fixture.register).test(.router) { client in
            let meetings = try await client.execute(uri: "/data/meetings.csv", method: .get) { Array(buffer: $0.body) }
            #expect(meetings == csv)
            let lines = try await client.execute(uri: "/data/changes.jsonl?since=3", method: .get) { Array(buffer: $0.body) }
            #expect(lines == changes)
            let source = try await client.page("/open-data/ledger-hashing.md")
            #expect(source.status == .ok)
            #expect(source.body.hasPrefix("# The Insyn ledger: how to verify it"))
            let rule = try await client.page("/open-data/ledger-hashing")
            #expect(rule.body.contains("<h1>The Insyn ledger: how to verify it</h1>"))
            #expect(rule.body.contains("<th scope=\"col\">member</th>"))
            #expect(rule.body.contains("<td><code>seq</code></td>"))
            #expect(rule.body.contains("<ol><li>Parse the line as JSON.</li><li>Remove the members <code>hash</code> and <code>openings</code>."))
            #expect(rule.count("<ol>") == rule.count("</ol>"))
            #expect(rule.body.contains("<a href=\"https://jsonlines.org\">JSON Lines</a>"))
        }
    }
}
