import Foundation
import Hummingbird
import HummingbirdTesting
import Publishing
import RegisterCore
import Testing
@testable import WebServer

@Suite("The server serves the same feeds as the static files")
struct FeedServingTests {
    func demo() throws -> Register {
        let register = try Register.inMemory()
        try DemoRegister.load(into: register)
        return register
    }

    @Test func mainFeedIsTheStaticFileAndSupportsConditionalGet() async throws {
        let register = try demo()
        let app = buildApplication(register: register)
        let expected = try #require(try FeedSet.read(register) { try $0.render(path: "meetings.atom") })
        try await app.test(.router) { client in
            let etag = try await client.execute(uri: "/feeds/meetings.atom", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/atom+xml; charset=utf-8")
                #expect(Array(buffer: response.body) == expected)
                return try #require(response.headers[.eTag])
            }
            try await client.execute(uri: "/feeds/meetings.atom", method: .get, headers: [.ifNoneMatch: etag]) { response in
                #expect(response.status == .notModified)
                #expect(response.body.readableBytes == 0)
            }
            try await client.execute(uri: "/feeds/meetings.atom", method: .get, headers: [.accept: "text/html,application/xhtml+xml"]) { response in
                #expect(response.headers[.contentType] == "application/xml; charset=utf-8")
                #expect(Array(buffer: response.body) == expected)
            }
            try await client.execute(uri: "/feeds/archive/1999-01.atom", method: .get) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/feeds/feed.xsl", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("xsl:stylesheet"))
            }
            try await client.execute(uri: "/schema/register.schema.json", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("2020-12"))
            }
            try await client.execute(uri: "/schema/..%2F..%2FPackage.swift", method: .get) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("/feeds/meetings.atom"))
            }
        }
    }
}
