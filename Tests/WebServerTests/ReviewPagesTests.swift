import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import RegisterCore
import Testing
@testable import WebServer

/// Review through the web: the write API answers 202 when a recorder's publish goes
/// to the queue, the registrar approves or returns from `/registrar/review`, the
/// recorder sees the comment on the draft's record, and a recorder cannot decide.
@Suite("Review: the queue page and the write API")
struct ReviewPagesTests {
    let fixture: OfficialsPagesFixture
    let recorderToken: String

    init() async throws {
        fixture = try await OfficialsPagesFixture()
        var settings = try fixture.register.settings()
        settings.reviewRequired = "yes"
        try fixture.register.update(settings: settings, by: .shell)
        _ = try fixture.register.addEndpoint(NewEndpoint(url: "https://portal.example/hook", kind: .webhook,
                                                         secret: "whsec_" + Data(repeating: 7, count: 32).base64EncodedString()), by: .shell)
        recorderToken = try fixture.register.createToken(NewAPIToken(name: "Annas app", role: .recorder, officials: [fixture.official])).secret
    }

    var bearer: HTTPFields { [.authorization: "Bearer \(recorderToken)", .contentType: "application/json"] }

    func counts() throws -> [Int] {
        try fixture.register.readDatabase { db in
            try ["meeting", "feed_change", "outbox"].map { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)") ?? 0 }
        }
    }

    func lastChange() throws -> LedgerEntry {
        var last: LedgerEntry?
        try fixture.register.forEachLedgerEntry { last = $0 }
        return try #require(last)
    }

    func queue(_ client: some TestClientProtocol) async throws {
        let response = try await client.execute(uri: "/api/v1/meetings/\(fixture.draft)/publish", method: .post, headers: bearer)
        #expect(response.status == .accepted, "\(String(buffer: response.body))")
    }

    @Test func aRecordersPublishIsAcceptedForReviewAndNothingPublicChanges() async throws {
        let before = try counts()
        try await buildApplication(register: fixture.register).test(.router) { client in
            let feed = try await client.page("/feeds/meetings.atom")
            let response = try await client.execute(uri: "/api/v1/meetings/\(fixture.draft)/publish", method: .post, headers: bearer)
            #expect(response.status == .accepted)
            let body = try JSONValue.parse(Data(buffer: response.body))
            #expect(body["status"]?.stringValue == "draft")
            #expect(body["review"]?["state"]?.stringValue == "queued")
            #expect(try await client.page("/feeds/meetings.atom").body == feed.body)
            #expect(try await client.page("/meetings/\(fixture.draft)").status == .notFound)
            let queue = try await client.page("/registrar/review", headers: OfficialsPagesFixture.cookie(fixture.registrar))
            #expect(queue.status == .ok)
            #expect(queue.body.contains("Utkast om banan"))
        }
        #expect(try counts() == before)
        #expect(try lastChange().type == "meeting.submitted")
    }

    @Test func approvingOnTheQueuePagePublishesWithTheRegistrarAsActor() async throws {
        try await buildApplication(register: fixture.register).test(.router) { client in
            try await queue(client)
            let version = try fixture.register.storedMeeting(fixture.draft).revision.sequence
            let page = try await client.post("/registrar/review/\(fixture.draft)", headers: OfficialsPagesFixture.form(fixture.registrar),
                                             [("csrf", fixture.registrar.csrfToken), ("decision", "approve"), ("version", String(version))])
            #expect(page.status == .seeOther)
            #expect(page.headers[.location] == "/registrar/review?done=approved")
            #expect(try await client.page("/meetings/\(fixture.draft)").status == .ok)
            let queue = try await client.page("/registrar/review?done=approved", headers: OfficialsPagesFixture.cookie(fixture.registrar))
            #expect(queue.body.contains("Mötet är godkänt och publicerat."))
            #expect(!queue.body.contains("Utkast om banan"))
        }
        let change = try lastChange()
        #expect(change.type == "meeting.published")
        #expect(change.body["actor"]?["role"]?.stringValue == "registrar")
        #expect(change.openings[JSONPointer("/actor/who")!]?.value["name"]?.stringValue == "Rut Registrator")
        #expect(try fixture.register.readDatabase { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox") } == 1)
    }

    @Test func aReturnNeedsACommentAndTheRecorderSeesItOnTheDraft() async throws {
        try await buildApplication(register: fixture.register).test(.router) { client in
            try await queue(client)
            let before = try fixture.snapshot()
            let empty = try await client.post("/registrar/review/\(fixture.draft)", headers: OfficialsPagesFixture.form(fixture.registrar),
                                              [("csrf", fixture.registrar.csrfToken), ("decision", "return"), ("comment", "  ")])
            #expect(empty.status == .badRequest)
            #expect(empty.body.contains("<a href=\"#review-\(fixture.draft)-comment\">"))
            #expect(empty.body.contains("id=\"review-\(fixture.draft)-comment-error\""))
            #expect(try fixture.snapshot() == before)

            let comment = "Ämnet säger för lite: skriv vilka avtal ni talade om."
            let page = try await client.post("/registrar/review/\(fixture.draft)", headers: OfficialsPagesFixture.form(fixture.registrar),
                                             [("csrf", fixture.registrar.csrfToken), ("decision", "return"), ("comment", comment)])
            #expect(page.status == .seeOther)
            let record = try await client.execute(uri: "/api/v1/meetings/\(fixture.draft)/record", method: .get, headers: bearer)
            let body = try JSONValue.parse(Data(buffer: record.body))
            #expect(body["review"]?["state"]?.stringValue == "returned")
            #expect(body["review"]?["comment"]?.stringValue == comment)
            #expect(try await client.page("/meetings/\(fixture.draft)").status == .notFound)
        }
        #expect(try lastChange().type == "meeting.returned")
    }

    @Test func aRecorderCannotApproveOnThePageOrThroughTheAPI() async throws {
        try await buildApplication(register: fixture.register).test(.router) { client in
            try await queue(client)
            let before = try fixture.snapshot()
            let page = try await client.post("/registrar/review/\(fixture.draft)", headers: OfficialsPagesFixture.form(fixture.recorder),
                                             [("csrf", fixture.recorder.csrfToken), ("decision", "approve")])
            #expect(page.status == .forbidden)
            var headers = bearer
            headers[.ifMatch] = "*"
            let api = try await client.execute(uri: "/api/v1/meetings/\(fixture.draft)/approval", method: .post, headers: headers)
            #expect(api.status == .forbidden)
            #expect(try fixture.snapshot() == before)
        }
        #expect(try fixture.register.storedMeeting(fixture.draft).status == .draft)
    }

    @Test func anApprovalOfAnOlderVersionIsRefusedUnchanged() async throws {
        try await buildApplication(register: fixture.register).test(.router) { client in
            try await queue(client)
            let seen = try fixture.register.storedMeeting(fixture.draft).revision.sequence
            var edited = OfficialsPagesFixture.meeting(fixture.official, organisation: fixture.consultancy, issue: fixture.issue,
                                                       at: Date().addingTimeInterval(-86400), subject: "Utkast om banan, rättat")
            edited.summary = "Rättad sammanfattning."
            try fixture.register.updateDraft(fixture.draft, with: edited, by: Principal(kind: .account, id: 99, name: "Rut", role: .registrar))
            let before = try fixture.snapshot()
            let page = try await client.post("/registrar/review/\(fixture.draft)", headers: OfficialsPagesFixture.form(fixture.registrar),
                                             [("csrf", fixture.registrar.csrfToken), ("decision", "approve"), ("version", String(seen))])
            #expect(page.status == .conflict)
            #expect(page.body.contains("Utkastet har ändrats sedan sidan visades."))
            #expect(try fixture.snapshot() == before)
        }
    }
}
