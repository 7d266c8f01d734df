import Hummingbird

/// Answers 405 with `Allow: GET, HEAD` to a method the site does not take on a path
/// that exists, instead of the router's 404; every other request goes to the router.
/// The site's routes are all read-only, so asking the router whether GET would find
/// the path is safe.
struct MethodNotAllowedResponder<Inner: HTTPResponder>: HTTPResponder {
    typealias Context = Inner.Context
    let inner: Inner

    init(_ inner: Inner) {
        self.inner = inner
    }

    func respond(to request: Request, context: Context) async throws -> Response {
        let response = try await inner.respond(to: request, context: context)
        guard response.status == .notFound, request.method != .get, request.method != .head else { return response }
        var head = request.head
        head.method = .get
        let probe = try await inner.respond(to: Request(head: head, body: .init(buffer: .init())), context: context)
        guard probe.status != .notFound else { return response }
        return Response(status: .methodNotAllowed, headers: [.allow: "GET, HEAD", .contentLength: "0"])
    }
}
