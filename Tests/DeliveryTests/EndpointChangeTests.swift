import Foundation
import Publishing
import RegisterCore
import Testing

@Suite("Changing and removing endpoints")
struct EndpointChangeTests {
    @Test func removingAnEndpointRemovesItsOutboxWithIt() throws {
        let fixture = try PushFixture()
        let kept = try fixture.addWebhook("https://kept.example.se/hook", fromStart: true)
        let removed = try fixture.addWebhook("https://removed.example.se/hook", fromStart: true)
        try fixture.publishMeetings(2)
        let pending = try fixture.register.pendingDeliveries(endpoint: removed.id)
        try fixture.register.record(.delivered, for: try #require(pending.first).id, at: Date())
        try fixture.register.record(.dead(error: "HTTP 400"), for: pending[1].id, at: Date())

        #expect(try fixture.register.removeEndpoint(removed.id, by: .shell) == pending.count - 1, "the undelivered ones are counted")

        #expect(try fixture.register.endpoints().map(\.id) == [kept.id])
        #expect(try fixture.register.outboxStatus().map(\.endpoint.id) == [kept.id])
        #expect(try fixture.register.pendingDeliveries(endpoint: removed.id).isEmpty)
        try fixture.publishMeetings(1)
        #expect(try fixture.register.outboxStatus().first?.pending == pending.count + 1, "later changes go to the others only")
        #expect(try fixture.register.requeueDeadLetters() == 0, "its dead letters went with it")
        #expect(throws: ValidationError.self) { try fixture.register.removeEndpoint(removed.id, by: .shell) }
    }

    @Test func anUpdateIsCheckedLikeANewEndpointAndARefusedOneChangesNothing() throws {
        let fixture = try PushFixture()
        let webhook = try fixture.addWebhook("https://one.example.se/hook")
        let ckan = try fixture.addCKAN("https://ckan.example.se")
        let cases: [(Int64, EndpointUpdate, String)] = [
            (webhook.id, EndpointUpdate(url: "ftp://one.example.se/hook"), "url"),
            (webhook.id, EndpointUpdate(secret: "hunter2"), "secret"),
            (webhook.id, EndpointUpdate(token: "t"), "token"),
            (ckan.id, EndpointUpdate(secret: PushFixture.secret), "secret"),
            (ckan.id, EndpointUpdate(token: "a\nb"), "token"),
            (ckan.id, EndpointUpdate(resourceId: " "), "resource-id"),
            (ckan.id, EndpointUpdate(), "endpoint"),
            (99, EndpointUpdate(url: "https://two.example.se"), "id"),
        ]
        for (id, update, field) in cases {
            let error = #expect(throws: ValidationError.self) { try fixture.register.updateEndpoint(id, update, by: .shell) }
            #expect(error?.problems.map(\.field).contains(field) == true, "\(update) should be refused for \(field)")
        }
        #expect(try fixture.register.endpoints() == [webhook, ckan])

        let secret = "whsec_" + Data(repeating: 7, count: 32).base64EncodedString()
        let changed = try fixture.register.updateEndpoint(webhook.id, EndpointUpdate(url: " https://two.example.se/hook ", secret: secret), by: .shell)
        #expect((changed.url, changed.secret, changed.createdAfterSequence) == ("https://two.example.se/hook", secret, webhook.createdAfterSequence))
        let moved = try fixture.register.updateEndpoint(ckan.id, EndpointUpdate(token: " new-token ", resourceId: "6a1f"), by: .shell)
        #expect((moved.url, moved.token, moved.resourceId) == (ckan.url, "new-token", "6a1f"))
    }

    @Test func aPauseNeverUndoesAnUpdateMadeMeanwhile() throws {
        let fixture = try PushFixture()
        let seen = try fixture.addCKAN("https://ckan.example.se", token: "revoked")
        try fixture.register.updateEndpoint(seen.id, EndpointUpdate(token: "fresh"), by: .shell)

        #expect(try !fixture.register.pauseEndpoint(seen, reason: "HTTP 401: revoked"))
        #expect(try fixture.register.endpoint(seen.id).pause == nil)

        let current = try fixture.register.endpoint(seen.id)
        #expect(try fixture.register.pauseEndpoint(current, reason: "HTTP 401: revoked too"))
        #expect(try fixture.register.endpoint(seen.id).pause?.reason == "HTTP 401: revoked too")
        try fixture.register.setEndpoint(seen.id, enabled: true, by: .shell)
        #expect(try fixture.register.endpoint(seen.id).pause == nil, "enabling resumes it")
    }
}
