import Hummingbird

/// Answers 405 with `Allow` to a method the site does not take on a path it routes,
/// instead of the router's 404; every other request goes to the router. `Allow` lists
/// the methods of that path's routes (HEAD wherever GET is). Which methods a path
/// takes is asked of a second router made from the routes' table, whose every route
/// only answers with its `Allow`, so no handler runs for the question. Under `/api/`
/// the 405 is problem details, as every other API error is.
struct MethodNotAllowedResponder<Inner: HTTPResponder>: HTTPResponder where Inner.Context == InsynRequestContext {
    typealias Context = InsynRequestContext
    let inner: Inner
    private let allowed: RouterResponder<Context>

    static var order: [HTTPRequest.Method] { [.get, .head, .post, .put, .patch, .delete, .options] }

    init(_ inner: Inner, routes: [Router<Context>.RouteDescription]) {
        self.inner = inner
        var methods: [String: (path: RouterPath, methods: Set<HTTPRequest.Method>)] = [:]
        for route in routes {
            methods[route.path.description, default: (route.path, [])].methods.insert(route.method)
            if route.method == .get { methods[route.path.description]?.methods.insert(.head) }
        }
        let table = Router(context: Context.self)
        for (path, names) in methods.values {
            let allow = (Self.order.filter(names.contains) + names.filter { !Self.order.contains($0) }.sorted { $0.rawValue < $1.rawValue })
                .map(\.rawValue).joined(separator: ", ")
            table.get(path) { _, _ in Response(status: .ok, headers: [.allow: allow]) }
        }
        allowed = table.buildResponder()
    }

    func respond(to request: Request, context: Context) async throws -> Response {
        let response = try await inner.respond(to: request, context: context)
        guard response.status == .notFound else { return response }
        var head = request.head
        head.method = .get
        let probe = try await allowed.respond(to: Request(head: head, body: .init(buffer: .init())), context: context)
        guard probe.status == .ok, let allow = probe.headers[.allow],
              !allow.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == request.method.rawValue })
        else { return response }
        if request.uri.path.hasPrefix("/api/") {
            return ProblemDetails(status: .methodNotAllowed, detail: "\(request.uri.path) takes \(allow), not \(request.method.rawValue).",
                                  headers: [.allow: allow]).response
        }
        return Response(status: .methodNotAllowed, headers: [.allow: allow, .contentLength: "0"])
    }
}
