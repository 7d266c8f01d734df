import Foundation
import Hummingbird
import HummingbirdTesting
import Publishing
import RegisterCore
import Testing
@testable import WebServer

/// What HTTP clients and caches rely on: conditional requests, HEAD, each document's
/// own Last-Modified, one URL per document, and 405 for a method a route does not take.
@Suite("The server's HTTP contract")
struct HTTPContractTests {
    /// Two issues, each with one meeting published on a different day.
    func register() throws -> (Register, first: Int64, second: Int64) {
        let clock = ManualClock(Timestamp.parse("2026-09-01T08:00:00Z")!)
        let register = try Register.inMemory(clock: { clock.now })
        let unit = try register.add(RegisterCore.Unit(name: "Regionstyrelsen", kind: .board), by: .shell)
        let official = try register.add(Official(name: "Anna", title: "Regionråd", kind: .elected, unit: unit, activeFrom: Day("2022-01-01")!), by: .shell)
        let organisation = try register.add(Organisation(name: "Nordvind AB", kind: .consultancy, organisationNumber: "5568023450"), by: .shell)
        let first = try register.add(Issue(title: "Banan", summary: "S", position: "P", unit: unit), by: .shell)
        let second = try register.add(Issue(title: "Vägen", summary: "S", position: "P", unit: unit), by: .shell)
        for (issue, day) in [(first, "2026-09-02"), (second, "2026-09-05")] {
            clock.now = Timestamp.parse("\(day)T08:00:00Z")!
            try register.recordAndPublishMeetings([Meeting(
                startsAt: Timestamp.parse("2026-09-01T08:00:00Z")!, durationMinutes: 30, place: "Rum", format: .video, direction: .inbound,
                initiator: .us, participants: [official], counterparts: [Counterpart(organisation: organisation)], issues: [issue],
                subject: "Samtal", summary: "Samtal")], by: .shell)
        }
        return (register, first, second)
    }

    @Test func weakIfNoneMatchGivesNotModified() async throws {
        let (register, _, _) = try register()
        try await buildApplication(register: register).test(.router) { client in
            let etag = try await client.execute(uri: "/feeds/meetings.atom", method: .get) { try #require($0.headers[.eTag]) }
            for header in ["W/\(etag)", "\"other\", W/\(etag)"] {
                try await client.execute(uri: "/feeds/meetings.atom", method: .get, headers: [.ifNoneMatch: header]) { response in
                    #expect(response.status == .notModified, "If-None-Match: \(header)")
                }
            }
            try await client.execute(uri: "/feeds/meetings.atom", method: .get, headers: [.ifNoneMatch: "W/\"other\""]) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func headAnswersWhereverGetDoes() async throws {
        let (register, first, _) = try register()
        try await buildApplication(register: register).test(.router) { client in
            for uri in ["/", "/healthz", "/schema/register.schema.json", "/schema/change.schema.json", "/feeds/feed.xsl",
                        "/feeds/meetings.atom", "/feeds/issues/\(first).atom"] {
                let length = try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok, "GET \(uri)")
                    return response.body.readableBytes
                }
                try await client.execute(uri: uri, method: .head) { response in
                    #expect(response.status == .ok, "HEAD \(uri)")
                    #expect(response.body.readableBytes == 0, "HEAD \(uri) has a body")
                    #expect(response.headers[.contentLength] == String(length), "HEAD \(uri)")
                }
            }
        }
    }

    @Test func lastModifiedIsEachDocumentsOwn() async throws {
        let (register, first, second) = try register()
        try await buildApplication(register: register).test(.router) { client in
            for (uri, expected) in [("/feeds/issues/\(first).atom", "Wed, 02 Sep 2026 08:00:00 GMT"),
                                    ("/feeds/issues/\(second).atom", "Sat, 05 Sep 2026 08:00:00 GMT"),
                                    ("/feeds/meetings.atom", "Sat, 05 Sep 2026 08:00:00 GMT")] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.headers[.lastModified] == expected, "\(uri)")
                }
            }
            try await client.execute(uri: "/feeds/issues/\(first).atom", method: .get,
                                     headers: [.ifModifiedSince: "Thu, 03 Sep 2026 00:00:00 GMT"]) { response in
                #expect(response.status == .notModified)
            }
        }
    }

    @Test func nonCanonicalIdIsNotFound() async throws {
        let (register, first, _) = try register()
        try await buildApplication(register: register).test(.router) { client in
            try await client.execute(uri: "/feeds/issues/\(first).atom", method: .get) { #expect($0.status == .ok) }
            for uri in ["/feeds/issues/+\(first).atom", "/feeds/issues/0\(first).atom", "/feeds/issues/%2B\(first).atom",
                        "/feeds/issues/\(first).atom/", "/feeds//issues/\(first).atom", "/feeds/archive/01.atom"] {
                try await client.execute(uri: uri, method: .get) { #expect($0.status == .notFound, "\(uri)") }
            }
        }
    }

    @Test func otherMethodsGetMethodNotAllowedWithAllow() async throws {
        let (register, _, _) = try register()
        try await buildApplication(register: register).test(.router) { client in
            for (uri, method) in [("/feeds/meetings.atom", HTTPRequest.Method.post), ("/", .delete), ("/schema/register.schema.json", .put),
                                  ("/feeds/feed.xsl", .patch)] {
                try await client.execute(uri: uri, method: method) { response in
                    #expect(response.status == .methodNotAllowed, "\(method) \(uri)")
                    #expect(response.headers[.allow] == "GET, HEAD")
                }
            }
            try await client.execute(uri: "/nothing-here", method: .post) { #expect($0.status == .notFound) }
        }
    }
}
