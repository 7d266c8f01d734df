import Foundation
import Hummingbird
import HummingbirdTesting
import Publishing
import RegisterCore
import Testing
@testable import WebServer

/// A feed is rendered once per version of the register: repeated and conditional
/// GETs are answered from the cache, and a change or a new setting renders it anew.
@Suite("Feeds are rendered once per register version")
struct FeedCachingTests {
    private func demo() throws -> Register {
        let register = try Register.inMemory()
        try DemoRegister.load(into: register)
        return register
    }

    private func app(_ register: Register, _ cache: DocumentCache) -> some ApplicationProtocol {
        let router = Router(context: InsynRequestContext.self, options: .autoGenerateHeadEndpoints)
        FeedController(register: register, cache: cache).addRoutes(to: router)
        return Application(router: router)
    }

    @Test func repeatedAndConditionalGetsOfAFeedDoNoRendering() async throws {
        let register = try demo()
        let cache = DocumentCache()
        let expected = try #require(try FeedSet.read(register) { try $0.render(path: "meetings.atom") })
        try await app(register, cache).test(.router) { client in
            let etag = try await client.execute(uri: "/feeds/meetings.atom", method: .get) { response in
                #expect(Array(buffer: response.body) == expected)
                return try #require(response.headers[.eTag])
            }
            #expect(cache.renderCount == 1)
            for _ in 0..<3 {
                try await client.execute(uri: "/feeds/meetings.atom", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.eTag] == etag)
                    #expect(Array(buffer: response.body) == expected)
                }
            }
            try await client.execute(uri: "/feeds/meetings.atom", method: .get, headers: [.ifNoneMatch: etag]) { response in
                #expect(response.status == .notModified)
            }
            try await client.execute(uri: "/feeds/meetings.atom", method: .head) { response in
                #expect(response.headers[.eTag] == etag)
            }
            #expect(cache.renderCount == 1)
        }
    }

    @Test func aNewChangeInTheLedgerRendersTheFeedAgain() async throws {
        let register = try demo()
        let cache = DocumentCache()
        let meeting = try await register.read { snapshot in
            try #require(try snapshot.latestPublishedMeetings(.all, limit: 1).first)
        }
        try await app(register, cache).test(.router) { client in
            let before = try await client.execute(uri: "/feeds/meetings.atom", method: .get) { response in
                #expect(!String(buffer: response.body).contains("Dubbelbokat av misstag"))
                return try #require(response.headers[.eTag])
            }
            try register.withdrawMeeting(meeting.id, reason: "Dubbelbokat av misstag", by: .shell)
            try await client.execute(uri: "/feeds/meetings.atom", method: .get, headers: [.ifNoneMatch: before]) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.eTag] != before)
                #expect(String(buffer: response.body).contains("Dubbelbokat av misstag"))
            }
            try await client.execute(uri: "/feeds/meetings.atom", method: .get) { response in
                #expect(String(buffer: response.body).contains("Dubbelbokat av misstag"))
            }
            #expect(cache.renderCount == 2)
        }
    }

    @Test func aNewBaseURLRendersTheFeedAgain() async throws {
        let register = try demo()
        let cache = DocumentCache()
        try await app(register, cache).test(.router) { client in
            _ = try await client.execute(uri: "/feeds/issues/1.atom", method: .get) { _ in }
            var settings = try register.settings()
            settings.baseURL = "https://insyn.annan.example.se/"
            try register.update(settings: settings, by: .shell)
            try await client.execute(uri: "/feeds/issues/1.atom", method: .get) { response in
                #expect(String(buffer: response.body).contains("https://insyn.annan.example.se/meetings/"))
            }
            #expect(cache.renderCount == 2)
        }
    }

    @Test func theCacheKeepsAtMostItsCapacityLeastRecentlyUsedFirstOutAQuarterAtATime() async throws {
        let register = try Register.inMemory()
        let version = try await register.read { snapshot in try RegisterVersion(snapshot) }
        let cache = DocumentCache(capacity: 4000)
        func get(_ key: String) async throws {
            _ = try await cache.document(key, at: version) {
                DocumentCache.Rendered(version: version, document: CachedDocument(bytes: Array(repeating: 65, count: 1000), lastModified: nil))
            }
        }
        for key in ["a", "b", "c", "d"] { try await get(key) }
        try await get("a")
        #expect(cache.renderCount == 4)
        try await get("e")   // over capacity: the least recently used go until a quarter is free, "b" and then "c"
        try await get("a")
        try await get("d")
        #expect(cache.renderCount == 5)
        try await get("b")
        #expect(cache.renderCount == 6)
        try await get("c")
        #expect(cache.renderCount == 7)
    }

    @Test func anUnknownFeedIsNotKept() async throws {
        let register = try demo()
        let cache = DocumentCache()
        try await app(register, cache).test(.router) { client in
            for _ in 0..<2 {
                try await client.execute(uri: "/feeds/issues/9999.atom", method: .get) { response in
                    #expect(response.status == .notFound)
                }
            }
            #expect(cache.renderCount == 2)
        }
    }
}
