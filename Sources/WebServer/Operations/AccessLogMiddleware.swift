import Dispatch
import Hummingbird
import Logging

/// One log line per request: method, route pattern, status, duration. The route is the
/// pattern the router matched ("/meetings/:id", "/set-password/:secret"), never the
/// path or the query, which can carry a search, a token or a confidential value; a
/// request no route matched logs Hummingbird's "NotFound". Headers and bodies are never logged.
struct AccessLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        do {
            var response = try await next(request, context)
            let status = response.status
            let body = response.body
            response.body = ResponseBody(contentLength: body.contentLength) { writer in
                let whole = body
                try await whole.write(writer)
                log(request, context, status: status.code, since: start)
            }
            return response
        } catch {
            log(request, context, status: (error as? any HTTPResponseError)?.status.code ?? 500, since: start)
            throw error
        }
    }

    private func log(_ request: Request, _ context: Context, status: Int, since start: UInt64) {
        let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
        logger.info("request", metadata: [
            "method": .string(request.method.rawValue),
            "route": .string(context.endpointPath ?? "NotFound"),
            "status": .stringConvertible(status),
            "duration_ms": .stringConvertible((milliseconds * 1000).rounded() / 1000),
        ])
    }
}
