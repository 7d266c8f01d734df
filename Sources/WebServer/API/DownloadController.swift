import Hummingbird
import Publishing
import RegisterCore

/// The open-data downloads under /data/, streamed from the export writers that
/// `insyn export` uses, so a download is the same bytes as the command line's file
/// at the same ledger head: the whole register as JSON, a CSV file per entity, the
/// public changes since a ledger position as JSON Lines (`?since=N`), and the public
/// view of the ledger that `insyn verify --ledger` checks. Each is an attachment
/// with its file name, and has the API's ETag (the ledger head), so a mirror that
/// already has this state gets a 304 without the export running.
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
        let contentType: String
        var check: @Sendable (RegisterSnapshot) throws -> Void = { _ in }
        let export: @Sendable (RegisterSnapshot, any ByteSink) throws -> Void
        switch download {
        case .registerJSON:
            contentType = "application/json"
            export = { snapshot, sink in _ = try RegisterJSONExport().write(snapshot, to: sink) }
        case .changes:
            let since = try QueryParameters(request).integer("since") ?? 0
            contentType = "application/jsonl; charset=utf-8"
            check = { snapshot in
                let head = try snapshot.ledgerHead()
                guard since <= head.sequence else {
                    throw BadParameter("since", value: String(since), expected: "expectPosition", detail: String(head.sequence))
                }
            }
            export = { snapshot, sink in _ = try ChangeLinesExport(after: since).write(snapshot, to: sink) }
        case .ledger:
            contentType = "application/jsonl; charset=utf-8"
            export = { snapshot, sink in
                try snapshot.forEachLedgerEntry { entry in try sink.write(entry.line(view: .public) + [0x0A]) }
            }
        case .unitsCSV, .officialsCSV, .organisationsCSV, .issuesCSV, .meetingsCSV:
            let entity = RegisterCSVExport.Entity(rawValue: String(download.rawValue.dropLast(4)))!
            contentType = "text/csv; charset=utf-8; header=present"
            export = { snapshot, sink in _ = try RegisterCSVExport().write(entity, snapshot, to: sink) }
        }
        return try await APIResponder(register: register).stream(
            request, contentType: contentType, extra: [.contentDisposition: "attachment; filename=\"\(download.rawValue)\""],
            check: check, export)
    }
}
