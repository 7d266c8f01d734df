import Hummingbird
import Publishing
import RegisterCore

/// Who may open the pages under /audit/, through the signed-in page frame
/// (`SignedInPages`: anonymous readers are sent to sign in, a role that may not gets 403).
enum AuditAccess {
    /// The compliance report: the auditor, the registrar and the admin.
    static let oversight: Set<Role> = [.auditor, .registrar, .admin]
    /// Every meeting in full, the auditor's ledger, its verification and the access log.
    static let auditors: Set<Role> = [.auditor, .admin]

    static func guarded(_ roles: Set<Role>, _ forms: FormPages, _ request: Request, _ context: InsynRequestContext,
                        _ body: (Principal) async throws -> Response) async throws -> Response {
        try await SignedInPages(forms: forms).guarded(request, context, roles: roles, body)
    }
}
