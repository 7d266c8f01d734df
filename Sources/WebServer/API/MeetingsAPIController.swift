import Hummingbird
import Publishing
import RegisterCore

/// The meetings of the read API: `/api/v1/meetings`, a page of a list with the search
/// page's filters, sorted and paged by cursor (a `next` member and a `Link` header),
/// and `/api/v1/meetings/ID`, one meeting with every public version of it. A meeting
/// is always `PublicJSON`'s form, the export's; a withdrawn one is its tombstone, a
/// draft or an unused id is 404.
struct MeetingsAPIController: SiteController {
    let api: APIResponder

    func addRoutes(to router: Router<InsynRequestContext>) {
        router.get(RouterPath(APIURL.meetings(query: nil).routePattern)) { request, _ in
            let list = try MeetingListParameters.query(request)
            return try await api.json(request) { snapshot, records, json in
                try json.beginObject()
                let written = try Self.write(try snapshot.meetingList(list), of: list, records: records, json: json)
                try json.endObject()
                return written
            }
        }
        router.get(RouterPath(APIURL.pattern(APIURL.meeting))) { request, context in
            let id = try context.pathId()
            _ = try APIQuery(request, allowed: [])
            return try await api.json(request) { snapshot, records, json in
                guard let meeting = try snapshot.publicMeeting(id) else { throw ProblemDetails(status: .notFound, detail: "No public meeting has id \(id).") }
                try json.beginObject()
                try json.key("meeting")
                try records.meeting(meeting, to: json)
                try json.key("versions")
                try json.beginArray()
                for change in try snapshot.publicChanges(ofMeeting: id) { try records.change(change, to: json) }
                try json.endArray()
                try json.endObject()
                return .none
            }
        }
    }

    /// The members of a page of a list, inside an object: `meetings` and `next`.
    static func write(_ page: MeetingListPage, of list: MeetingListQuery, records: PublicJSON,
                      json: JSONStreamWriter) throws -> APIResponder.Written {
        try json.key("meetings")
        try json.beginArray()
        for meeting in page.meetings { try records.meeting(meeting, to: json) }
        try json.endArray()
        let next = page.next.map { records.publication.apiURL(APIURL.meetings(query: MeetingListParameters.encoded(list, after: $0))) }
        try json.field("next", next)
        return APIResponder.Written(next: next)
    }
}
