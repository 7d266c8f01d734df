import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Publishing
import RegisterCore
import Testing
@testable import WebServer

/// The API's description: /openapi.json assembled from the fragments, matching the
/// router; schemathesis finding nothing wrong; the page made from the same document.
@Suite("The OpenAPI document")
struct OpenAPITests {
    /// Every route of the router under /api/ with its method ("GET /api/v1/meetings/{id}").
    private func routedOperations() throws -> Set<String> {
        let router = Router(context: InsynRequestContext.self)
        let pages = PageResponder(register: try DemoFixture.get(), renderer: .builtIn)
        let forms = FormPages(register: try DemoFixture.get(), renderer: .builtIn, cookies: SessionCookies(secure: false))
        for controller in siteControllers(register: try DemoFixture.get(), pages: pages, forms: forms) { controller.addRoutes(to: router) }
        return Set(router.routes.compactMap { route -> String? in
            let path = route.path.description.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
                .joined(separator: "/")
            let full = path.hasPrefix("/") ? path : "/" + path
            guard full.hasPrefix("/api/"), route.method != .head else { return nil }
            return "\(route.method.rawValue) \(full)"
        })
    }

    @Test func everyRouteUnderTheAPIIsDocumentedAndEveryDocumentedPathIsRouted() throws {
        let document = try OpenAPIDocument.builtIn.get()
        let documented = Set(document.operations.map { "\($0.method) \($0.path)" })
        let routed = try routedOperations()
        #expect(routed.count >= 12)
        #expect(routed.subtracting(documented).isEmpty, "routed but not documented: \(routed.subtracting(documented).sorted())")
        #expect(documented.subtracting(routed).isEmpty, "documented but not routed: \(documented.subtracting(routed).sorted())")
    }

    @Test func fragmentsMergeByPathAndMethodAndRefuseADoubleDefinition() throws {
        let read: [String: Any] = ["openapi": "3.1.0", "info": ["title": "read"], "tags": [["name": "A"]],
                                   "paths": ["/x": ["get": ["operationId": "getX"]]], "components": ["schemas": ["X": ["type": "string"]]]]
        let write: [String: Any] = ["info": ["title": "write"], "tags": [["name": "B"]], "paths": ["/x": ["post": ["operationId": "postX"]], "/y": ["put": [:]]],
                                    "components": ["schemas": ["Y": ["type": "integer"]], "securitySchemes": ["bearer": ["type": "http"]]]]
        let merged = try OpenAPIDocument(fragments: [("read.json", read), ("write.json", write)])
        #expect(merged.operations.map { "\($0.method) \($0.path)" } == ["GET /x", "POST /x", "PUT /y"])
        #expect((merged.object["info"] as? [String: Any])?["title"] as? String == "read")
        #expect((merged.object["tags"] as? [[String: Any]])?.count == 2)
        let components = try #require(merged.object["components"] as? [String: Any])
        #expect((components["schemas"] as? [String: Any])?.keys.sorted() == ["X", "Y"])
        #expect(components["securitySchemes"] != nil)
        let twice: [String: Any] = ["paths": ["/x": ["get": ["operationId": "again"]]]]
        #expect(throws: OpenAPIDocument.Failure.self) { try OpenAPIDocument(fragments: [("read.json", read), ("zz.json", twice)]) }
    }

    @Test func schemasAreReferencesIntoTheServedJSONSchemasAndTheirEnumsAreTheCodes() async throws {
        let document = try OpenAPIDocument.builtIn.get()
        let text = String(decoding: document.bytes, as: UTF8.self)
        let references = Set(text.components(separatedBy: "\"$ref\":\"").dropFirst().map { String($0.prefix { $0 != "\"" }) })
        let external = references.filter { !$0.hasPrefix("#") }
        #expect(external.contains("/schema/definitions.schema.json#/$defs/meeting"))
        #expect(external.contains("/schema/definitions.schema.json#/$defs/change"))
        try await buildApplication(register: try DemoFixture.get()).test(.router) { client in
            for reference in external {
                let parts = reference.split(separator: "#", maxSplits: 1)
                let schema = try await client.page(String(parts[0]))
                #expect(schema.status == .ok, "\(reference)")
                var node: Any? = try schema.object
                for name in parts.count > 1 ? parts[1].split(separator: "/") : [] { node = (node as? [String: Any])?[String(name)] }
                #expect(node is [String: Any], "\(reference) does not resolve")
            }
            let served = try await client.page("/openapi.json")
            #expect(served.status == .ok)
            #expect(Array(served.body.utf8) == document.bytes)
            #expect(served.headers[.accessControlAllowOrigin] == "*")
        }
        let parameters = try #require((document.object["components"] as? [String: Any])?["parameters"] as? [String: Any])
        func choices(_ name: String) -> [String]? { ((parameters[name] as? [String: Any])?["schema"] as? [String: Any])?["enum"] as? [String] }
        #expect(choices("direction") == MeetingDirection.allCases.map(\.rawValue))
        #expect(choices("format") == MeetingFormat.allCases.map(\.rawValue))
        #expect(choices("kind") == OrganisationKind.allCases.map(\.rawValue))
        #expect(choices("sort") == MeetingListQuery.Order.allCases.map(\.rawValue))
        let names = Set(["q", "from", "to", "official", "org", "issue", "unit", "direction", "format", "kind", "status", "sort", "limit", "cursor"])
        #expect(names == MeetingListParameters.all)
    }

    @Test func theAPIPageShowsEveryOperationInBothLanguages() async throws {
        let document = try OpenAPIDocument.builtIn.get()
        try await buildApplication(register: try DemoFixture.get()).test(.router) { client in
            let swedish = try await client.page("/open-data/api")
            #expect(swedish.status == .ok)
            #expect(swedish.body.contains("<h1>Öppet API</h1>"))
            #expect(swedish.body.contains("Möten, filtrerade, sorterade och sidvis"))
            let english = try await client.page("/open-data/api?lang=en")
            #expect(english.body.contains("<h1>Open API</h1>"))
            #expect(english.body.contains("Meetings, filtered, sorted and paged"))
            for operation in document.operations {
                #expect(english.body.contains("<code>\(operation.method) \(operation.path)</code>"), "\(operation.path)")
                #expect(swedish.body.contains("<code>\(operation.method) \(operation.path)</code>"), "\(operation.path)")
            }
            #expect(english.body.contains("<code>limit</code>"))
            #expect(english.body.contains("integer, 1–500 (default 50)"))
            #expect(!english.body.contains("<script"))
        }
    }

    /// schemathesis (PyPI) against the live server over the demo register, with its
    /// default checks: no server error, every status, content type and body as documented.
    @Test func schemathesisFindsNoFailureAgainstTheLiveServer() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let tool = root.appendingPathComponent(".build/venv/bin/schemathesis").path
        guard FileManager.default.isExecutableFile(atPath: tool) else {
            Issue.record("schemathesis is not installed: .build/venv/bin/pip install schemathesis (as .ci/run does)")
            return
        }
        let server = try DemoServer()
        defer { server.stop() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        // schemathesis keeps a .schemathesis/ directory where it runs: not in the repository.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("insyn-schemathesis-\(UUID())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        process.currentDirectoryURL = scratch
        process.arguments = ["run", server.baseURL + "/openapi.json", "--url", server.baseURL, "--max-examples", "30", "--no-color",
                             "--seed", "1"]
        var environment = ProcessInfo.processInfo.environment
        environment["SCHEMATHESIS_HOOKS"] = nil
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "schemathesis found failures:\n\(text)")
        #expect(!text.contains("Unresolvable references"), "schemathesis could not check every schema:\n\(text)")
        #expect(text.contains(" passed"), "schemathesis tested nothing:\n\(text)")
    }
}
