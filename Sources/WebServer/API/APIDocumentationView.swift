import Foundation
import Publishing

/// The API's page, made from the OpenAPI document itself (so the page and the
/// document cannot disagree): each group of operations with its method and path,
/// what it does, its parameters with their values and its responses. The document's
/// texts are in English; a Swedish one, where the fragment gives it, is its `x-sv`.
struct APIDocumentationView: PageView {
    static let template = "api"

    struct Group: Sendable {
        let id: String
        let name: String
        let description: String
        let operations: [Operation]
    }

    struct Operation: Sendable {
        let id: String
        let method: String
        let path: String
        let summary: String
        let description: String
        let parameters: [Parameter]
        let hasParameters: Bool
        let responses: [Answer]
    }

    struct Parameter: Sendable {
        let name: String
        let location: String
        let values: String
        let meaning: String
        let required: Bool
    }

    struct Answer: Sendable {
        let status: String
        let meaning: String
        let mediaType: String?
        let schema: PageLink?
    }

    let title: String
    let intro: String
    let description: String
    let links: [PageLink]
    let groups: [Group]

    init(_ document: OpenAPIDocument, context: PageContext) {
        let reader = Reader(root: document.object, swedish: context.language == .sv)
        title = context["apiTitle"]
        intro = context["apiIntro"]
        description = reader.text(document.object["info"], "description")
        links = [PageLink(context["apiDocument"] + " (/openapi.json)", APIURL.openAPI.path),
                 PageLink(context["apiCatalogue"], APIURL.catalogue.path)]
        let paths = document.object["paths"] as? [String: Any] ?? [:]
        let operations = document.operations.compactMap { entry -> (tag: String, Operation)? in
            guard let operation = (paths[entry.path] as? [String: Any])?[entry.method.lowercased()] as? [String: Any] else { return nil }
            return ((operation["tags"] as? [String])?.first ?? "", reader.operation(operation, method: entry.method, path: entry.path, context: context))
        }
        let tags = (document.object["tags"] as? [[String: Any]] ?? []).compactMap { tag in (tag["name"] as? String).map { ($0, tag) } }
        groups = tags.map { name, tag in
            Group(id: "tag-" + name.lowercased(), name: reader.text(tag, "name"), description: reader.text(tag, "description"),
                  operations: operations.filter { $0.tag == name }.map(\.1))
        }.filter { !$0.operations.isEmpty }
    }

    /// Reads the document's objects, following its local `$ref`s.
    private struct Reader {
        let root: [String: any Sendable]
        let swedish: Bool

        func text(_ object: Any?, _ key: String) -> String {
            guard let object = object as? [String: Any] else { return "" }
            if swedish, let text = (object["x-sv"] as? [String: Any])?[key] as? String { return text }
            return object[key] as? String ?? ""
        }

        func resolved(_ object: Any?) -> [String: Any] {
            guard let object = object as? [String: Any] else { return [:] }
            guard let reference = object["$ref"] as? String, reference.hasPrefix("#/") else { return object }
            var node: Any? = root
            for part in reference.dropFirst(2).split(separator: "/") { node = (node as? [String: Any])?[String(part)] }
            return node as? [String: Any] ?? [:]
        }

        func operation(_ operation: [String: Any], method: String, path: String, context: PageContext) -> Operation {
            let parameters = (operation["parameters"] as? [Any] ?? []).map(resolved).map { parameter in
                Parameter(name: parameter["name"] as? String ?? "", location: parameter["in"] as? String ?? "",
                          values: values(parameter["schema"] as? [String: Any] ?? [:]), meaning: text(parameter, "description"),
                          required: parameter["required"] as? Bool ?? false)
            }
            let responses = (operation["responses"] as? [String: Any] ?? [:]).sorted { $0.key < $1.key }.map { status, value in
                let response = resolved(value)
                let content = (response["content"] as? [String: Any] ?? [:]).sorted { $0.key < $1.key }.first
                let schema = ((content?.value as? [String: Any])?["schema"] as? [String: Any])?["$ref"] as? String
                return Answer(status: status, meaning: text(response, "description"), mediaType: content?.key,
                              schema: schema.map { PageLink(String($0.split(separator: "/").last ?? ""), $0.hasPrefix("#") ? APIURL.openAPI.path : $0) })
            }
            let id = (operation["operationId"] as? String) ?? method + path
            return Operation(id: id, method: method, path: path, summary: text(operation, "summary"), description: text(operation, "description"),
                             parameters: parameters, hasParameters: !parameters.isEmpty, responses: responses)
        }

        /// A parameter's values in a few words: "inbound | outbound", "integer, 1–500 (default 50)".
        func values(_ schema: [String: Any]) -> String {
            var text: String
            if let choices = schema["enum"] as? [Any] {
                text = choices.map { "\($0)" }.joined(separator: " | ")
            } else {
                text = [schema["type"] as? String, schema["format"] as? String].compactMap { $0 }.joined(separator: ", ")
                if let minimum = schema["minimum"] as? Int64 {
                    let maximum = schema["maximum"] as? Int64
                    text += ", \(minimum)" + (maximum.map { $0 < Int64.max ? "–\($0)" : "+" } ?? "+")
                }
                if let length = schema["maxLength"] as? Int { text += ", ≤ \(length)" }
            }
            if let value = schema["default"] { text += " (\(swedish ? "förval" : "default") \(value))" }
            return text
        }
    }
}
