import Foundation
import Hummingbird
import NIOPosix
import Publishing
import RegisterCore

/// The registrar's pages of records kept with a `RecordForm`: the catalogue
/// (`/registrar/catalogue/:kind`) and the legal grounds (`/registrar/grounds`). GET
/// lists them with the add form, or shows one's form; POST adds or saves through the
/// register's write path, then goes back to the list (303), or shows the form again
/// with the errors (400) and nothing changed.
struct RecordPagesController: SiteController {
    let pages: SignedInPages
    let listPattern: String
    let entryPattern: String
    /// The kind of record a route's parameters name; nil is a 404.
    let resolve: @Sendable (Parameters) -> (any RegistrarRecords)?

    static func catalogue(_ pages: SignedInPages) -> RecordPagesController {
        RecordPagesController(pages: pages, listPattern: SiteURL.registrarCatalogue("x").routePattern,
                              entryPattern: SiteURL.registrarCatalogueEntry("x", 1).routePattern) { parameters in
            parameters.get("kind").flatMap(CatalogueKind.init(rawValue:))
        }
    }

    static func grounds(_ pages: SignedInPages) -> RecordPagesController {
        RecordPagesController(pages: pages, listPattern: SiteURL.registrarGrounds.routePattern,
                              entryPattern: SiteURL.pattern(SiteURL.registrarGround)) { _ in LegalGroundRecords() }
    }

    func addRoutes(to router: Router<InsynRequestContext>) {
        router.get(RouterPath(listPattern)) { request, context in
            try await guarded(request, context) { records, _ in
                let notice = request.uri.queryParameters.get("saved").map { _ in "registrarSaved" }
                return try await page(records, editing: nil, posted: nil, problems: nil, notice: notice, request, context)
            }
        }
        router.post(RouterPath(listPattern)) { request, context in
            try await guarded(request, context) { records, actor in try await save(records, id: nil, actor: actor, request, context) }
        }
        router.get(RouterPath(entryPattern)) { request, context in
            try await guarded(request, context) { records, _ in
                try await page(records, editing: try id(context), posted: nil, problems: nil, notice: nil, request, context)
            }
        }
        router.post(RouterPath(entryPattern)) { request, context in
            try await guarded(request, context) { records, actor in try await save(records, id: try id(context), actor: actor, request, context) }
        }
    }

    private func guarded(_ request: Request, _ context: InsynRequestContext,
                         _ body: (any RegistrarRecords, Principal) async throws -> Response) async throws -> Response {
        try await pages.guarded(request, context, roles: SignedInPages.registrars) { actor in
            guard let records = resolve(context.parameters) else { throw HTTPError(.notFound) }
            return try await body(records, actor)
        }
    }

    private func id(_ context: InsynRequestContext) throws -> Int64 {
        try context.pathId()
    }

    private func save(_ records: any RegistrarRecords, id: Int64?, actor: Principal, _ request: Request,
                      _ context: InsynRequestContext) async throws -> Response {
        var request = request
        let posted = try await FormBody.read(&request)
        let register = pages.register
        let pageContext = try await pages.pageContext(request, context)
        let missing = records.form.missing(posted, context: pageContext)
        guard missing.isEmpty else {
            return try await page(records, editing: id, posted: posted, problems: missing, notice: nil, request, context)
        }
        let body = records.form.body(posted)
        let timeZone = try await register.read { try $0.settings().timeZone }
        do {
            _ = try await NIOThreadPool.singleton.runIfActive { try records.save(body, id: id, register: register, actor: actor, timeZone: timeZone) }
        } catch let invalid as ValidationError {
            return try await page(records, editing: id, posted: posted, problems: records.form.problems(invalid, context: pageContext), notice: nil, request, context)
        }
        return SignedInPages.seeOther(records.list.path + "?saved=1")
    }

    private func page(_ records: any RegistrarRecords, editing: Int64?, posted: [String: String]?, problems: FormProblems?,
                      notice: String?, _ request: Request, _ context: InsynRequestContext) async throws -> Response {
        let page = try await pages.pageContext(request, context)
        let (list, options) = try await pages.register.read { snapshot in (try records.records(snapshot), try records.options(snapshot)) }
        var values = posted ?? [:]
        if posted == nil, let editing {
            guard let record = list.first(where: { $0.id == editing })?.record else { throw HTTPError(.notFound) }
            values = records.form.values(of: record)
        }
        let found = problems ?? FormProblems()
        let fields = records.form.fields(id: "record", values: values, errors: found.byInput, options: options, context: page)
        let view = RecordPagesView(records: records, list: list, editing: editing, fields: fields, otherErrors: found.other,
                                   notice: notice.map { page[$0] }, csrf: pages.csrf(context), context: page)
        return try await pages.render(view, status: problems == nil ? .ok : .badRequest, request: request, context: context)
    }
}
