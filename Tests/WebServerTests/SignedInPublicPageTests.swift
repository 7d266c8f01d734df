import Foundation
import Hummingbird
import HummingbirdTesting
import RegisterCore
import Testing
@testable import WebServer

@Suite("A public page read by a signed-in person: their header and footer on the page kept for everyone")
struct SignedInPublicPageTests {
    static let publicPages = ["/", "/meetings?q=banan", "/statistics", "/about"]

    @Test func aSignedInReaderSeesTheirLinksAndSignOutOnEveryPublicPage() async throws {
        let fixture = try await OfficialsPagesFixture()
        try await buildApplication(register: fixture.register).test(.router) { client in
            for path in Self.publicPages + ["/issues/\(fixture.issue)", "/officials/\(fixture.official)"] {
                let page = try await client.page(path, headers: OfficialsPagesFixture.cookie(fixture.recorder))
                #expect(page.status == .ok, "\(path)")
                #expect(page.body.contains("class=\"account-name\" href=\"/sign-in\">Anna Lindqvist</a>"), "\(path)")
                #expect(page.body.contains("<a href=\"/my/meetings\">Mina möten</a>"), "\(path)")
                #expect(page.body.contains("<li><a href=\"/sign-in\">Logga ut</a></li>"), "\(path)")
                #expect(!page.body.contains(">Logga in</a>"), "\(path)")
            }
        }
    }

    @Test func theKeptPageStaysAnonymousForTheNextReaderAndEachReaderHasTheirOwnEntityTag() async throws {
        let fixture = try await OfficialsPagesFixture()
        let pages = PageResponder(register: fixture.register, renderer: .builtIn)
        let router = Router(context: InsynRequestContext.self)
        router.add(middleware: LanguageMiddleware())
        router.add(middleware: AuthenticationMiddleware(register: fixture.register, cookies: SessionCookies(secure: false)))
        StatisticsPageController(pages: pages).addRoutes(to: router)
        try await Application(router: router).test(.router) { client in
            let signedIn = try await client.page("/statistics", headers: OfficialsPagesFixture.cookie(fixture.recorder))
            let anonymous = try await client.page("/statistics")
            let registrar = try await client.page("/statistics", headers: OfficialsPagesFixture.cookie(fixture.registrar))
            #expect(pages.renderCount == 1)
            #expect(!anonymous.body.contains("account-name"))
            #expect(anonymous.body.contains("<li><a href=\"/sign-in\">Logga in</a></li>"))
            #expect(registrar.body.contains("href=\"/registrar\""))
            #expect(!signedIn.body.contains("href=\"/registrar\""))
            let tags = [signedIn, anonymous, registrar].compactMap { $0.headers[.eTag] }
            #expect(Set(tags).count == 3)

            // Apart from the header and the footer, the reader's copy is the kept page's bytes.
            func main(_ body: String) -> Substring? {
                guard let start = body.range(of: "<main"), let end = body.range(of: "</main>") else { return nil }
                return body[start.lowerBound..<end.upperBound]
            }
            #expect(main(signedIn.body) != nil)
            #expect(main(signedIn.body) == main(anonymous.body))

            let again = try await client.page("/statistics", headers: [
                .cookie: "\(SessionCookies.name)=\(fixture.recorder.id)", .ifNoneMatch: try #require(signedIn.headers[.eTag])])
            #expect(again.status == .notModified)
            let crossed = try await client.page("/statistics", headers: [.ifNoneMatch: try #require(signedIn.headers[.eTag])])
            #expect(crossed.status == .ok)
        }
    }

    @Test func aThemeWhosePageLeavesOutTheLayoutFooterGivesTheAnonymousPageRatherThanABrokenOne() async throws {
        let fixture = try await OfficialsPagesFixture()
        let theme = FileManager.default.temporaryDirectory.appendingPathComponent("insyn-theme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: theme, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: theme) }
        try Data("{{>layout-head}}<h1>Om</h1></main></body></html>".utf8).write(to: theme.appendingPathComponent("text-page.mustache"))
        let renderer = try PageRenderer(theme: Theme.load(directory: theme.path))
        try await buildApplication(register: fixture.register, renderer: renderer).test(.router) { client in
            let page = try await client.page("/about", headers: OfficialsPagesFixture.cookie(fixture.recorder))
            #expect(page.status == .ok)
            #expect(page.body.contains("<h1>Om</h1>"))
            #expect(!page.body.contains("account-name"))
        }
    }
}
