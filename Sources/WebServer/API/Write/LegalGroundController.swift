import Hummingbird
import RegisterCore

/// The list of legal grounds for withholding a field: anyone may read it (a
/// recorder picks from it); the registrar adds and removes grounds.
struct LegalGroundController: SiteController {
    let register: Register

    func addRoutes(to router: Router<InsynRequestContext>) {
        let action = "keep the list of legal grounds"
        router.get(RouterPath(WriteRoutes.Pattern.legalGrounds)) { request, _ in
            _ = try APIQuery(request, allowed: [])
            let grounds = try await register.read { snapshot in try snapshot.legalGrounds() }
            return WriteResponse.json(.array(grounds.map { listed in
                .object(["id": .int(listed.id), "ground": .string(listed.ground.ground), "description": .string(listed.ground.description)])
            }))
        }
        router.post(RouterPath(WriteRoutes.Pattern.legalGrounds)) { request, context in
            let write = try await WriteRequest.start(request, context: context, register: register, registrar: action)
            let ground = try await write.decode(LegalGround.self)
            let key = try write.idempotencyKey()
            let result = try await write.write { register, actor in
                try register.create("legal-ground", key: key) { shared in try shared.addLegalGround(ground, by: actor) }
            }
            return WriteResponse.created(result, location: "\(WriteRoutes.legalGrounds)/\(result.id)")
        }
        router.delete(RouterPath(WriteRoutes.Pattern.legalGround)) { request, context in
            let write = try await WriteRequest.start(request, context: context, register: register, registrar: action)
            let id = try write.id()
            try await write.write { register, actor in try register.removeLegalGround(id, by: actor) }
            return WriteResponse.noContent
        }
    }
}
