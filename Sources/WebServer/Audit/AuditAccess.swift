import Hummingbird
import Publishing
import RegisterCore

/// Who may open the pages under /audit/: anonymous readers are sent to sign in, a
/// signed-in person whose role may not is refused with 403. (The audit area's own
/// guard; it gives way to the signed-in page frame's once that lands.)
enum AuditAccess {
    /// The compliance report: the auditor, the registrar and the admin.
    static let oversight: Set<Role> = [.auditor, .registrar, .admin]
    /// Every meeting in full, the auditor's ledger, its verification and the access log.
    static let auditors: Set<Role> = [.auditor, .admin]

    static func guarded(_ roles: Set<Role>, _ context: InsynRequestContext,
                        _ body: (Principal) async throws -> Response) async throws -> Response {
        guard let principal = context.principal else {
            return Response(status: .seeOther, headers: [.location: SiteURL.signIn.path, .cacheControl: "no-store"])
        }
        guard roles.contains(principal.role) else { throw HTTPError(.forbidden) }
        return try await body(principal)
    }
}
