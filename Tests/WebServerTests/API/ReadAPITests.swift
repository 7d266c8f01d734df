import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Publishing
import RegisterCore
import Testing
@testable import WebServer

/// The read API under /api/v1: the export's forms, the search page's filters, cursor
/// pagination, problem details, conditional GET and open CORS.
@Suite("The read API")
struct ReadAPITests {
    @Test func meetingsPageThroughEveryPublishedMeetingByCursorInTheExportsForm() async throws {
        let register = try DemoFixture.get()
        let exported = try ExportedForms(register)
        let expected = try register.publicMeetings(MeetingFilter(status: .published), order: .id).map(\.id)
        try await buildApplication(register: register).test(.router) { client in
            var uri: String? = "/api/v1/meetings?sort=id&limit=37"
            var seen: [Int64] = []
            var pages = 0
            while let next = uri {
                let page = try await client.page(next)
                #expect(page.status == .ok)
                #expect(page.headers[.contentType] == "application/json")
                let object = try page.object
                for meeting in object["meetings"] as? [[String: Any]] ?? [] {
                    let id = try #require(int64(meeting["id"]))
                    #expect(meeting as NSDictionary == exported.meetings[id], "meeting \(id) differs from the export's form")
                    seen.append(id)
                }
                let link = object["next"] as? String
                #expect(page.headers[HTTPField.Name("Link")!] == link.map { "<\($0)>; rel=\"next\"" })
                uri = link.map { String($0.dropFirst("http://localhost:8080".count)) }
                pages += 1
            }
            #expect(seen == expected)
            #expect(pages == (expected.count + 36) / 37)
        }
    }

    @Test func filtersAreTheSearchPagesAndTheDefaultOrderIsLatestStartFirst() async throws {
        let register = try DemoFixture.get()
        let official = try #require(try register.officials().first).id
        let organisation = try #require(try register.organisations().first).id
        try await buildApplication(register: register).test(.router) { client in
            let byOfficial = try await client.page("/api/v1/meetings?official=\(official)&from=2025-01-01&to=2025-12-31&limit=500").object
            let meetings = byOfficial["meetings"] as? [[String: Any]] ?? []
            let filter = MeetingFilter(from: Timestamp.parse("2025-01-01T00:00", timeZone: TimeZone(identifier: "Europe/Stockholm")!),
                                       to: Timestamp.parse("2026-01-01T00:00", timeZone: TimeZone(identifier: "Europe/Stockholm")!),
                                       official: official, status: .published)
            let expected = try register.publicMeetings(filter, order: .newestStart).map(\.id)
            #expect(!expected.isEmpty)
            #expect(meetings.compactMap { int64($0["id"]) } == expected)
            let starts = meetings.compactMap { $0["startsAt"] as? String }
            #expect(starts == starts.sorted(by: >))

            let search = try await register.read { try $0.search(MeetingSearch(organisation: organisation, direction: .inbound)) }
            let listed = try await client.page("/api/v1/meetings?org=\(organisation)&direction=inbound&limit=\(MeetingSearch.pageSize)").object
            #expect((listed["meetings"] as? [[String: Any]])?.compactMap { int64($0["id"]) } == search.meetings.map(\.meeting.id))

            let words = try await client.page("/api/v1/meetings?q=v%C3%A4tgas&sort=startsAt&limit=500").object
            let found = (words["meetings"] as? [[String: Any]]) ?? []
            let ranked = try await register.read { try $0.search(MeetingSearch(text: "vätgas")) }
            #expect(found.count == ranked.total)
            let oldest = found.compactMap { $0["startsAt"] as? String }
            #expect(oldest == oldest.sorted())
        }
    }

    @Test func badParametersAreProblemsNamingTheParameter() async throws {
        try await buildApplication(register: try DemoFixture.get()).test(.router) { client in
            let cases: [(String, String)] = [
                ("/api/v1/meetings?limit=0", "limit"), ("/api/v1/meetings?limit=501", "limit"), ("/api/v1/meetings?limit=ten", "limit"),
                ("/api/v1/meetings?sort=subject", "sort"), ("/api/v1/meetings?colour=red", "colour"), ("/api/v1/meetings?after=b3", "after"),
                ("/api/v1/meetings?q=" + String(repeating: "a", count: 201), "q"), ("/api/v1/meetings?from=2026-13-01", "from"),
                ("/api/v1/meetings?cursor=yesterday", "cursor"), ("/api/v1/meetings?sort=id&cursor=2026-01-01T00:00:00Z_0", "cursor"),
                ("/api/v1/meetings?status=draft", "status"), ("/api/v1/meetings?q=a%00b", "q"),
                ("/api/v1/meetings?limit=2&limit=3", "limit"), ("/api/v1/meetings?q=%ZZ", "q"), ("/api/v1/changes?since=-1", "since"),
                ("/api/v1/issues/1?official=2", "official"), ("/api/v1/head?x=1", "x"), ("/api/v1/meetings?to=", "to"),
            ]
            for (uri, parameter) in cases {
                let page = try await client.page(uri)
                #expect(page.status == .badRequest, "\(uri)")
                #expect(page.headers[.contentType] == "application/problem+json", "\(uri)")
                #expect(page.problemParameter == parameter, "\(uri): \(page.body)")
                #expect(try page.object["status"] as? Int == 400)
            }
            for (uri, parameter) in [("/api/v1/meetings?official=999999", "official"), ("/api/v1/changes?since=99999999", "since")] {
                let page = try await client.page(uri)
                #expect(page.status == .notFound, "\(uri)")
                #expect(page.problemParameter == parameter, "\(uri): \(page.body)")
            }
            let empty = try await client.page("/api/v1/meetings?from=2026-02-01&to=2026-01-01")
            #expect(empty.status == .ok)
            #expect((try empty.object["meetings"] as? [Any])?.isEmpty == true)
            let long = try await client.page("/api/v1/meetings?q=a&" + String(repeating: "x", count: APIQuery.maxLength))
            #expect(long.status == .badRequest)
            #expect(try long.object["title"] as? String == "Query too long")
        }
    }

    @Test func oneMeetingHasItsVersionsAndAWithdrawnOneIsItsTombstone() async throws {
        let fixture = try PageFixture()
        let exported = try ExportedForms(fixture.register)
        try await buildApplication(register: fixture.register).test(.router) { client in
            let corrected = try await client.page("/api/v1/meetings/\(fixture.corrected)").object
            #expect(corrected["meeting"] as? NSDictionary == exported.meetings[fixture.corrected])
            let versions = corrected["versions"] as? [[String: Any]] ?? []
            #expect(versions.map { $0["type"] as? String } == ["meeting.published", "meeting.corrected"])
            #expect((versions.last?["data"] as? NSDictionary) == exported.meetings[fixture.corrected])

            let withdrawn = try await client.page("/api/v1/meetings/\(fixture.withdrawn)")
            #expect(withdrawn.status == .ok)
            #expect((try withdrawn.object["meeting"] as? [String: Any])?["status"] as? String == "withdrawn")

            for id in [fixture.draft, 999_999] {
                let missing = try await client.page("/api/v1/meetings/\(id)")
                #expect(missing.status == .notFound)
                #expect(missing.headers[.contentType] == "application/problem+json")
                #expect(!missing.body.contains(PageFixture.draftSubject))
            }
            let nowhere = try await client.page("/api/v1/nowhere")
            #expect(nowhere.status == .notFound)
            #expect(nowhere.headers[.contentType] == "application/problem+json")
            for canary in PageFixture.canaries {
                for uri in ["/api/v1/meetings?limit=500", "/api/v1/meetings?status=withdrawn", "/api/v1/organisations", "/api/v1/changes"] {
                    #expect(try await !client.page(uri).body.contains(canary), "\(canary) in \(uri)")
                }
            }
        }
    }

    @Test func catalogueRecordsComeWithTheirMeetings() async throws {
        let register = try DemoFixture.get()
        let exported = try ExportedForms(register)
        try await buildApplication(register: register).test(.router) { client in
            for (kind, singular, parameter, subject) in [("units", "unit", "unit", MeetingSubject.unit), ("officials", "official", "official", MeetingSubject.official),
                                                         ("organisations", "organisation", "org", MeetingSubject.organisation),
                                                         ("issues", "issue", "issue", MeetingSubject.issue)] {
                let list = try await client.page("/api/v1/\(kind)").object[kind] as? [[String: Any]] ?? []
                #expect(list.count == exported.records[kind]?.count)
                #expect(list.allSatisfy { exported.records[kind]?[int64($0["id"]) ?? 0] == $0 as NSDictionary }, "\(kind)")
                let id = try #require(int64(list.first?["id"]))
                let one = try await client.page("/api/v1/\(kind)/\(id)?limit=5").object
                #expect(one[singular] as? NSDictionary == exported.records[kind]?[id])
                let count = try await register.read { try $0.publishedMeetingCount(subject(id)) }
                #expect(one["meetingCount"] as? Int == count)
                let meetings = one["meetings"] as? [[String: Any]] ?? []
                #expect(meetings.count == min(5, count))
                if count > 5 {
                    let next = try #require(one["next"] as? String)
                    #expect(next.contains("/api/v1/meetings?\(parameter)=\(id)&limit=5&cursor="))
                }
                let missing = try await client.page("/api/v1/\(kind)/999999")
                #expect(missing.status == .notFound)
                #expect(missing.headers[.contentType] == "application/problem+json")
            }
        }
    }

    @Test func headGivesTheLedgerPositionAndCounts() async throws {
        let fixture = try PageFixture()
        try await buildApplication(register: fixture.register).test(.router) { client in
            let head = try await client.page("/api/v1/head").object
            let ledger = try fixture.register.ledgerHead()
            #expect((head["ledger"] as? [String: Any])?["sequence"] as? Int == Int(ledger.sequence))
            #expect((head["ledger"] as? [String: Any])?["hash"] as? String == ledger.hash)
            let counts = try #require(head["counts"] as? [String: Int])
            #expect(counts["meetings"] == 3)
            #expect(counts["withdrawnMeetings"] == 1)
            #expect(counts["issues"] == 1)
            #expect(counts["publicChanges"] == (try fixture.register.publicChanges(after: 0).count))
        }
    }

    @Test func changeStreamIsTheIncrementalExportsBytes() async throws {
        let register = try DemoFixture.get()
        let head = try register.ledgerHead().sequence
        try await buildApplication(register: register).test(.router) { client in
            for since in [0, head / 2, head] {
                let sink = BufferSink()
                try ChangeLinesExport(after: since).write(register, to: sink)
                try await client.execute(uri: "/api/v1/changes?since=\(since)", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "application/jsonl; charset=utf-8")
                    #expect(Array(buffer: response.body) == sink.take(), "since=\(since)")
                }
            }
        }
    }

    @Test func aChangeStreamOfManyChunksIsTheIncrementalExportsBytesInOrder() async throws {
        let register = try Register.inMemory()
        try BenchmarkRegister.fill(register, meetings: 400)
        let sink = BufferSink()
        try ChangeLinesExport(after: 0).write(register, to: sink)
        let expected = sink.take()
        #expect(expected.count > 3 * StreamedBody.chunkSize, "the stream spans several chunks and batches")
        try await buildApplication(register: register).test(.router) { client in
            try await client.execute(uri: "/api/v1/changes?since=0", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Array(buffer: response.body) == expected)
            }
        }
    }

    @Test func everyResourceAnswersNotModifiedForTheSameHeadAndIsOpenToOtherOrigins() async throws {
        let register = try Register.inMemory()
        try DemoRegister.load(into: register)
        let uris = ["/api/v1/head", "/api/v1/meetings?official=1", "/api/v1/meetings/1", "/api/v1/issues", "/api/v1/issues/1",
                    "/api/v1/officials", "/api/v1/officials/1", "/api/v1/organisations", "/api/v1/organisations/1",
                    "/api/v1/units", "/api/v1/units/1", "/api/v1/changes?since=3"]
        try await buildApplication(register: register).test(.router) { client in
            var tags: [String: String] = [:]
            for uri in uris {
                let first = try await client.page(uri)
                #expect(first.status == .ok, "\(uri)")
                #expect(first.headers[.accessControlAllowOrigin] == "*", "\(uri)")
                let etag = try #require(first.headers[.eTag], "\(uri)")
                let again = try await client.page(uri, headers: [.ifNoneMatch: "W/" + etag])
                #expect(again.status == .notModified, "\(uri)")
                #expect(again.body.isEmpty, "\(uri)")
                #expect(again.headers[.accessControlAllowOrigin] == "*", "\(uri)")
                tags[uri] = etag
            }
            #expect(try await client.page("/api/v1/meetings?limit=0").headers[.accessControlAllowOrigin] == "*")
            let meeting = try #require(try register.publicMeetings(MeetingFilter(status: .published, limit: 1)).first)
            try register.withdrawMeeting(meeting.id, reason: "Dubbelregistrerat", by: .shell)
            for uri in uris {
                #expect(try await client.page(uri, headers: [.ifNoneMatch: tags[uri]!]).status == .ok, "\(uri) after a change")
            }
        }
    }

    @Test func feedEntriesAndPagesLinkTheirJSON() async throws {
        let register = try DemoFixture.get()
        let meeting = try #require(try register.publicMeetings(MeetingFilter(status: .published, limit: 1)).first)
        try await buildApplication(register: register).test(.router) { client in
            let feed = try await client.page("/feeds/meetings.atom").body
            #expect(feed.contains(#"<link rel="alternate" type="application/json" href="http://localhost:8080/api/v1/meetings/"#))
            let entries = feed.components(separatedBy: "<entry>").count - 1
            #expect(feed.components(separatedBy: #"type="application/json""#).count - 1 == entries)
            let twins = [("/meetings/\(meeting.id)", "/api/v1/meetings/\(meeting.id)"), ("/issues/1", "/api/v1/issues/1"),
                         ("/officials/1", "/api/v1/officials/1"), ("/organisations/1", "/api/v1/organisations/1"), ("/units/1", "/api/v1/units/1"),
                         ("/meetings?q=t%C3%A5g&official=1&after=b3&lang=en", "/api/v1/meetings?q=t%C3%A5g&official=1"), ("/", "/api/v1/head")]
            for (page, twin) in twins {
                let html = try await client.page(page).body
                let escaped = twin.replacingOccurrences(of: "&", with: "&amp;")
                #expect(html.contains(#"<link rel="alternate" type="application/json" href="\#(escaped)">"#), "\(page)")
                #expect(try await client.page(twin).status == .ok, "\(twin)")
            }
        }
    }
}
