import Hummingbird
import Publishing
import RegisterCore

/// The compliance report at `/audit/compliance` for the auditor, the registrar and
/// the admin, and the same report as `.csv` and `.json` (written by
/// `ComplianceExport`, as `insyn report compliance` writes them). Filtered by
/// `unit`, `official`, `from` and `to`; never cached.
struct ComplianceController: SiteController {
    let register: Register
    let forms: FormPages

    func addRoutes(to router: Router<InsynRequestContext>) {
        router.get(RouterPath(SiteURL.compliance.routePattern)) { request, context in
            try await AuditAccess.guarded(AuditAccess.oversight, forms, request, context) { principal in
                let filter = try await Self.filter(QueryParameters(request), register: register)
                let report = try await register.complianceReport(filter, by: principal)
                let page = try await forms.pageContext(request, context)
                let names = try await register.read { snapshot in (try snapshot.units(), try snapshot.officials()) }
                let view = ComplianceView(report: report, units: names.0, officials: names.1,
                                          linksMeetings: AuditAccess.auditors.contains(principal.role), context: page)
                return try await forms.render(view, request: request, context: context)
            }
        }
        for (url, type, write) in [(SiteURL.complianceCSV, "text/csv; charset=utf-8; header=present", ComplianceExport.writeCSV),
                                   (SiteURL.complianceJSON, "application/json", ComplianceExport.writeJSON)] {
            router.get(RouterPath(url.routePattern)) { request, context in
                try await AuditAccess.guarded(AuditAccess.oversight, forms, request, context) { principal in
                    let filter = try await Self.filter(QueryParameters(request), register: register)
                    let report = try await register.complianceReport(filter, by: principal)
                    let sink = BufferSink()
                    try write(report, sink)
                    let name = String(url.path.split(separator: "/").last!)
                    return Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-store",
                                                           .contentDisposition: "attachment; filename=\"\(name)\""],
                                    body: ResponseBody(byteBuffer: ByteBuffer(bytes: sink.bytes)))
                }
            }
        }
    }

    /// The report's filter from the query; an unknown unit or official is a `BadParameter`.
    static func filter(_ query: QueryParameters, register: Register) async throws -> ComplianceFilter {
        let filter = ComplianceFilter(unit: try query.integer("unit", minimum: 1), official: try query.integer("official", minimum: 1),
                                      from: try query.day("from"), to: try query.day("to"))
        let (units, officials) = try await register.read { snapshot in (try snapshot.units(), try snapshot.officials()) }
        if let unit = filter.unit, !units.contains(where: { $0.id == unit }) {
            throw BadParameter("unit", value: String(unit), expected: "statisticsExpectKnown")
        }
        if let official = filter.official, !officials.contains(where: { $0.id == official }) {
            throw BadParameter("official", value: String(official), expected: "statisticsExpectKnown")
        }
        return filter
    }

    /// The query of a report's URL with `filter`.
    static func query(_ filter: ComplianceFilter) -> String {
        let pairs = [("unit", filter.unit.map(String.init)), ("official", filter.official.map(String.init)),
                     ("from", filter.from?.description), ("to", filter.to?.description)]
            .compactMap { name, value in value.map { (name: name, value: $0) } }
        return pairs.isEmpty ? "" : "?" + PageContext.encode(pairs)
    }
}
