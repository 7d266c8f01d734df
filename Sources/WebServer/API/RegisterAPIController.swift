import Hummingbird
import Publishing
import RegisterCore

/// The register as a whole in the read API: `/api/v1/head`, its name, ledger head and
/// counts (what a mirror compares itself with), and `/api/v1/changes?since=SEQ`, the
/// public changes after a ledger position as JSON Lines, streamed, the same bytes as
/// `insyn export --format jsonl --since SEQ`.
struct RegisterAPIController: SiteController {
    let api: APIResponder

    func addRoutes(to router: Router<InsynRequestContext>) {
        router.get(RouterPath(APIURL.head.routePattern)) { request, _ in
            _ = try APIQuery(request, allowed: [])
            return try await api.json(request) { snapshot, records, json in
                let head = try snapshot.ledgerHead()
                let counts = try snapshot.publicCounts()
                let publication = records.publication
                try json.beginObject()
                try json.field("register", publication.settings.bodyName)
                try json.key("ledger")
                try json.beginObject()
                try json.field("sequence", head.sequence)
                try json.field("hash", head.hash)
                try json.field("at", head.at.map(Timestamp.format))
                try json.endObject()
                try json.key("counts")
                try json.beginObject()
                try json.field("meetings", counts.publishedMeetings)
                try json.field("withdrawnMeetings", counts.withdrawnMeetings)
                try json.field("units", counts.units)
                try json.field("officials", counts.officials)
                try json.field("organisations", counts.organisations)
                try json.field("issues", counts.issues)
                try json.field("publicChanges", counts.publicChanges)
                try json.endObject()
                try json.key("links")
                try json.beginObject()
                try json.field("meetings", publication.apiURL(APIURL.meetings(query: nil)))
                try json.field("changes", publication.apiURL(APIURL.changes(since: head.sequence)))
                try json.field("openapi", publication.apiURL(APIURL.openAPI))
                try json.field("register", publication.url(.download(.registerJSON)))
                try json.endObject()
                try json.endObject()
                return .none
            }
        }
        router.get(RouterPath(APIURL.changes(since: nil).routePattern)) { request, _ in
            let query = try APIQuery(request, allowed: ["since"])
            let since = try query.integer("since", in: 0...Int64.max) ?? 0
            return try await api.stream(request, contentType: "application/jsonl; charset=utf-8", check: { snapshot in
                let head = try snapshot.ledgerHead()
                guard since <= head.sequence else {
                    var problem = ProblemDetails.badParameter("since", "since: \(since) is beyond the ledger's last change (\(head.sequence)); is this the right register?")
                    (problem.status, problem.title) = (.notFound, "No such ledger position")
                    throw problem
                }
            }) { snapshot, sink in _ = try ChangeLinesExport(after: since).write(snapshot, to: sink) }
        }
    }
}
