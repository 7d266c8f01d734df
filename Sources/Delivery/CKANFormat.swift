import Foundation
import Publishing
import RegisterCore
import Synchronization

/// The ckan kind: keeps a CKAN DataStore table with one row per meeting (the flat form,
/// `MeetingRow`), current as of the latest change, through `datastore_upsert` with the
/// meeting id as primary key and up to `batchLimit` records per request. Every public
/// meeting change, whatever its type, upserts the row as it stands after the change; a
/// withdrawal's row is the tombstone (status `withdrawn`, content emptied), so the row
/// stays. Catalogue changes are not sent (the rows carry the catalogue's ids and names)
/// but keep the names current for the rows that follow.
final class CKANFormat: EndpointFormat {
    let actionURL: String
    let token: String
    let publication: Publication
    let batchLimit: Int
    /// The request body up to the first record, and after the last.
    private let head: [UInt8]
    private let tail = Array(#"],"method":"upsert","force":true}"#.utf8)
    private let names: Mutex<CatalogueNames>

    init(siteURL: String, token: String, resourceId: String, publication: Publication, names: CatalogueNames,
         batchLimit: Int) throws {
        actionURL = (siteURL.hasSuffix("/") ? String(siteURL.dropLast()) : siteURL) + "/api/3/action/datastore_upsert"
        self.token = token
        self.publication = publication
        self.batchLimit = max(1, batchLimit)
        self.names = Mutex(names)
        let sink = BufferSink(reservingCapacity: 128)
        let json = JSONStreamWriter(sink, bufferSize: 256)
        try json.beginObject()
        try json.field("resource_id", resourceId)
        try json.endObject()
        try json.finish()
        head = Array(sink.take().dropLast()) + Array(#","records":["#.utf8)
    }

    func payload(for change: PublicChange) throws -> Payload? {
        guard case .meeting(let meeting) = change.record else {
            names.withLock { $0.update(with: change.record) }
            return nil
        }
        let row = MeetingRow(publication: publication, names: names.withLock { $0 })
        let sink = BufferSink(reservingCapacity: 2048)
        let json = JSONStreamWriter(sink, bufferSize: 4096)
        try row.write(meeting, to: json)
        try json.finish()
        return Payload(messageId: publication.messageId(change), body: sink.take(), record: "meeting/\(meeting.id)")
    }

    /// One `datastore_upsert` of the rows, in ledger order; a meeting changed more than
    /// once in the batch is sent once, as its latest change left it.
    func request(for payloads: [Payload], at date: Date) -> HTTPRequest {
        var last: [String: Int] = [:]
        for (index, payload) in payloads.enumerated() { last[payload.record] = index }
        var body = head
        body.reserveCapacity(head.count + tail.count + payloads.reduce(0) { $0 + $1.body.count + 1 })
        var first = true
        for (index, payload) in payloads.enumerated() where last[payload.record] == index {
            if !first { body.append(UInt8(ascii: ",")) }
            body += payload.body
            first = false
        }
        body += tail
        return HTTPRequest(method: .post, url: actionURL,
                           headers: [("Content-Type", "application/json"), ("Authorization", token)], body: body)
    }

    /// CKAN's `error` object: its `__type`, its `message` and any further members (a
    /// validation error's fields), instead of the help URL that starts the body.
    func reason(in response: HTTPResponse) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
              let error = object["error"] as? [String: Any] else { return nil }
        var parts = [error["__type"], error["message"]].compactMap { $0 as? String }
        for key in error.keys.sorted() where key != "__type" && key != "message" {
            let value = error[key].flatMap { try? JSONSerialization.data(withJSONObject: $0, options: [.fragmentsAllowed, .sortedKeys]) }
            parts.append("\(key): " + (value.map { String(decoding: $0, as: UTF8.self) } ?? "?"))
        }
        return parts.isEmpty ? nil : parts.joined(separator: ": ")
    }
}
