import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import WebServer

/// Problem details (RFC 9457): the one error body of the API.
@Suite("Problem details")
struct ProblemDetailsTests {
    @Test func badParameterIsProblemJSONNamingTheParameter() throws {
        let problem = ProblemDetails.badParameter("limit", "At most 500.")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(problem.body)) as? [String: Any])
        #expect(object["type"] as? String == "about:blank")
        #expect(object["title"] as? String == "Bad query parameter")
        #expect(object["status"] as? Int == 400)
        #expect(object["detail"] as? String == "At most 500.")
        let errors = try #require(object["errors"] as? [[String: String]])
        #expect(errors == [["parameter": "limit", "detail": "At most 500."]])
        #expect(String(decoding: problem.body, as: UTF8.self)
            == #"{"type":"about:blank","title":"Bad query parameter","status":400,"detail":"At most 500.","errors":[{"parameter":"limit","detail":"At most 500."}]}"# + "\n")
    }

    @Test func bodyErrorsPointIntoTheBodyAndOmitNothingElse() throws {
        let problem = ProblemDetails.badBody([.init(pointer: "/startsAt", detail: "Not a time."), .init(pointer: "/place", detail: "Missing.")])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(problem.body)) as? [String: Any])
        #expect(object["status"] as? Int == 422)
        #expect((object["errors"] as? [[String: String]])?.map { $0["pointer"] } == ["/startsAt", "/place"])
        let plain = ProblemDetails(status: .notFound)
        let bare = try #require(try JSONSerialization.jsonObject(with: Data(plain.body)) as? [String: Any])
        #expect(Set(bare.keys) == ["type", "title", "status"])
        #expect(bare["title"] as? String == "Not Found")
    }

    @Test func thrownFromARouteItIsTheResponseNotAnErrorPage() async throws {
        let router = Router(context: InsynRequestContext.self)
        router.add(middleware: ErrorPageMiddleware(register: try DemoFixture.get(), renderer: .builtIn))
        router.get("/fails") { _, _ -> Response in
            throw ProblemDetails(status: .tooManyRequests, detail: "Slow down.", headers: [.retryAfter: "30"])
        }
        try await Application(router: router).test(.router) { client in
            let page = try await client.page("/fails")
            #expect(page.status == .tooManyRequests)
            #expect(page.headers[.contentType] == "application/problem+json")
            #expect(page.headers[.retryAfter] == "30")
            #expect(page.body.hasPrefix(#"{"type":"about:blank","title":"Too Many Requests","status":429,"detail":"Slow down."}"#))
        }
    }
}
