import Foundation
import Hummingbird
import HummingbirdTesting
import RegisterCore
import Testing
@testable import WebServer

/// The write API's promises beyond who may write: retries that record once, edits
/// that cannot overwrite one another unseen, errors that name each field, and a
/// ledger that says who made each change.
@Suite("The write API")
struct WriteAPITests {
    @Test func aRetriedCreateWithTheSameIdempotencyKeyRecordsOneMeeting() async throws {
        let fixture = try WriteAPIFixture()
        let meetings = try fixture.meetingCount()
        let head = try fixture.register.ledgerHead().sequence
        try await buildApplication(register: fixture.register).test(.router) { client in
            var headers = fixture.bearer(.recorder)
            headers[WriteRequest.idempotencyKeyHeader] = "telefon-2026-11-20-1"
            let first = try await client.send(.post, "/api/v1/meetings", headers: headers, body: fixture.meetingJSON())
            let retry = try await client.send(.post, "/api/v1/meetings", headers: headers, body: fixture.meetingJSON())
            #expect(first.status == .created, "\(first.body)")
            #expect(retry.status == .ok)
            #expect(retry.headers[WriteRequest.replayed] == "true")
            #expect(retry.json?["id"] == first.json?["id"])
            #expect(first.headers[.location] == "/api/v1/meetings/\(first.json?["id"]?.intValue ?? 0)/record")

            let before = try fixture.snapshot()
            let reused = try await client.send(.post, "/api/v1/meetings", headers: headers, body: fixture.meetingJSON(subject: "Ett annat möte"))
            #expect(reused.status == .unprocessableContent)
            #expect(reused.body.contains("Idempotency-Key"))
            #expect(try fixture.snapshot() == before)
        }
        #expect(try fixture.meetingCount() == meetings + 1)
        #expect(try fixture.register.ledgerHead().sequence == head + 1)
    }

    @Test func aKeyIsForgottenAfterADay() async throws {
        let fixture = try WriteAPIFixture()
        try await buildApplication(register: fixture.register).test(.router) { client in
            var headers = fixture.bearer(.recorder)
            headers[WriteRequest.idempotencyKeyHeader] = "samma-nyckel"
            let first = try await client.send(.post, "/api/v1/meetings", headers: headers, body: fixture.meetingJSON())
            fixture.clock.now += IdempotencyKey.lifetime + 1
            let dayAfter = try await client.send(.post, "/api/v1/meetings", headers: headers, body: fixture.meetingJSON())
            #expect(first.status == .created)
            #expect(dayAfter.status == .created)
            #expect(dayAfter.json?["id"] != first.json?["id"])
        }
    }

    @Test func aStaleIfMatchOrVersionGets409AndChangesNothing() async throws {
        let fixture = try WriteAPIFixture()
        try await buildApplication(register: fixture.register).test(.router) { client in
            let read = try await client.send(.get, "/api/v1/meetings/\(fixture.draft)/record", headers: fixture.bearer(.recorder))
            #expect(read.status == .ok)
            let etag = try #require(read.headers[.eTag])
            var headers = fixture.bearer(.recorder)
            headers[.ifMatch] = etag
            let edited = try await client.send(.put, "/api/v1/meetings/\(fixture.draft)/record", headers: headers,
                                               body: fixture.meetingJSON(subject: "Första ändringen"))
            #expect(edited.status == .ok, "\(edited.body)")
            #expect(edited.headers[.eTag] != etag)

            let before = try fixture.snapshot()
            let stale = try await client.send(.put, "/api/v1/meetings/\(fixture.draft)/record", headers: headers,
                                              body: fixture.meetingJSON(subject: "Andra ändringen"))
            #expect(stale.status == .conflict)
            #expect(stale.headers[.contentType] == ProblemDetails.mediaType)
            #expect(stale.headers[.eTag] == edited.headers[.eTag])
            let missing = try await client.send(.put, "/api/v1/meetings/\(fixture.draft)/record", headers: fixture.bearer(.recorder),
                                                body: fixture.meetingJSON(subject: "Utan version"))
            #expect(missing.status == .preconditionRequired)

            let version = try #require(try await client.send(.get, "/api/v1/meetings/\(fixture.published)/record",
                                                             headers: fixture.bearer(.recorder)).json?["version"]?.intValue)
            let correction = { (version: Int64, reason: String) in
                #"{"reason": "\#(reason)", "version": \#(version), "meeting": \#(fixture.meetingJSON(place: "Stadshuset"))}"#
            }
            let staleCorrection = try await client.send(.post, "/api/v1/meetings/\(fixture.published)/corrections",
                                                        headers: fixture.bearer(.recorder), body: correction(version - 1, "Fel plats"))
            #expect(staleCorrection.status == .conflict)
            #expect(try fixture.snapshot() == before)
            let corrected = try await client.send(.post, "/api/v1/meetings/\(fixture.published)/corrections",
                                                  headers: fixture.bearer(.recorder), body: correction(version, "Fel plats"))
            #expect(corrected.status == .ok, "\(corrected.body)")
            let twice = try await client.send(.post, "/api/v1/meetings/\(fixture.published)/corrections",
                                              headers: fixture.bearer(.recorder), body: correction(version, "Samtidigt"))
            #expect(twice.status == .conflict)
        }
    }

    @Test func validationErrorsNameEachFieldByItsPointer() async throws {
        let fixture = try WriteAPIFixture()
        try await buildApplication(register: fixture.register).test(.router) { client in
            let empty = fixture.meetingJSON(place: "", subject: "").replacingOccurrences(of: "\"durationMinutes\": 60", with: "\"durationMinutes\": 0")
            let invalid = try await client.send(.post, "/api/v1/meetings", headers: fixture.bearer(.recorder), body: empty)
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.headers[.contentType] == ProblemDetails.mediaType)
            #expect(Set(invalid.pointers) == ["/durationMinutes", "/place", "/subject"], "\(invalid.body)")

            let misspelt = fixture.meetingJSON().replacingOccurrences(of: "\"place\"", with: "\"plaec\"")
                .replacingOccurrences(of: "\"subject\": \"Värmlandsbanan\"", with: "\"subject\": 42")
                .replacingOccurrences(of: "\"durationMinutes\": 60", with: "\"durationMinutes\": 1.5")
            let shape = try await client.send(.post, "/api/v1/meetings", headers: fixture.bearer(.recorder), body: misspelt)
            #expect(Set(shape.pointers) == ["/plaec", "/place", "/subject", "/durationMinutes"], "\(shape.body)")

            let partial = try await client.send(.post, "/api/v1/meetings", headers: fixture.bearer(.recorder), body: #"{"place": "Här", "plaec": 1}"#)
            #expect(Set(partial.pointers) == ["/startsAt", "/format", "/direction", "/initiator", "/participants", "/counterparts",
                                              "/subject", "/summary", "/plaec"], "\(partial.body)")

            let unknown = fixture.meetingJSON().replacingOccurrences(of: "\"organisation\": \(fixture.organisation)", with: "\"organisation\": 9999")
                .replacingOccurrences(of: "\"issues\": [\(fixture.issue)]", with: "\"issues\": [\(fixture.issue), 8888]")
            let references = try await client.send(.post, "/api/v1/meetings", headers: fixture.bearer(.registrar), body: unknown)
            #expect(Set(references.pointers) == ["/counterparts/0/organisation", "/issues/1"], "\(references.body)")

            var headers = fixture.bearer(.recorder)
            headers[.ifMatch] = "*"
            let correction = try await client.send(.post, "/api/v1/meetings/\(fixture.published)/corrections", headers: headers,
                                                   body: #"{"reason": " ", "meeting": \#(fixture.meetingJSON(place: ""))}"#)
            #expect(correction.status == .unprocessableContent)
            #expect(correction.pointers == ["/meeting/place"], "\(correction.body)")
        }
    }

    @Test func anEndpointsBadMembersAreNamedAsTheBodyNamesThem() async throws {
        let fixture = try WriteAPIFixture()
        try await buildApplication(register: fixture.register).test(.router) { client in
            let kind = try await client.send(.post, "/api/v1/endpoints", headers: fixture.bearer(.registrar), body: #"{"url": "https://a.example/", "kind": "ftp"}"#)
            #expect(kind.pointers == ["/kind"])
            #expect(kind.body.contains("webhook, ckan"))
            let ckan = try await client.send(.post, "/api/v1/endpoints", headers: fixture.bearer(.registrar),
                                             body: #"{"url": "inte en adress", "kind": "ckan", "secret": "whsec_x"}"#)
            #expect(Set(ckan.pointers) == ["/url", "/secret", "/token", "/resourceId"], "\(ckan.body)")
        }
    }

    @Test func theActorOfAnAPIChangeIsInTheAuditorsViewAndNotInThePublicView() async throws {
        let fixture = try WriteAPIFixture()
        try await buildApplication(register: fixture.register).test(.router) { client in
            let created = try await client.send(.post, "/api/v1/meetings", headers: fixture.bearer(.recorder), body: fixture.meetingJSON())
            let id = try #require(created.json?["id"]?.intValue)
            #expect(try await client.send(.post, "/api/v1/meetings/\(id)/publish", headers: fixture.bearer(.recorder)).status == .ok)
        }
        let token = try #require(try fixture.register.tokens().first { $0.role == .recorder })
        var auditor: [JSONValue] = []
        var publicLines: [String] = []
        try fixture.register.forEachLedgerEntry { entry in
            auditor.append(try JSONValue.parse(Data(entry.line(view: .auditor))))
            publicLines.append(String(decoding: entry.line(view: .public), as: UTF8.self))
        }
        for line in auditor.suffix(2) {
            #expect(line["actor"]?["kind"] == .string("token"))
            #expect(line["actor"]?["role"] == .string("recorder"))
            #expect(line["openings"]?["/actor/who"]?["value"] == .object(["id": .int(token.id), "name": .string(token.name)]))
        }
        for line in publicLines.suffix(2) {
            #expect(line.contains(#""role":"recorder""#))
            #expect(!line.contains(token.name))
            #expect(!line.contains("/actor/who"))
        }
        #expect(try fixture.register.verifyLedger().sequence == auditor.count)
    }

    @Test func aRecorderRecordsEditsPublishesAndCorrectsItsOwnMeetings() async throws {
        let fixture = try WriteAPIFixture()
        try await buildApplication(register: fixture.register).test(.router) { client in
            let headers = fixture.bearer(.recorder)
            let created = try await client.send(.post, "/api/v1/meetings", headers: headers, body: fixture.meetingJSON())
            #expect(created.status == .created)
            #expect(created.json?["status"] == .string("draft"))
            let id = try #require(created.json?["id"]?.intValue)
            let version = try #require(created.json?["version"]?.intValue)
            let replaced = try await client.send(.put, "/api/v1/meetings/\(id)/record", headers: headers,
                                                 body: fixture.meetingJSON(subject: "Ny rubrik").replacingOccurrences(of: "{\"startsAt\"", with: "{\"version\": \(version), \"startsAt\""))
            #expect(replaced.status == .ok, "\(replaced.body)")
            #expect(replaced.json?["meeting"]?["subject"] == .string("Ny rubrik"))
            let published = try await client.send(.post, "/api/v1/meetings/\(id)/publish", headers: headers)
            #expect(published.json?["status"] == .string("published"))
            let again = try await client.send(.post, "/api/v1/meetings/\(id)/publish", headers: headers)
            #expect(again.status == .conflict)
            let withdrawn = try await client.send(.post, "/api/v1/meetings/\(id)/withdrawal", headers: headers, body: #"{"reason": "Fel"}"#)
            #expect(withdrawn.status == .forbidden)
            let nowhere = try await client.send(.post, "/api/v1/meetings/99999/publish", headers: fixture.bearer(.registrar))
            #expect(nowhere.status == .notFound)
        }
        #expect(try fixture.register.publicMeeting(fixture.published) != nil)
    }

    @Test func readingARecordWithItsConfidentialValuesIsInTheAccessLog() async throws {
        let fixture = try WriteAPIFixture()
        try await buildApplication(register: fixture.register).test(.router) { client in
            let read = try await client.send(.get, "/api/v1/meetings/\(fixture.otherDraft)/record", headers: fixture.bearer(.registrar))
            #expect(read.status == .ok)
            let refused = try await client.send(.get, "/api/v1/meetings/\(fixture.otherDraft)/record", headers: fixture.bearer(.recorder))
            #expect(refused.status == .forbidden)
        }
        let log = try fixture.register.accessLog()
        #expect(log.count == 1)
        #expect(log.first?.reader.role == .registrar)
        #expect(log.first?.entityID == fixture.otherDraft)
    }

    @Test func aMethodAWriteRouteDoesNotTakeIs405WithItsAllow() async throws {
        let fixture = try WriteAPIFixture()
        try await buildApplication(register: fixture.register).test(.router) { client in
            let response = try await client.send(.get, "/api/v1/meetings/\(fixture.draft)/publish", headers: fixture.bearer(.registrar))
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers[.allow] == "POST")
            #expect(response.headers[.contentType] == ProblemDetails.mediaType)
            #expect(response.body.contains("takes POST, not GET"))
            let record = try await client.send(.delete, "/api/v1/meetings/\(fixture.draft)/record", headers: fixture.bearer(.registrar))
            #expect(record.headers[.allow] == "GET, HEAD, PUT")
        }
    }

    @Test func aWithheldFieldMustCiteAListedGround() async throws {
        let fixture = try WriteAPIFixture()
        try await buildApplication(register: fixture.register).test(.router) { client in
            let withheld = { (ground: String) in
                fixture.meetingJSON().replacingOccurrences(of: "{\"startsAt\"", with: #"{"withheld": {"summary": "\#(ground)"}, "startsAt""#)
            }
            let unlisted = try await client.send(.post, "/api/v1/meetings", headers: fixture.bearer(.recorder), body: withheld("OSL 99 kap."))
            #expect(unlisted.pointers == ["/withheld/summary/ground"], "\(unlisted.body)")
            let listed = try await client.send(.post, "/api/v1/meetings", headers: fixture.bearer(.recorder), body: withheld("OSL 19 kap. 3 §"))
            #expect(listed.status == .created, "\(listed.body)")
            let list = try await client.send(.get, "/api/v1/legal-grounds")
            #expect(list.status == .ok)
            #expect(list.body.contains(#""ground":"OSL 19 kap. 3 §""#))
        }
    }

    @Test func aCookieAuthenticatedWriteWithoutItsCSRFTokenIsRefused() async throws {
        let fixture = try AuthFixture(role: .registrar)
        let session = try await fixture.signIn()
        let before = try fixture.register.ledgerHead()
        try await buildApplication(register: fixture.register).test(.router) { client in
            var headers = AuthFixture.cookie(session)
            headers[.contentType] = "application/json"
            let refused = try await client.send(.post, "/api/v1/units", headers: headers, body: #"{"name": "Kulturnämnden", "kind": "board"}"#)
            #expect(refused.status == .forbidden)
            headers[CSRFMiddleware.header] = session.csrfToken
            let accepted = try await client.send(.post, "/api/v1/units", headers: headers, body: #"{"name": "Kulturnämnden", "kind": "board"}"#)
            #expect(accepted.status == .created, "\(accepted.body)")
        }
        #expect(try fixture.register.ledgerHead().sequence == before.sequence + 1)
    }
}
