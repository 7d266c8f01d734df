import Hummingbird
import Publishing
import RegisterCore

/// The catalogue of the read API: the units, officials, organisations and issues,
/// each kind as a list (`/api/v1/issues`) and each record with its published
/// meetings (`/api/v1/issues/3`: the record, how many meetings, and the first page of
/// them, newest first, paged like `/api/v1/meetings?issue=3`). Records are
/// `PublicJSON`'s forms, the export's.
struct CatalogueAPIController: SiteController {
    let api: APIResponder

    /// One kind of catalogue record and how the API reads and writes it.
    struct Kind: Sendable {
        var plural: String
        var singular: String
        var list: APIURL
        var item: @Sendable (Int64) -> APIURL
        var search: @Sendable (Int64) -> MeetingSearch
        var subject: @Sendable (Int64) -> MeetingSubject
        var writeAll: @Sendable (RegisterSnapshot, PublicJSON, JSONStreamWriter) throws -> Void
        /// Writes the record; false when there is none with the id.
        var writeOne: @Sendable (RegisterSnapshot, Int64, PublicJSON, JSONStreamWriter) throws -> Bool
    }

    static let kinds: [Kind] = [
        Kind(plural: "units", singular: "unit", list: .units, item: APIURL.unit, search: { MeetingSearch(unit: $0) }, subject: MeetingSubject.unit,
             writeAll: { snapshot, records, json in for unit in try snapshot.units() { try records.unit(unit, to: json) } },
             writeOne: { snapshot, id, records, json in try snapshot.unit(id).map { try records.unit($0, to: json) } != nil }),
        Kind(plural: "officials", singular: "official", list: .officials, item: APIURL.official, search: { MeetingSearch(official: $0) },
             subject: MeetingSubject.official,
             writeAll: { snapshot, records, json in for official in try snapshot.officials() { try records.official(official, to: json) } },
             writeOne: { snapshot, id, records, json in try snapshot.official(id).map { try records.official($0, to: json) } != nil }),
        Kind(plural: "organisations", singular: "organisation", list: .organisations, item: APIURL.organisation,
             search: { MeetingSearch(organisation: $0) }, subject: MeetingSubject.organisation,
             writeAll: { snapshot, records, json in
                 for organisation in try snapshot.organisations() { try records.organisation(organisation, to: json) }
             },
             writeOne: { snapshot, id, records, json in try snapshot.organisation(id).map { try records.organisation($0, to: json) } != nil }),
        Kind(plural: "issues", singular: "issue", list: .issues, item: APIURL.issue, search: { MeetingSearch(issue: $0) }, subject: MeetingSubject.issue,
             writeAll: { snapshot, records, json in for issue in try snapshot.issues() { try records.issue(issue, to: json) } },
             writeOne: { snapshot, id, records, json in try snapshot.issue(id).map { try records.issue($0, to: json) } != nil }),
    ]

    func addRoutes(to router: Router<InsynRequestContext>) {
        for kind in Self.kinds {
            router.get(RouterPath(kind.list.routePattern)) { request, _ in
                _ = try APIQuery(request, allowed: [])
                return try await api.json(request) { snapshot, records, json in
                    try json.beginObject()
                    try json.key(kind.plural)
                    try json.beginArray()
                    try kind.writeAll(snapshot, records, json)
                    try json.endArray()
                    try json.endObject()
                    return .none
                }
            }
            router.get(RouterPath(APIURL.pattern(kind.item))) { request, context in
                let id = try context.pathId()
                let list = try MeetingListParameters.query(request, search: kind.search(id))
                return try await api.json(request) { snapshot, records, json in
                    try json.beginObject()
                    try json.key(kind.singular)
                    guard try kind.writeOne(snapshot, id, records, json) else {
                        throw ProblemDetails(status: .notFound, detail: "No \(kind.singular) has id \(id).")
                    }
                    try json.field("meetingCount", try snapshot.publishedMeetingCount(kind.subject(id)))
                    let written = try MeetingsAPIController.write(try snapshot.meetingList(list), of: list, records: records, json: json)
                    try json.endObject()
                    return written
                }
            }
        }
    }
}
