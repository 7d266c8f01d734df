import Hummingbird
import Logging
import Publishing
import RegisterCore

/// Turns every error a route throws into an error page in the request's language:
/// 400 naming the bad parameter (`BadParameter`), 404, and for anything unexpected a
/// 500 that says nothing of its cause (which goes to the log). A `ProblemDetails`
/// is the API's own answer and passes through as problem+json, and under
/// `/api/v1` every error is one.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = InsynRequestContext
    let register: Register
    let renderer: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            if let problem = error as? ProblemDetails { return problem.response }
            if ProblemDetails.isAPI(request.uri.path) {
                return ProblemDetails.from(error, logger: context.logger, path: request.uri.path).response
            }
            let language = LanguageMiddleware.language(of: request)
            let strings = Strings(language)
            let status: Int, message: String?
            switch error {
            case let bad as BadParameter:
                (status, message) = (400, bad.message(strings))
            case let http as HTTPError where http.status.code < 500:
                (status, message) = (Int(http.status.code), nil)
            default:
                context.logger.error("request failed", metadata: ["path": .string(request.uri.path), "error": .string("\(error)")])
                (status, message) = (500, nil)
            }
            return await page(status: status, message: message, request: request, language: language)
        }
    }

    func page(status: Int, message: String?, request: Request, language: Language) async -> Response {
        var headers = PageResponder.headers(language: language)
        headers[.cacheControl] = "no-store"
        let view = ErrorView(status: status, message: message, strings: Strings(language))
        let renderer = renderer
        let path = request.uri.path
        let html = try? await register.read { snapshot in
            let context = PageContext(language: language, settings: try snapshot.settings(), path: path, query: QueryParameters(query: ""))
            return try renderer.render(view, context: context)
        }
        guard let html else {
            headers[.contentType] = "text/plain; charset=utf-8"
            return PageResponder.response(status: status, html: view.title + "\n", headers: headers)
        }
        return PageResponder.response(status: status, html: html, headers: headers)
    }
}
