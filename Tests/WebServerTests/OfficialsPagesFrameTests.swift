import Foundation
import Hummingbird
import HummingbirdTesting
import RegisterCore
import Testing
@testable import WebServer

@Suite("The officials' pages: the signed-in frame and My meetings")
struct OfficialsPagesFrameTests {
    @Test func anAnonymousReaderIsSentToSignInWithTheWayBack() async throws {
        let fixture = try await OfficialsPagesFixture()
        try await buildApplication(register: fixture.register).test(.router) { client in
            let page = try await client.page("/my/meetings")
            #expect(page.status == .seeOther)
            #expect(page.headers[.location] == "/sign-in?return=%2Fmy%2Fmeetings")
            let signIn = try await client.page(try #require(page.headers[.location]))
            #expect(signIn.body.contains("name=\"return\" value=\"/my/meetings\""))
        }
    }

    @Test func signingInFromTheRedirectGoesBackToThePageButNeverToAnotherSite() async throws {
        let fixture = try await OfficialsPagesFixture()
        try await buildApplication(register: fixture.register).test(.router) { client in
            for (back, expected) in [("/my/meetings", "/my/meetings"), ("//evil.example/", "/sign-in"), ("https://evil.example/", "/sign-in")] {
                let (cookie, token) = try await formCookie(client, "/sign-in")
                let page = try await client.post("/sign-in", headers: formHeaders(cookie),
                                                 [("csrf", token), ("email", "anna@region.example.se"),
                                                  ("password", OfficialsPagesFixture.password), ("return", back)])
                #expect(page.status == .seeOther)
                #expect(page.headers[.location] == expected)
            }
        }
    }

    @Test func anAuditorMayNotOpenTheOfficialsPages() async throws {
        let fixture = try await OfficialsPagesFixture()
        try await buildApplication(register: fixture.register).test(.router) { client in
            let page = try await client.page("/my/meetings", headers: OfficialsPagesFixture.cookie(fixture.auditor))
            #expect(page.status == .forbidden)
            #expect(page.body.contains("<h1>Du har inte behörighet till sidan</h1>"))
        }
    }

    @Test func aRecorderSeesOnlyTheirOfficialsMeetingsAndTheWayToLogANewOne() async throws {
        let fixture = try await OfficialsPagesFixture()
        try await buildApplication(register: fixture.register).test(.router) { client in
            let page = try await client.page("/my/meetings", headers: OfficialsPagesFixture.cookie(fixture.recorder))
            #expect(page.status == .ok)
            #expect(page.headers[.cacheControl] == "no-store")
            #expect(page.body.contains("href=\"/my/meetings/\(fixture.draft)\">Utkast om banan</a>"))
            #expect(page.body.contains("href=\"/meetings/\(fixture.published)\">Godstrafiken</a>"))
            #expect(!page.body.contains("Bos utkast"))
            #expect(page.body.contains("href=\"/my/meetings/new\""))
            #expect(page.body.contains("class=\"account-name\" href=\"/sign-in\">Anna Lindqvist</a>"))
        }
    }

    @Test func draftsAreGroupedByTheirPublicationDeadline() async throws {
        let fixture = try await OfficialsPagesFixture()
        let now = Date()
        let overdue = try fixture.register.recordMeeting(OfficialsPagesFixture.meeting(
            fixture.official, organisation: fixture.client, issue: fixture.issue, at: now.addingTimeInterval(-20 * 86400), subject: "Sent möte"),
            by: .shell)
        let due = try fixture.register.recordMeeting(OfficialsPagesFixture.meeting(
            fixture.official, organisation: fixture.client, issue: fixture.issue, at: now.addingTimeInterval(-13 * 86400), subject: "Snart dags"),
            by: .shell)
        try await buildApplication(register: fixture.register).test(.router) { client in
            let body = try await client.page("/my/meetings", headers: OfficialsPagesFixture.cookie(fixture.recorder)).body
            let overdueAt = try #require(body.range(of: "id=\"overdue\"")).lowerBound
            let dueAt = try #require(body.range(of: "id=\"due\"")).lowerBound
            let draftsAt = try #require(body.range(of: "id=\"drafts\"")).lowerBound
            let publishedAt = try #require(body.range(of: "id=\"published\"")).lowerBound
            func position(_ id: Int64) throws -> String.Index { try #require(body.range(of: "href=\"/my/meetings/\(id)\"")).lowerBound }
            #expect(try (overdueAt..<dueAt).contains(position(overdue)))
            #expect(try (dueAt..<draftsAt).contains(position(due)))
            #expect(try (draftsAt..<publishedAt).contains(position(fixture.draft)))
        }
    }

    @Test func theRegistrarSeesEveryOfficialsDrafts() async throws {
        let fixture = try await OfficialsPagesFixture()
        try await buildApplication(register: fixture.register).test(.router) { client in
            let page = try await client.page("/my/meetings?lang=en", headers: OfficialsPagesFixture.cookie(fixture.registrar))
            #expect(page.status == .ok)
            #expect(page.body.contains("Utkast om banan") && page.body.contains("Bos utkast"))
            #expect(page.body.contains("<h1>My meetings</h1>"))
        }
    }
}
