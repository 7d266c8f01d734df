import Foundation
import HummingbirdTesting
import RegisterCore
import Testing
@testable import WebServer

@Suite("A meeting page shows each withheld field in its own row only")
struct MeetingWithheldFieldsTests {
    @Test func aMeetingWithAWithheldAndARedactedFieldShowsEachReasonOnceInItsRow() async throws {
        let register = try DemoFixture.get()
        let redacted = try #require(try register.publicMeetings().first { meeting in
            meeting.status == .published && meeting.withheld.values.contains { $0.redacted }
        })
        try await buildApplication(register: register).test(.router) { client in
            let page = try await client.page("/meetings/\(redacted.id)")
            #expect(page.status == .ok)
            #expect(!page.body.contains("WithheldRow"), "a Swift value's description leaked into the page")
            #expect(page.count("<span class=\"withheld\">") == redacted.withheld.count)
            #expect(page.body.contains("Borttaget ur offentligheten"))
        }
    }
}
