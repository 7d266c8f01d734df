import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import WebServer

/// What every refused hostile request must get: a clear 4xx, as problem details under
/// /api/ and as an error page elsewhere, with nothing of the attacker's echoed
/// unescaped. `label` names the case in a failure.
enum HostileExpect {
    static func refused(_ response: HostileResponse, _ label: String, api: Bool, method: HTTPRequest.Method = .get,
                        sourceLocation: SourceLocation = #_sourceLocation) {
        #expect((400..<500).contains(Int(response.status.code)), "\(label): \(response.status.code) \(response.text.prefix(300))",
                sourceLocation: sourceLocation)
        if method != .head && response.status.code != 405 {
            if api {
                #expect(response.contentType == ProblemDetails.mediaType, "\(label): \(response.contentType)", sourceLocation: sourceLocation)
            } else {
                #expect(response.contentType.hasPrefix("text/html"), "\(label): \(response.contentType)", sourceLocation: sourceLocation)
            }
        }
        notEchoed(response, label, sourceLocation: sourceLocation)
    }

    /// The response's headers hold no line break and nothing of the attacker's, an HTML
    /// body none of the markup markers, and a JSON body is valid JSON (so every string in it is escaped).
    static func notEchoed(_ response: HostileResponse, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for field in response.headers {
            let breaks = field.value.unicodeScalars.contains { scalar in scalar.value < 0x20 && scalar != "\t" }
            #expect(!breaks, "\(label): header \(field.name)", sourceLocation: sourceLocation)
            #expect(field.name.rawName.lowercased() != "x" && !(field.name == .setCookie && field.value.hasPrefix("x=")),
                    "\(label): an injected header", sourceLocation: sourceLocation)
        }
        let type = response.contentType
        if type.hasPrefix("text/html") || type.contains("xml") {
            for marker in HostileInput.markers {
                #expect(!response.text.contains(marker), "\(label): \(marker) echoed in \(type)", sourceLocation: sourceLocation)
            }
        }
        if type.contains("json") && !type.contains("jsonl") && !response.body.isEmpty {
            #expect((try? JSONSerialization.jsonObject(with: Data(response.body))) != nil, "\(label): the JSON body is not valid JSON",
                    sourceLocation: sourceLocation)
        }
    }

    /// The server still answers: a page and an API resource after a burst.
    static func stillUp(_ client: some TestClientProtocol, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let health = try await client.hostile(.get, "/healthz")
        #expect(health.status == .ok, "\(label): /healthz after the burst", sourceLocation: sourceLocation)
        let head = try await client.hostile(.get, "/api/v1/head")
        #expect(head.status == .ok, "\(label): /api/v1/head after the burst", sourceLocation: sourceLocation)
    }
}
