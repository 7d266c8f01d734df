import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Publishing
import RegisterCore
import Testing
@testable import WebServer

/// The web foundation: a page rendered from the templates in the request's language,
/// conditional GET, security headers, error pages and themes.
@Suite("The web foundation")
struct FoundationTests {
    @Test func startPageRendersTheDemoInSwedishByDefaultAndInEnglishOnRequest() async throws {
        try await buildApplication(register: try DemoFixture.get()).test(.router) { client in
            let swedish = try await client.page("/")
            #expect(swedish.status == .ok)
            #expect(swedish.body.hasPrefix("<!DOCTYPE html>\n<html lang=\"sv\">"))
            #expect(swedish.count("<h1") == 1)
            #expect(swedish.body.contains("Senast publicerade och rättade möten"))
            #expect(swedish.body.contains("href=\"/meetings/"))
            #expect(swedish.body.contains("<a class=\"language-switch\" href=\"/?lang=en\""))
            #expect(swedish.body.contains("<link rel=\"alternate\" hreflang=\"en\""))
            #expect(swedish.body.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Atom-flöde\" href=\"/feeds/meetings.atom\">"))

            let english = try await client.page("/?lang=en")
            #expect(english.body.contains("<html lang=\"en\">"))
            #expect(english.body.contains("Latest published and corrected meetings"))
            #expect(english.headers[.setCookie]?.hasPrefix("lang=en") == true)

            let browser = try await client.page("/", headers: [.acceptLanguage: "en-GB,en;q=0.9,sv;q=0.5"])
            #expect(browser.body.contains("<html lang=\"en\">"))
            let remembered = try await client.page("/", headers: [.cookie: "lang=en", .acceptLanguage: "sv"])
            #expect(remembered.body.contains("<html lang=\"en\">"))
        }
    }

    @Test func languageSwitchKeepsThePageAndItsParameters() {
        let context = PageContext(language: .sv, settings: RegisterSettings(), path: "/meetings",
                                  query: QueryParameters(query: "q=v%C3%A4g+och+bro&lang=sv&issue=3"))
        #expect(context.address(in: .en) == "/meetings?q=v%C3%A4g%20och%20bro&issue=3&lang=en")
    }

    @Test func pageAnswersNotModifiedWhileTheLedgerHeadAndLanguageAreUnchanged() async throws {
        let register = try Register.inMemory()
        try DemoRegister.load(into: register)
        try await buildApplication(register: register).test(.router) { client in
            let first = try await client.page("/")
            let etag = try #require(first.headers[.eTag])
            let again = try await client.page("/", headers: [.ifNoneMatch: "W/" + etag])
            #expect(again.status == .notModified)
            #expect(again.body.isEmpty)
            let english = try await client.page("/?lang=en", headers: [.ifNoneMatch: etag])
            #expect(english.status == .ok)
            #expect(english.headers[.eTag] != etag)

            let meeting = try #require(try register.publicMeetings(MeetingFilter(status: .published, limit: 1)).first)
            try register.withdrawMeeting(meeting.id, reason: "Dubbelregistrerat", by: .shell)
            let changed = try await client.page("/", headers: [.ifNoneMatch: etag])
            #expect(changed.status == .ok)
        }
    }

    @Test func badLanguageParameterIsABadRequestNamingIt() async throws {
        try await buildApplication(register: try DemoFixture.get()).test(.router) { client in
            let page = try await client.page("/?lang=fr")
            #expect(page.status == .badRequest)
            #expect(page.body.contains("<html lang=\"sv\">"))
            #expect(page.body.contains("Parametern lang"))
            #expect(page.body.contains("”fr”"))
            let twice = try await client.page("/?lang=en&lang=sv", headers: [.acceptLanguage: "en"])
            #expect(twice.status == .badRequest)
            #expect(twice.body.contains("The parameter lang"))
        }
    }

    @Test func unknownAddressIsANotFoundPageWithoutInternals() async throws {
        try await buildApplication(register: try DemoFixture.get()).test(.router) { client in
            for uri in ["/no/such/page", "/feeds/issues/999.atom", "/assets/missing.css", "/schema/x.schema.json"] {
                let page = try await client.page(uri)
                #expect(page.status == .notFound, "\(uri)")
                #expect(page.headers[.contentType] == "text/html; charset=utf-8", "\(uri)")
                #expect(page.body.contains("<h1>Sidan finns inte</h1>"), "\(uri)")
                #expect(!page.body.contains("No feed at"), "\(uri)")
            }
        }
    }

    @Test func everyResponseCarriesTheSecurityHeaders() async throws {
        try await buildApplication(register: try DemoFixture.get()).test(.router) { client in
            for uri in ["/", "/?lang=xx", "/nowhere", "/assets/site.css", "/feeds/meetings.atom", "/feeds/feed.xsl",
                        "/schema/register.schema.json", "/healthz"] {
                let page = try await client.page(uri)
                let policy = try #require(page.headers[.contentSecurityPolicy], "\(uri)")
                #expect(policy.contains("default-src 'self'"), "\(uri)")
                #expect(policy.contains("frame-ancestors 'none'"), "\(uri)")
                #expect(!policy.contains("unsafe-inline"), "\(uri)")
                #expect(page.headers[.xContentTypeOptions] == "nosniff", "\(uri)")
                #expect(page.headers[HTTPField.Name("Referrer-Policy")!] == "strict-origin-when-cross-origin", "\(uri)")
                #expect(page.headers[.strictTransportSecurity] == nil, "\(uri): the demo's base URL is http")
            }
            try await client.execute(uri: "/", method: .post) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.contentSecurityPolicy] != nil)
            }
        }
    }

    @Test func httpsBaseURLAddsStrictTransportSecurity() async throws {
        let register = try Register.inMemory()
        var settings = try register.settings()
        settings.baseURL = "https://insyn.region.example.se/"
        try register.update(settings: settings, by: .shell)
        try await buildApplication(register: register).test(.router) { client in
            let page = try await client.page("/")
            #expect(page.headers[.strictTransportSecurity]?.hasPrefix("max-age=") == true)
        }
    }

    @Test func escapingWorksOnScalarsSoACombiningMarkCannotHideAQuote() {
        #expect(HTMLText.escape("\"\u{301} onmouseover=x <b>&'") == "&quot;\u{301} onmouseover=x &lt;b&gt;&amp;&#39;")
    }

    @Test func themeDirectoryReplacesTemplatesAndAssets() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("insyn-theme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "body { color: #000; }".write(to: directory.appendingPathComponent("site.css"), atomically: true, encoding: .utf8)
        try "</main><footer><p>Kommunikationsavdelningen {{site.bodyName}}</p></footer></body></html>"
            .write(to: directory.appendingPathComponent("layout-footer.mustache"), atomically: true, encoding: .utf8)
        let renderer = try PageRenderer(theme: Theme.load(directory: directory.path))
        #expect(renderer.theme.overridden == ["layout-footer.mustache", "site.css"])
        try await buildApplication(register: try DemoFixture.get(), renderer: renderer).test(.router) { client in
            let page = try await client.page("/")
            #expect(page.body.contains("<p>Kommunikationsavdelningen Exempelregionen"))
            #expect(page.body.contains("Senast publicerade"))
            #expect(try await client.page("/assets/site.css").body == "body { color: #000; }")
        }
        #expect(throws: ThemeError.self) { try Theme.load(directory: directory.appendingPathComponent("missing").path) }
        try "{{#unclosed}}".write(to: directory.appendingPathComponent("home.mustache"), atomically: true, encoding: .utf8)
        #expect(throws: ThemeError.self) { try PageRenderer(theme: Theme.load(directory: directory.path)) }
    }
}

@Suite("Pages of an empty register")
struct EmptyRegisterTests {
    @Test func everyPageRendersForAnEmptyRegister() async throws {
        try await buildApplication(register: try Register.inMemory()).test(.router) { client in
            for uri in ["/", "/open-data", "/about", "/accessibility", "/data/register.json", "/data/changes.jsonl", "/data/meetings.csv"] {
                #expect(try await client.page(uri).status == .ok, "\(uri)")
            }
            let home = try await client.page("/")
            #expect(home.body.contains("Inga möten är publicerade ännu."))
            #expect(try await client.page("/open-data").body.contains("<td data-label=\"Tid (ISO 8601)\">–</td>"))
        }
    }
}
