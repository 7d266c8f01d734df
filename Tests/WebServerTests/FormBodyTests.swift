import Hummingbird
import Testing
@testable import WebServer

@Suite("Form bodies")
struct FormBodyTests {
    @Test func aFormBodyDecodesPercentAndPlusEscapes() async throws {
        var request = Request(head: HTTPRequest(method: .post, scheme: "http", authority: "x", path: "/",
                                                headerFields: [.contentType: "application/x-www-form-urlencoded"]),
                              body: .init(buffer: ByteBuffer(string: "email=a%40b.se&password=r%C3%A4tt+h%C3%A4st&csrf=")))
        #expect(try await FormBody.read(&request) == ["email": "a@b.se", "password": "rätt häst", "csrf": ""])
    }
}
