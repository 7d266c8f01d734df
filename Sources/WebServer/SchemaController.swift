import Foundation
import Hummingbird

/// Serves the JSON Schemas of the exports at /schema/, where the JSON export's
/// `$schema` points, from the directory that holds them (Data/schema/).
struct SchemaController {
    let directory: URL

    func addRoutes(to group: RouterGroup<BasicRequestContext>) {
        group.get(":name") { request, context in
            let name = try context.parameters.require("name")
            guard name.hasSuffix(".schema.json"), !name.contains("/"), !name.hasPrefix("."),
                  let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else {
                throw HTTPError(.notFound, message: "No schema named \(name)")
            }
            return try ConditionalResponse.make(request: request, bytes: Array(data), contentType: "application/schema+json",
                                                lastModified: nil)
        }
    }
}
