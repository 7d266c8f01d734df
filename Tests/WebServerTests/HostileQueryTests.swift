import Foundation
import Hummingbird
import HummingbirdTesting
import RegisterCore
import Testing
@testable import WebServer

/// Bad values in every query parameter every GET route reads: undecodable text, NUL,
/// markup, SQL, numbers and dates out of range; and for the API, parameters it does
/// not take, a repeated one and an overlong query. Free text (the search's `q`) may
/// hold markup, and is then a search like any other, shown escaped.
@Suite("Hostile input: query parameters")
struct HostileQueryTests {
    static let routes = HostileRoute.all.filter { $0.method == .get }

    @Test(arguments: routes)
    func everyBadQueryValueIsRefusedAndNothingIsEchoed(route: HostileRoute) async throws {
        let fixture = try await HostileFixture.shared()
        let before = try fixture.state()
        let path = route.uri(fixture)
        try await buildApplication(register: fixture.register).test(.router) { client in
            for (name, kind) in route.query {
                for value in HostileInput.queryValues(kind) {
                    let uri = "\(path)?\(name)=\(value)"
                    let response = try await client.hostile(.get, uri, headers: route.headers(fixture))
                    HostileExpect.refused(response, "GET \(uri.prefix(200))", api: route.isAPI)
                }
                if kind == .text {
                    for value in HostileInput.texts {
                        let uri = "\(path)?\(name)=\(value)"
                        let response = try await client.hostile(.get, uri, headers: route.headers(fixture))
                        #expect(response.status.code < 500, "GET \(uri.prefix(200)): \(response.status.code)")
                        HostileExpect.notEchoed(response, "GET \(uri.prefix(200))")
                    }
                }
                let twice = try await client.hostile(.get, "\(path)?\(name)=1&\(name)=2", headers: route.headers(fixture))
                HostileExpect.refused(twice, "GET \(path) with \(name) twice", api: route.isAPI)
            }
            if route.isAPI {
                for query in ["unknown=1", "%3Cscript%3Ealert(7)%3C%2Fscript%3E=1", "%FF=1", "%00=1", "lang=sv",
                              "q=" + String(repeating: "x", count: APIQuery.maxLength)] {
                    let response = try await client.hostile(.get, "\(path)?\(query)", headers: route.headers(fixture))
                    HostileExpect.refused(response, "GET \(path)?\(query.prefix(60))", api: true)
                }
            }
        }
        #expect(try fixture.state() == before)
    }
}
