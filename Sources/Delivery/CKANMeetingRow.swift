import Foundation
import Publishing
import RegisterCore

/// A public meeting as one flat row of a CKAN DataStore table: scalar columns only,
/// lists joined into text, `id` the primary key. Built from `PublicMeeting`, so a
/// withheld value or a private person's name cannot reach it.
public struct CKANMeetingRow {
    /// The table's columns and DataStore types, in row order: what a portal passes to
    /// `datastore_create` (with `primary_key: "id"`) before the first push.
    public static let fields: [(id: String, type: String)] = [
        ("id", "int"), ("uri", "text"), ("url", "text"), ("status", "text"), ("version", "int"),
        ("starts_at", "timestamp"), ("duration_minutes", "int"), ("place", "text"), ("format", "text"),
        ("direction", "text"), ("initiator", "text"), ("participants", "text"), ("organisations", "text"),
        ("on_behalf_of", "text"), ("people", "text"), ("issues", "text"), ("subject", "text"), ("summary", "text"),
        ("documents", "text"), ("withheld", "text"), ("recorded_at", "timestamp"), ("published_at", "timestamp"),
        ("updated_at", "timestamp"), ("correction_reason", "text"), ("withdrawn_at", "timestamp"),
        ("withdrawal_reason", "text"), ("ledger_sequence", "int"), ("ledger_hash", "text"),
    ]

    public let publication: Publication

    public init(publication: Publication) {
        self.publication = publication
    }

    public func write(_ meeting: PublicMeeting, change: PublicChange, to json: JSONStreamWriter) throws {
        let counterparts = meeting.counterparts
        try json.beginObject()
        try json.field("id", meeting.id)
        try json.field("uri", publication.tag("meeting", meeting.id))
        try json.field("url", publication.meetingPage(meeting.id))
        try json.field("status", meeting.status.rawValue)
        try json.field("version", meeting.version)
        try json.field("starts_at", meeting.startsAt.map(Timestamp.format))
        try json.field("duration_minutes", meeting.durationMinutes)
        try json.field("place", meeting.place)
        try json.field("format", meeting.format?.rawValue)
        try json.field("direction", meeting.direction?.rawValue)
        try json.field("initiator", meeting.initiator?.rawValue)
        try json.field("participants", Self.ids(meeting.participants))
        try json.field("organisations", Self.ids(counterparts.map { $0.compactMap(\.organisation) }))
        try json.field("on_behalf_of", Self.ids(counterparts.map { $0.compactMap(\.onBehalfOf) }))
        try json.field("people", counterparts.map { $0.flatMap(\.people).map(person).joined(separator: "; ") })
        try json.field("issues", Self.ids(meeting.issues))
        try json.field("subject", meeting.subject)
        try json.field("summary", meeting.summary)
        try json.field("documents", meeting.documents.map { $0.map(\.title).joined(separator: "; ") })
        try json.field("withheld", meeting.withheld.sorted { $0.key < $1.key }.map { field, withholding in
            "\(field.rawValue): \(withholding.ground)" + (withholding.until.map { ", until \($0)" } ?? "")
        }.joined(separator: "; "))
        try json.field("recorded_at", Timestamp.format(meeting.recordedAt))
        try json.field("published_at", Timestamp.format(meeting.publishedAt))
        try json.field("updated_at", Timestamp.format(meeting.updatedAt))
        try json.field("correction_reason", meeting.correctionReason)
        try json.field("withdrawn_at", meeting.withdrawnAt.map(Timestamp.format))
        try json.field("withdrawal_reason", meeting.withdrawalReason)
        try json.field("ledger_sequence", change.sequence)
        try json.field("ledger_hash", change.hash)
        try json.endObject()
    }

    private func person(_ person: PublicPerson) -> String {
        let name = person.name ?? (publication.language == "sv" ? "privatperson" : "private person")
        return person.role.map { "\(name) (\($0))" } ?? name
    }

    private static func ids(_ ids: [Int64]?) -> String? {
        ids.map { $0.map(String.init).joined(separator: ",") }
    }
}
