import Foundation
import Hummingbird
import HummingbirdTesting
import RegisterCore
import Testing
@testable import WebServer

/// One write route of the API, with a request that the registrar may make and that
/// would change someone else's meeting (or the registrar's own keeping) if a
/// recorder made it.
struct WriteRoute: Sendable, CustomTestStringConvertible {
    let method: HTTPRequest.Method
    let path: @Sendable (WriteAPIFixture) -> String
    let body: @Sendable (WriteAPIFixture) -> String?
    let name: String
    /// What the registrar's request gets: the route works, so a refusal is the rule's.
    let registrarStatus: HTTPResponse.Status
    var ifMatch = false

    var testDescription: String { "\(method) \(name)" }

    func headers(_ fixture: WriteAPIFixture, _ role: Role?) -> HTTPFields {
        var headers: HTTPFields = role.map(fixture.bearer) ?? [.contentType: "application/json"]
        if ifMatch { headers[.ifMatch] = "*" }
        return headers
    }

    static func catalogue(_ collection: String, id: @escaping @Sendable (WriteAPIFixture) -> Int64,
                          body: @escaping @Sendable (WriteAPIFixture) -> String) -> [WriteRoute] {
        [
            WriteRoute(method: .post, path: { _ in "/api/v1/\(collection)" }, body: body, name: "/api/v1/\(collection)", registrarStatus: .created),
            WriteRoute(method: .put, path: { "/api/v1/\(collection)/\(id($0))" }, body: body, name: "/api/v1/\(collection)/{id}", registrarStatus: .ok),
            WriteRoute(method: .post, path: { "/api/v1/\(collection)/\(id($0))/redactions" },
                       body: { _ in #"{"field": "name", "ground": "GDPR art. 17", "reason": "Felstavat namn"}"# },
                       name: "/api/v1/\(collection)/{id}/redactions", registrarStatus: .unprocessableContent),
        ]
    }

    static let all: [WriteRoute] = [
        WriteRoute(method: .post, path: { _ in "/api/v1/meetings" }, body: { $0.meetingJSON(participant: $0.other) },
                   name: "/api/v1/meetings", registrarStatus: .created),
        WriteRoute(method: .put, path: { "/api/v1/meetings/\($0.otherDraft)/record" }, body: { $0.meetingJSON(participant: $0.other) },
                   name: "/api/v1/meetings/{id}/record", registrarStatus: .ok, ifMatch: true),
        WriteRoute(method: .post, path: { "/api/v1/meetings/\($0.otherDraft)/publish" }, body: { _ in nil },
                   name: "/api/v1/meetings/{id}/publish", registrarStatus: .ok),
        WriteRoute(method: .post, path: { "/api/v1/meetings/\($0.otherDraft)/approval" }, body: { _ in nil },
                   name: "/api/v1/meetings/{id}/approval", registrarStatus: .conflict, ifMatch: true),
        WriteRoute(method: .post, path: { "/api/v1/meetings/\($0.otherDraft)/return" }, body: { _ in #"{"comment": "Skriv ämnet tydligare"}"# },
                   name: "/api/v1/meetings/{id}/return", registrarStatus: .conflict, ifMatch: true),
        WriteRoute(method: .post, path: { "/api/v1/meetings/\($0.otherPublished)/corrections" },
                   body: { #"{"reason": "Fel plats", "meeting": \#($0.meetingJSON(participant: $0.other, place: "Stadshuset"))}"# },
                   name: "/api/v1/meetings/{id}/corrections", registrarStatus: .ok, ifMatch: true),
        WriteRoute(method: .post, path: { "/api/v1/meetings/\($0.otherPublished)/withdrawal" }, body: { _ in #"{"reason": "Dubblett"}"# },
                   name: "/api/v1/meetings/{id}/withdrawal", registrarStatus: .ok),
        WriteRoute(method: .post, path: { "/api/v1/meetings/\($0.otherPublished)/redactions" },
                   body: { _ in #"{"field": "place", "ground": "OSL 21 kap. 3 §", "reason": "En privat adress"}"# },
                   name: "/api/v1/meetings/{id}/redactions", registrarStatus: .ok),
        WriteRoute(method: .post, path: { _ in "/api/v1/legal-grounds" }, body: { _ in #"{"ground": "OSL 18 kap. 8 §", "description": "Säkerhet"}"# },
                   name: "/api/v1/legal-grounds", registrarStatus: .created),
        WriteRoute(method: .delete, path: { "/api/v1/legal-grounds/\($0.ground)" }, body: { _ in nil },
                   name: "/api/v1/legal-grounds/{id}", registrarStatus: .noContent),
        WriteRoute(method: .post, path: { _ in "/api/v1/endpoints" }, body: { _ in #"{"url": "https://portal.example/hook", "kind": "webhook"}"# },
                   name: "/api/v1/endpoints", registrarStatus: .created),
        WriteRoute(method: .patch, path: { "/api/v1/endpoints/\($0.endpoint)" }, body: { _ in #"{"enabled": false}"# },
                   name: "/api/v1/endpoints/{id}", registrarStatus: .ok),
        WriteRoute(method: .delete, path: { "/api/v1/endpoints/\($0.endpoint)" }, body: { _ in nil },
                   name: "/api/v1/endpoints/{id}", registrarStatus: .noContent),
    ]
    + catalogue("units", id: \.unit, body: { _ in #"{"name": "Kulturnämnden", "kind": "board"}"# })
    + catalogue("officials", id: \.other, body: {
        #"{"name": "Bo Berg", "title": "Regionråd", "kind": "elected", "party": "M", "unit": \#($0.unit), "activeFrom": "2022-01-01"}"#
    })
    + catalogue("organisations", id: \.organisation, body: { _ in
        #"{"name": "Klarälvens Energi AB", "kind": "company", "organisationNumber": "5567101232"}"#
    })
    + catalogue("issues", id: \.issue, body: {
        #"{"title": "Dubbelspår", "summary": "Utbyggnad.", "position": "För.", "unit": \#($0.unit)}"#
    })
}

/// Every write route refuses who may not write it, and changes nothing when it does.
@Suite("Every write route enforces who may write")
struct WriteRoutesTableTests {
    @Test(arguments: WriteRoute.all)
    func anonymousGets401AndChangesNothing(route: WriteRoute) async throws {
        let fixture = try WriteAPIFixture()
        let before = try fixture.snapshot()
        try await buildApplication(register: fixture.register).test(.router) { client in
            let response = try await client.send(route.method, route.path(fixture), headers: route.headers(fixture, nil), body: route.body(fixture))
            #expect(response.status == .unauthorized)
            #expect(response.headers[.contentType] == ProblemDetails.mediaType)
            #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
        }
        #expect(try fixture.snapshot() == before)
    }

    @Test(arguments: WriteRoute.all)
    func aRevokedOrExpiredTokenGets401AndChangesNothing(route: WriteRoute) async throws {
        let fixture = try WriteAPIFixture()
        let registrar = try #require(try fixture.register.tokens().first { $0.role == .registrar })
        try fixture.register.revokeToken(registrar.id)
        let expiring = try fixture.register.createToken(NewAPIToken(name: "Kort", role: .admin, expiresAt: fixture.clock.now + 60))
        fixture.clock.now += 120
        let before = try fixture.snapshot()
        try await buildApplication(register: fixture.register).test(.router) { client in
            for secret in [fixture.tokens[.registrar]!, expiring.secret] {
                var headers = route.headers(fixture, nil)
                headers[.authorization] = "Bearer " + secret
                let response = try await client.send(route.method, route.path(fixture), headers: headers, body: route.body(fixture))
                #expect(response.status == .unauthorized)
            }
        }
        #expect(try fixture.snapshot() == before)
    }

    /// The recorder acts for another official than the meeting's (and the catalogue,
    /// grounds and endpoints are not its); the auditor writes nothing.
    @Test(arguments: WriteRoute.all, [Role.recorder, .auditor])
    func aRecorderWritingWhatIsNotItsOwnOrAnAuditorGets403AndChangesNothing(route: WriteRoute, role: Role) async throws {
        let fixture = try WriteAPIFixture()
        let before = try fixture.snapshot()
        try await buildApplication(register: fixture.register).test(.router) { client in
            let response = try await client.send(route.method, route.path(fixture), headers: route.headers(fixture, role), body: route.body(fixture))
            #expect(response.status == .forbidden, "\(response.body)")
            #expect(response.headers[.contentType] == ProblemDetails.mediaType)
        }
        #expect(try fixture.snapshot() == before)
    }

    @Test(arguments: WriteRoute.all)
    func theRegistrarsRequestReachesTheWritePath(route: WriteRoute) async throws {
        let fixture = try WriteAPIFixture()
        try await buildApplication(register: fixture.register).test(.router) { client in
            let response = try await client.send(route.method, route.path(fixture), headers: route.headers(fixture, .registrar),
                                                 body: route.body(fixture))
            #expect(response.status == route.registrarStatus, "\(response.body)")
        }
    }

    @Test(arguments: WriteRoute.all)
    func everyWriteRouteIsDocumented(route: WriteRoute) throws {
        let document = try JSONValue.parse(try WriteAPIDocument.fragment())
        let operation = document["paths"]?[route.name]?[route.method.rawValue.lowercased()]
        #expect(operation != nil, "\(route.testDescription) is not in openapi/write.json")
        #expect(operation?["security"] != nil)
    }
}
