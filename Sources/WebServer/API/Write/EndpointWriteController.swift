import Delivery
import Hummingbird
import RegisterCore

/// The push endpoints in the write API (the registrar's): list them with their
/// secrets shortened, add one (a webhook without a secret gets one, shown only in
/// this answer), change, pause or resume one, remove one.
struct EndpointWriteController: SiteController {
    let register: Register
    static let action = "manage push endpoints"
    /// The register names the CKAN resource as the command line's option does.
    static let members = ["resource-id": "resourceId"]

    func addRoutes(to router: Router<InsynRequestContext>) {
        router.get(RouterPath(WriteRoutes.Pattern.endpoints)) { request, context in
            let write = try await WriteRequest.start(request, context: context, register: register, registrar: Self.action)
            let endpoints = try await write.write { register, _ in try register.endpoints() }
            return WriteResponse.json(.array(endpoints.map(Self.json)))
        }
        router.post(RouterPath(WriteRoutes.Pattern.endpoints)) { request, context in
            let write = try await WriteRequest.start(request, context: context, register: register, registrar: Self.action)
            let input = try await write.decode(EndpointInput.self)
            let key = try write.idempotencyKey()
            let generated = input.kind == .webhook && input.secret == nil ? WebhookSigner.generateSecret() : nil
            let endpoint = NewEndpoint(url: input.url, kind: input.kind, secret: input.secret ?? generated, token: input.token,
                                       resourceId: input.resourceId, fromStart: input.fromStart ?? false)
            let result = try await write.write(renaming: Self.members) { register, actor in
                try register.create("endpoint", key: key) { shared in try shared.addEndpoint(endpoint, by: actor).id }
            }
            let extra: JSONObject = generated.map { result.replayed ? [:] : ["secret": .string($0)] } ?? [:]
            return WriteResponse.created(result, location: "\(WriteRoutes.endpoints)/\(result.id)", extra: extra)
        }
        router.patch(RouterPath(WriteRoutes.Pattern.endpoint)) { request, context in
            let write = try await WriteRequest.start(request, context: context, register: register, registrar: Self.action)
            let id = try write.id()
            let input = try await write.decode(EndpointPatchInput.self)
            let update = EndpointUpdate(url: input.url, secret: input.secret, token: input.token, resourceId: input.resourceId)
            let endpoint = try await write.write(renaming: Self.members) { register, actor in
                try register.changeEndpoint(id, update == EndpointUpdate() ? nil : update, enabled: input.enabled, by: actor)
            }
            return WriteResponse.json(Self.json(endpoint))
        }
        router.delete(RouterPath(WriteRoutes.Pattern.endpoint)) { request, context in
            let write = try await WriteRequest.start(request, context: context, register: register, registrar: Self.action)
            let id = try write.id()
            try await write.write { register, actor in _ = try register.removeEndpoint(id, by: actor) }
            return WriteResponse.noContent
        }
    }

    /// An endpoint as the registrar sees it: its secret and token shortened.
    static func json(_ endpoint: Endpoint) -> JSONValue {
        var members: JSONObject = [
            "id": .int(endpoint.id), "url": .string(endpoint.url), "kind": .string(endpoint.kind.rawValue), "enabled": .bool(endpoint.enabled),
        ]
        if let secret = endpoint.secret { members["secret"] = .string(String(secret.prefix(10)) + "…") }
        if let token = endpoint.token { members["token"] = .string(String(token.prefix(4)) + "…") }
        if let resourceId = endpoint.resourceId { members["resourceId"] = .string(resourceId) }
        if let pause = endpoint.pause { members["paused"] = .object(["reason": .string(pause.reason)]) }
        return .object(members)
    }
}
