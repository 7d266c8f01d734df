import Hummingbird
import RegisterCore

/// The registrar's catalogue in the write API: add, replace and redact units,
/// officials, organisations and issues, each through the register's catalogue write path.
struct CatalogueWriteController<Entry: CatalogueEntry & InputShaped>: SiteController {
    let register: Register

    /// The collection's path segment: `units`, `officials`, `organisations`, `issues`.
    static var collection: String { Entry.noun + "s" }
    static var pattern: String { "api/v1/\(collection)" }

    func addRoutes(to router: Router<InsynRequestContext>) {
        let action = "keep the catalogue"
        router.post(RouterPath(Self.pattern)) { request, context in
            let write = try await WriteRequest.start(request, context: context, register: register, registrar: action)
            let entry = try await write.decode(Entry.self)
            let key = try write.idempotencyKey()
            let result = try await write.write { register, actor in
                try register.create(Entry.noun, key: key) { shared in try shared.add(entry, by: actor) }
            }
            return WriteResponse.created(result, location: "/\(Self.pattern)/\(result.id)")
        }
        router.put(RouterPath("\(Self.pattern)/:id")) { request, context in
            let write = try await WriteRequest.start(request, context: context, register: register, registrar: action)
            let id = try write.id()
            let entry = try await write.decode(Entry.self)
            try await write.write { register, actor in try register.update(id, with: entry, by: actor) }
            return WriteResponse.json(.object(["id": .int(id)]))
        }
        router.post(RouterPath("\(Self.pattern)/:id/redactions")) { request, context in
            let write = try await WriteRequest.start(request, context: context, register: register, registrar: "redact the catalogue")
            let id = try write.id()
            let input = try await write.decode(RedactionInput.self)
            try await write.write { register, actor in
                try register.redact(Entry.self, id: id, field: input.field, ground: input.ground, reason: input.reason, by: actor)
            }
            return WriteResponse.json(.object(["id": .int(id)]))
        }
    }
}
