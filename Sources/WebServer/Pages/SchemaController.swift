import Foundation
import Hummingbird
import Publishing

/// Serves the JSON Schemas of the exports at /schema/, where the JSON export's
/// `$schema` points. They are the program's resources (Data/schema/, built in), so
/// the server answers the same wherever it is started.
struct SchemaController: SiteController {
    func addRoutes(to router: Router<InsynRequestContext>) {
        router.get(RouterPath(SiteURL.pattern(SiteURL.schema))) { request, context in
            let name = try context.parameters.require("name")
            guard let bytes = Self.schema(named: name) else {
                throw HTTPError(.notFound, message: "No schema named \(name)")
            }
            return try ConditionalResponse.make(request: request, bytes: bytes, contentType: "application/schema+json",
                                                lastModified: nil)
        }
    }

    /// The schema names the program serves.
    static let names = ["register.schema.json", "change.schema.json", "definitions.schema.json"]

    /// The schema `name` (e.g. "register.schema.json") from the resources, or nil.
    static func schema(named name: String) -> [UInt8]? {
        guard name.hasSuffix(".schema.json"), !name.contains("/"), !name.hasPrefix("."),
              let url = Bundle.module.url(forResource: String(name.dropLast(5)), withExtension: "json"),
              let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return Array(data)
    }
}
