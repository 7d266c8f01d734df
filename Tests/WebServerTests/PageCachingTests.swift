import Foundation
import Hummingbird
import HummingbirdTesting
import Publishing
import RegisterCore
import Testing
@testable import WebServer

/// A public page is built and rendered once per version of the register, language
/// and query: repeated GETs are answered from the kept page, with its status, and a
/// change renders it anew.
@Suite("Pages are rendered once per register version")
struct PageCachingTests {
    private func app(_ register: Register, _ pages: PageResponder) -> some ApplicationProtocol {
        let router = Router(context: InsynRequestContext.self, options: .autoGenerateHeadEndpoints)
        router.add(middleware: LanguageMiddleware())
        MeetingController(pages: pages).addRoutes(to: router)
        return Application(router: router)
    }

    @Test func aRepeatedGetOfAPageDoesNoRenderingUntilTheRegisterChanges() async throws {
        let register = try Register.inMemory()
        try DemoRegister.load(into: register)
        let pages = PageResponder(register: register, renderer: .builtIn)
        let meeting = try await register.read { snapshot in try #require(try snapshot.latestPublishedMeetings(.all, limit: 1).first) }
        let uri = SiteURL.meeting(meeting.id).path
        try await app(register, pages).test(.router) { client in
            let first = try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .ok)
                return (String(buffer: response.body), try #require(response.headers[.eTag]))
            }
            for _ in 0..<3 {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.eTag] == first.1)
                    #expect(String(buffer: response.body) == first.0)
                }
            }
            #expect(pages.renderCount == 1)
            try await client.execute(uri: uri + "?lang=en", method: .get) { response in
                #expect(response.headers[.contentLanguage] == "en")
            }
            #expect(pages.renderCount == 2)

            try register.withdrawMeeting(meeting.id, reason: "Dubbelbokat av misstag", by: .shell)
            for _ in 0..<2 {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .gone)
                    #expect(response.headers[.eTag] != first.1)
                    #expect(String(buffer: response.body).contains("Dubbelbokat av misstag"))
                }
            }
            #expect(pages.renderCount == 3)
        }
    }
}
