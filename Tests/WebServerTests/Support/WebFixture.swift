import Foundation
import Hummingbird
import HummingbirdTesting
import RegisterCore
@testable import WebServer

/// The demo register, loaded once for every page test that only reads it.
enum DemoFixture {
    static let register = Result { () throws -> Register in
        let register = try Register.inMemory()
        try DemoRegister.load(into: register)
        return register
    }

    static func get() throws -> Register { try register.get() }
}

/// A response's parts that page tests look at.
struct Page: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let body: String

    /// How many times `text` occurs in the body.
    func count(_ text: String) -> Int {
        body.components(separatedBy: text).count - 1
    }
}

extension TestClientProtocol {
    /// GETs `uri` and returns the response's status, headers and body.
    func page(_ uri: String, headers: HTTPFields = [:]) async throws -> Page {
        try await execute(uri: uri, method: .get, headers: headers) { response in
            Page(status: response.status, headers: response.headers, body: String(buffer: response.body))
        }
    }
}
