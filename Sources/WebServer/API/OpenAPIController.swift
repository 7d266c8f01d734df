import Hummingbird
import Publishing

/// Serves the API's OpenAPI 3.1 document at /openapi.json and the page that
/// describes the API to people at /open-data/api, rendered from the same document.
struct OpenAPIController: SiteController {
    let pages: PageResponder

    func addRoutes(to router: Router<InsynRequestContext>) {
        router.get(RouterPath(APIURL.openAPI.routePattern)) { request, _ in
            try ConditionalResponse.make(request: request, bytes: try OpenAPIDocument.builtIn.get().bytes,
                                         contentType: "application/json", lastModified: nil)
        }
        router.get(RouterPath(APIURL.documentation.routePattern)) { request, context in
            let document = try OpenAPIDocument.builtIn.get()
            return try await pages.respond(to: request, context: context) { _, page in
                PageResult(APIDocumentationView(document, context: page))
            }
        }
    }
}
