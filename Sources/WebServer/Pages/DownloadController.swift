import Hummingbird
import Publishing
import RegisterCore

/// The open-data downloads under /data/, streamed from the export writers that
/// `insyn export` uses: the whole register as JSON, a CSV file per entity, the public
/// changes since a ledger position as JSON Lines (`?since=N`), and the public view of
/// the ledger that `insyn verify --ledger` checks.
struct DownloadController: SiteController {
    let register: Register

    func addRoutes(to router: Router<InsynRequestContext>) {
        router.get(RouterPath(SiteURL.download(.registerJSON).routePattern)) { request, context in
            guard let download = SiteURL.Download(rawValue: try context.parameters.require("name")) else {
                throw HTTPError(.notFound)
            }
            return try await respond(download, request: request)
        }
    }

    func respond(_ download: SiteURL.Download, request: Request) async throws -> Response {
        var headers: HTTPFields = [.cacheControl: "no-cache"]
        let export: @Sendable (RegisterSnapshot, any ByteSink) throws -> Void
        switch download {
        case .registerJSON:
            headers[.contentType] = "application/json"
            export = { snapshot, sink in _ = try RegisterJSONExport().write(snapshot, to: sink) }
        case .changes:
            let since = try QueryParameters(request).integer("since") ?? 0
            let head = try await register.read { try $0.ledgerHead() }
            guard since <= head.sequence else {
                throw BadParameter("since", value: String(since), expected: "expectPosition", detail: String(head.sequence))
            }
            headers[.contentType] = "application/jsonl; charset=utf-8"
            export = { snapshot, sink in _ = try ChangeLinesExport(after: since).write(snapshot, to: sink) }
        case .ledger:
            headers[.contentType] = "application/jsonl; charset=utf-8"
            export = { snapshot, sink in
                try snapshot.forEachLedgerEntry { entry in try sink.write(entry.line(view: .public) + [0x0A]) }
            }
        case .unitsCSV, .officialsCSV, .organisationsCSV, .issuesCSV, .meetingsCSV:
            let entity = RegisterCSVExport.Entity(rawValue: String(download.rawValue.dropLast(4)))!
            headers[.contentType] = "text/csv; charset=utf-8; header=present"
            headers[.contentDisposition] = "attachment; filename=\"\(download.rawValue)\""
            export = { snapshot, sink in _ = try RegisterCSVExport().write(entity, snapshot, to: sink) }
        }
        return Response(status: .ok, headers: headers, body: StreamedBody.make(register: register, export))
    }
}
