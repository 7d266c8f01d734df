import Foundation

/// The OpenAPI 3.1 description of the API, assembled from the fragments in
/// `Resources/openapi/` (each a partial OpenAPI object, merged in file-name order),
/// so that each area of the API describes its own paths: the read API's
/// `read.json`, the write API's `write.json`. `paths` are merged by path and then by
/// method, `components` by section and then by name, `tags` are concatenated, and
/// any other member is taken from the first fragment that has it. The schemas of
/// the records are `$ref`s into the JSON Schemas served at /schema/.
struct OpenAPIDocument: Sendable {
    /// The merged document, as JSON objects.
    let object: [String: any Sendable]
    /// The document as served: JSON with its members sorted.
    let bytes: [UInt8]

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The fragments built into the program.
    static let builtIn = Result { () throws -> OpenAPIDocument in
        guard let directory = Bundle.module.url(forResource: "openapi", withExtension: nil) else {
            throw Failure(description: "the program's copy of Resources/openapi is missing")
        }
        return try OpenAPIDocument(directory: directory)
    }

    init(directory: URL) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }.sorted()
        try self.init(fragments: names.map { name in
            let data = try Data(contentsOf: directory.appendingPathComponent(name))
            guard let fragment = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw Failure(description: "openapi/\(name) is not a JSON object")
            }
            return (name, fragment)
        })
    }

    init(fragments: [(name: String, object: [String: Any])]) throws {
        var merged: [String: Any] = [:]
        for (name, fragment) in fragments {
            for (key, value) in fragment {
                switch key {
                case "paths", "components":
                    merged[key] = try Self.merge(merged[key] as? [String: Any] ?? [:], value, depth: 2, at: "\(name): \(key)")
                case "tags":
                    merged[key] = (merged[key] as? [Any] ?? []) + (value as? [Any] ?? [])
                default:
                    if merged[key] == nil { merged[key] = value }
                }
            }
        }
        guard merged["openapi"] as? String == "3.1.0" else { throw Failure(description: "no fragment says openapi: 3.1.0") }
        bytes = Array(try JSONSerialization.data(withJSONObject: merged, options: [.sortedKeys, .withoutEscapingSlashes])) + [0x0A]
        guard let sendable = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: any Sendable] else {
            throw Failure(description: "the merged document is not an object")
        }
        object = sendable
    }

    /// Merges `value` into `base` down to `depth` levels of objects; a member defined twice there is an error.
    private static func merge(_ base: [String: Any], _ value: Any, depth: Int, at place: String) throws -> [String: Any] {
        guard let addition = value as? [String: Any] else { throw Failure(description: "\(place) is not an object") }
        var result = base
        for (key, member) in addition {
            if let existing = result[key] {
                guard depth > 1, let existingObject = existing as? [String: Any] else {
                    throw Failure(description: "\(place)/\(key) is defined twice")
                }
                result[key] = try merge(existingObject, member, depth: depth - 1, at: "\(place)/\(key)")
            } else {
                result[key] = member
            }
        }
        return result
    }

    /// The documented operations: each path with its methods, upper-cased ("GET").
    var operations: [(path: String, method: String)] {
        let paths = object["paths"] as? [String: Any] ?? [:]
        return paths.keys.sorted().flatMap { path in
            ((paths[path] as? [String: Any])?.keys.filter { Self.methods.contains($0) }.sorted() ?? []).map { (path, $0.uppercased()) }
        }
    }

    static let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]
}
