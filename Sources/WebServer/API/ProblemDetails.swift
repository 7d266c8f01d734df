import Foundation
import HTTPTypes
import Hummingbird
import Publishing

/// An error of the API as `application/problem+json` (RFC 9457): one body shape for
/// every failure a program reads, naming the bad query parameter or body member so a
/// client can say what to fix. Thrown from a route, it becomes its own response.
public struct ProblemDetails: Error, Sendable, HTTPResponseError {
    /// One thing wrong with the request: a query parameter or a member of the body.
    public struct Item: Sendable, Equatable {
        public enum Location: Sendable, Equatable {
            /// A JSON Pointer (RFC 6901) into the request body, e.g. "/meeting/startsAt".
            case pointer(String)
            /// The name of a query parameter.
            case parameter(String)
        }

        public var location: Location
        public var detail: String

        public init(pointer: String, detail: String) {
            self.location = .pointer(pointer)
            self.detail = detail
        }

        public init(parameter: String, detail: String) {
            self.location = .parameter(parameter)
            self.detail = detail
        }
    }

    public static let mediaType = "application/problem+json"

    /// A URI naming the kind of problem; "about:blank" when the status says it all.
    public var type: String
    public var title: String
    public var status: HTTPResponse.Status
    public var detail: String?
    public var errors: [Item]
    /// Extra headers the response carries, e.g. `Allow`, `Retry-After`, `WWW-Authenticate`.
    public var headers: HTTPFields

    public init(status: HTTPResponse.Status, title: String? = nil, detail: String? = nil, type: String = "about:blank",
                errors: [Item] = [], headers: HTTPFields = [:]) {
        self.type = type
        self.title = title ?? status.reasonPhrase
        self.status = status
        self.detail = detail
        self.errors = errors
        self.headers = headers
    }

    /// 400 for one bad query parameter.
    public static func badParameter(_ name: String, _ detail: String) -> ProblemDetails {
        ProblemDetails(status: .badRequest, title: "Bad query parameter", detail: detail,
                       errors: [Item(parameter: name, detail: detail)])
    }

    /// 400 (or 422) for members of the request body that are wrong.
    public static func badBody(_ errors: [Item], status: HTTPResponse.Status = .unprocessableContent,
                               detail: String? = nil) -> ProblemDetails {
        ProblemDetails(status: status, title: "Invalid request body", detail: detail ?? errors.first?.detail, errors: errors)
    }

    /// The body's bytes: members in the order of RFC 9457 §3.1, `errors` only when there are some.
    public var body: [UInt8] {
        let sink = BufferSink()
        let json = JSONStreamWriter(sink)
        do {
            try json.beginObject()
            try json.field("type", type)
            try json.field("title", title)
            try json.field("status", Int(status.code))
            try json.fieldIfPresent("detail", detail)
            if !errors.isEmpty {
                try json.key("errors")
                try json.beginArray()
                for item in errors {
                    try json.beginObject()
                    switch item.location {
                    case .pointer(let pointer): try json.field("pointer", pointer)
                    case .parameter(let name): try json.field("parameter", name)
                    }
                    try json.field("detail", item.detail)
                    try json.endObject()
                }
                try json.endArray()
            }
            try json.endObject()
            try json.finish()
        } catch {
            preconditionFailure("a problem body is a complete object written to memory: \(error)")
        }
        return sink.take() + [0x0A]
    }

    /// The response: the status, `Content-Type: application/problem+json`, no caching, and `headers`.
    public var response: Response {
        var fields = headers
        fields[.contentType] = Self.mediaType
        fields[.cacheControl] = "no-store"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        response
    }
}
