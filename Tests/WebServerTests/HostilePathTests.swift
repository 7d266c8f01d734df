import Foundation
import Hummingbird
import HummingbirdTesting
import RegisterCore
import Testing
@testable import WebServer

/// Path traversal, encoded NUL and slashes, numbers out of range and markup in every
/// path parameter of every route, sent over a real socket with the admin's
/// credentials and a well-formed body, so that only the parameter is wrong.
@Suite("Hostile input: path parameters")
struct HostilePathTests {
    static let routes = HostileRoute.all.filter { !$0.parameterNames.isEmpty }

    @Test(arguments: routes)
    func everyHostilePathParameterIsRefusedAndChangesNothing(route: HostileRoute) async throws {
        let fixture = try await HostileFixture.shared()
        let before = try fixture.state()
        try await buildApplication(register: fixture.register, address: ServerAddress(port: 0)).test(.live) { client in
            for name in route.parameterNames {
                for segment in HostileInput.segments {
                    let uri = route.uri(fixture, replacing: name, with: segment)
                    let label = "\(route.method) \(uri.prefix(200))"
                    let response = try await client.hostile(route.method, uri, headers: route.headers(fixture), body: route.validBody(fixture))
                    HostileExpect.refused(response, label, api: route.isAPI, method: route.method)
                    if route.method == .get {
                        let head = try await client.hostile(.head, uri, headers: route.headers(fixture))
                        #expect((400..<500).contains(Int(head.status.code)), "HEAD \(label): \(head.status.code)")
                    }
                }
                #expect(try fixture.state() == before, "\(route): a hostile \(name) changed the register")
            }
            try await HostileExpect.stillUp(client, route.description)
        }
    }
}
