import Foundation
import Publishing
import RegisterCore

/// The ckan kind: keeps a CKAN DataStore table with one row per meeting, current as of
/// the latest change, through `datastore_upsert` with the meeting id as primary key. A
/// withdrawal upserts the tombstone (status `withdrawn`, content emptied), so the row
/// stays. Catalogue changes are skipped: the rows carry the catalogue's ids, and the
/// catalogue itself is in the register's JSON export and webhook events.
struct CKANFormat: EndpointFormat {
    let siteURL: String
    let token: String
    let resourceId: String
    let publication: Publication

    var actionURL: String {
        (siteURL.hasSuffix("/") ? String(siteURL.dropLast()) : siteURL) + "/api/3/action/datastore_upsert"
    }

    func payload(for change: PublicChange) throws -> Payload? {
        guard case .meeting(let meeting) = change.record else { return nil }
        let sink = BufferSink(reservingCapacity: 2048)
        let json = JSONStreamWriter(sink, bufferSize: 4096)
        try json.beginObject()
        try json.field("resource_id", resourceId)
        try json.key("records")
        try json.beginArray()
        try CKANMeetingRow(publication: publication).write(meeting, change: change, to: json)
        try json.endArray()
        try json.field("method", "upsert")
        try json.field("force", true)
        try json.endObject()
        try json.finish()
        return Payload(messageId: publication.messageId(change), body: sink.take())
    }

    func request(for payload: Payload, at date: Date) -> HTTPRequest {
        HTTPRequest(method: .post, url: actionURL,
                    headers: [("Content-Type", "application/json"), ("Authorization", token)], body: payload.body)
    }
}
