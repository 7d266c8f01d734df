import Foundation
import Hummingbird
import HummingbirdTesting
import Mustache
import RegisterCore
import Testing
@testable import WebServer

/// The compiled templates render every page as the mustache library does, byte for
/// byte, and a theme using what they do not render is rendered by the library.
@Suite("Compiled templates")
struct CompiledTemplateTests {
    private static let libraryOnly = Result { try PageRenderer(theme: Theme.builtIn(), engine: .library) }
    private static let compiledOnly = Result { try PageRenderer(theme: Theme.builtIn(), engine: .compiledOnly) }

    /// The public pages of `register` in both languages, each with the ids of `register`'s records.
    private static func publicPages(_ register: Register) async throws -> [String] {
        let (issues, officials, organisations, units) = try await register.read { (snapshot: RegisterSnapshot) throws in
            (try snapshot.issues().map(\.id), try snapshot.officials().map(\.id), try snapshot.organisations().map(\.id),
             try snapshot.units().map(\.id))
        }
        let meetings = try register.publicMeetings().map(\.id)
        let firstIssue = issues.first ?? 1, firstOrganisation = organisations.first ?? 1
        var paths = ["/", "/meetings", "/meetings?q=tåg", "/meetings?issue=\(firstIssue)&direction=inbound", "/statistics",
                     "/statistics?issue=\(firstIssue)", "/statistics?org=\(firstOrganisation)&direction=outbound",
                     "/open-data", "/about", "/accessibility", "/sign-in", "/no-such-page", "/issues/999999"]
        paths += issues.map { "/issues/\($0)" } + officials.map { "/officials/\($0)" }
        paths += organisations.prefix(40).map { "/organisations/\($0)" } + units.map { "/units/\($0)" }
        paths += meetings.map { "/meetings/\($0)" }
        return paths.flatMap { [$0, $0 + ($0.contains("?") ? "&" : "?") + "lang=en"] }
    }

    private static func expectSamePages(_ register: Register) async throws {
        let paths = try await publicPages(register)
        let compiled = try await buildApplication(register: register, renderer: try compiledOnly.get()).test(.router) { client in
            var pages: [String: String] = [:]
            for path in paths { pages[path] = Self.withoutCSRFToken(try await client.page(path).body) }
            return pages
        }
        try await buildApplication(register: register, renderer: try libraryOnly.get()).test(.router) { client in
            for path in paths {
                let page = try await client.page(path)
                #expect(page.body.contains("</html>"), "\(path)")
                #expect(compiled[path] == Self.withoutCSRFToken(page.body), "\(path)")
            }
        }
    }

    /// The sign-in form's token is new on every request.
    private static func withoutCSRFToken(_ body: String) -> String {
        body.replacing(/name="csrf" value="[0-9a-f]+"/, with: "name=\"csrf\"")
    }

    @Test func everyBuiltInTemplateIsCompiled() throws {
        let renderer = PageRenderer.builtIn
        #expect(Set(renderer.compiled.keys) == Set(renderer.theme.templates.keys))
    }

    @Test func theDemoPagesAreTheBytesTheLibraryRenders() async throws {
        try await Self.expectSamePages(try DemoFixture.get())
    }

    @Test func pagesWithHostileTextAndWithheldValuesAreTheBytesTheLibraryRenders() async throws {
        try await Self.expectSamePages(try PageFixture().register)
        try await Self.expectSamePages(try SubjectPageFixture().register)
    }

    @Test func theLibrarysRulesForNamesSectionsAndWhitespaceHold() throws {
        let text = """
            {{% CONTENT_TYPE: \(PageRenderer.contentType) }}
            {{#rows}}
              <li>{{name}} {{outer}} {{.name}}|{{#note}}{{.}}{{/note}}{{^note}}none{{/note}}</li>
            {{/rows}}
            {{^empty}}empty{{/empty}} {{#empty}}never{{/empty}} {{#flag}}yes{{/flag}}{{^flag}}no{{/flag}}
            {{#word}}[{{.}} {{outer}}]{{/word}} {{deep.inner.name}} {{deep.missing.name}} {{{raw}}} {{raw}} {{count}}
            {{! a comment }}
              {{#flag}}
            standalone
              {{/flag}}
            {{nothing}}{{#nothing}}x{{/nothing}}{{^nothing}}y{{/nothing}} {{t.key}}
            """
        let template = try MustacheTemplate(string: text)
        let value = MustacheTree.make(Page(
            outer: "ytter & <b>", rows: [Row(name: "a\"", note: "n"), Row(name: "b", note: nil)], empty: [], flag: true, word: "ord",
            deep: Deep(inner: Row(name: "djup", note: nil)), raw: "<i>rå</i>", count: 42, t: ["key": "nyckel"]))
        MustacheContentTypes.register(HTMLText(), named: PageRenderer.contentType)
        let compiled = try #require(CompiledTemplate(template))
        let rendered = String(decoding: try compiled.render(value, partials: [:], known: []), as: UTF8.self)
        #expect(rendered == template.render(value.libraryValue))
        #expect(rendered.contains("<li>a&quot; ytter &amp; &lt;b&gt; a&quot;|n</li>"))
        #expect(rendered.contains("<li>b ytter &amp; &lt;b&gt; b|none</li>"))
    }

    @Test func aThemeTemplateUsingATransformIsRenderedByTheLibrary() async throws {
        var templates = try Theme.builtIn().templates
        templates["issue"] = "{{>layout-head}}{{#page}}<h1>{{uppercased(title)}}</h1>{{/page}}{{>layout-footer}}"
        templates["layout-footer"] = "{{#site}}\n  {{>footer-part}}\n{{/site}}</main></body></html>"
        templates["footer-part"] = "<p>{{bodyName}}</p>\n<p>{{bodyName}}</p>\n"
        let renderer = try PageRenderer(theme: Theme(templates: templates, assets: try Theme.builtIn().assets))
        #expect(renderer.compiled["issue"] == nil)
        #expect(renderer.compiled["layout-footer"] == nil)
        #expect(renderer.compiled["home"] != nil)
        let register = try DemoFixture.get()
        let issue = try await register.read { try $0.issues()[0] }
        try await buildApplication(register: register, renderer: renderer).test(.router) { client in
            let page = try await client.page("/issues/\(issue.id)")
            #expect(page.body.contains("<h1>\(issue.title.uppercased())</h1>"))
            #expect(page.body.contains("  <p>Exempelregionen (fiktiva demodata)</p>\n  <p>Exempelregionen (fiktiva demodata)</p>\n"))
            let home = try await client.page("/")
            #expect(home.body.contains("  <p>Exempelregionen (fiktiva demodata)</p>\n  <p>Exempelregionen (fiktiva demodata)</p>\n"))
        }
    }

    private struct Row { let name: String; let note: String? }
    private struct Deep { let inner: Row }
    private struct Page {
        let outer: String; let rows: [Row]; let empty: [Row]; let flag: Bool; let word: String; let deep: Deep; let raw: String
        let count: Int; let t: [String: String]
    }
}
