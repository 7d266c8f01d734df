import Hummingbird
import NIOCore
import Publishing
import RegisterCore

/// `/audit/verify` (the auditor and the admin): recomputes the live ledger's chain and
/// every opening on the database's reader (never on the event loop) and streams the
/// page as it goes: the top of the page at once, a line per 50 000 changes checked,
/// then the result with the head. The template marks where the progress goes with
/// `<!--insyn:progress-->`; the page is rendered before (for the top) and after (for
/// the rest, with the result).
struct LedgerVerifyController: SiteController {
    let register: Register
    let forms: FormPages

    static let marker = "<!--insyn:progress-->"
    static let every: Int64 = 50_000

    func addRoutes(to router: Router<InsynRequestContext>) {
        router.get(RouterPath(SiteURL.auditVerify.routePattern)) { request, context in
            try await AuditAccess.guarded(AuditAccess.auditors, forms, request, context) { _ in
                let page = try await forms.pageContext(request, context)
                let renderer = forms.renderer
                let register = register
                let before = try renderer.render(LedgerVerifyView(check: nil, context: page), context: page)
                let top = String(before.components(separatedBy: Self.marker).first ?? before)
                let body = ResponseBody { (writer: inout any ResponseBodyWriter) in
                    try await writer.write(ByteBuffer(string: top))
                    let (lines, continuation) = AsyncStream.makeStream(of: String.self)
                    async let checked = register.read { snapshot in
                        defer { continuation.finish() }
                        return try snapshot.checkLedger(every: Self.every) { count in
                            let text = page.strings.format("auditVerifyProgress", StatisticsView.number(Int(count), page.language))
                            continuation.yield("<li>\(HTMLText.escape(text))</li>\n")
                        }
                    }
                    for await line in lines { try await writer.write(ByteBuffer(string: line)) }
                    let after = try renderer.render(LedgerVerifyView(check: try await checked, context: page), context: page)
                    let parts = after.components(separatedBy: Self.marker)
                    try await writer.write(ByteBuffer(string: parts.count > 1 ? parts[1...].joined(separator: Self.marker) : ""))
                    try await writer.finish(nil)
                }
                var headers = PageResponder.headers(language: context.language)
                headers[.cacheControl] = "no-store"
                return Response(status: .ok, headers: headers, body: body)
            }
        }
    }
}

/// The verification page: before the check, its top; after, the result and the head.
struct LedgerVerifyView: PageView {
    static let template = "audit-verify"
    let title: String
    let intro: String
    let done: Bool
    let intact: Bool
    let verdict: String
    let failure: String?
    let facts: [AuditMeetingView.Fact]
    let againHref = SiteURL.auditVerify.path

    init(check: LedgerCheck?, context: PageContext) {
        title = context["auditVerifyTitle"]
        intro = context["auditVerifyIntro"]
        done = check != nil
        intact = check?.isIntact ?? false
        let number = { (value: Int64) in StatisticsView.number(Int(value), context.language) }
        if let check {
            verdict = check.isIntact ? context.strings.format("auditVerifyIntact", number(check.checked)) : context["auditVerifyFailed"]
            failure = check.failure
            facts = [
                .init(label: context["auditVerifyChecked"], value: number(check.checked), note: nil),
                .init(label: context["auditVerifyHead"], value: "\(check.storedHead.sequence) \(check.storedHead.hash)", note: nil),
                .init(label: context["auditVerifyHash"], value: check.verifiedHash, note: nil),
            ]
        } else {
            verdict = ""
            failure = nil
            facts = []
        }
    }
}
