import Foundation
import RegisterCore

/// The flat form of a public meeting: one list of columns of scalar cells, lists
/// joined with "; ", each catalogue reference both by name and by id, times in the
/// register's time zone with its offset, a withheld value an empty cell named in
/// `withheld` by the columns it empties. Written once here; the meetings CSV and the
/// CKAN DataStore rows are both this form.
public struct MeetingRow {
    /// One column: its name and the DataStore type a portal gives it in `datastore_create`.
    public struct Column: Sendable, Equatable {
        public let name: String
        public let dataStoreType: String
    }

    /// A cell's value; how a number is written depends on the format (text in CSV, a
    /// number in JSON).
    public enum Cell: Sendable, Equatable {
        case text(String)
        case number(Int64)

        /// The value as text, as CSV writes it.
        public var written: String {
            switch self {
            case .text(let text): text
            case .number(let number): String(number)
            }
        }
    }

    public static let columns: [Column] = [
        ("id", "int"), ("uri", "text"), ("url", "text"), ("status", "text"), ("version", "int"),
        ("starts_at", "timestamptz"), ("duration_minutes", "int"), ("place", "text"), ("format", "text"),
        ("direction", "text"), ("initiator", "text"), ("participants", "text"), ("participant_ids", "text"),
        ("organisations", "text"), ("organisation_ids", "text"), ("on_behalf_of", "text"), ("on_behalf_of_ids", "text"),
        ("people", "text"), ("issues", "text"), ("issue_ids", "text"), ("subject", "text"), ("summary", "text"),
        ("documents", "text"), ("withheld", "text"), ("recorded_at", "timestamptz"), ("published_at", "timestamptz"),
        ("updated_at", "timestamptz"), ("correction_reason", "text"), ("withdrawn_at", "timestamptz"),
        ("withdrawal_reason", "text"),
    ].map { Column(name: $0.0, dataStoreType: $0.1) }

    public static var header: [String] { columns.map(\.name) }

    /// The columns that stay empty when a field of the meeting is withheld.
    public static func columns(of field: MeetingField) -> [String] {
        switch field {
        case .startsAt: ["starts_at"]
        case .durationMinutes: ["duration_minutes"]
        case .participants: ["participants", "participant_ids"]
        case .counterparts: ["organisations", "organisation_ids", "on_behalf_of", "on_behalf_of_ids", "people"]
        case .issues: ["issues", "issue_ids"]
        default: [field.rawValue]
        }
    }

    public let publication: Publication
    public var names: CatalogueNames

    public init(publication: Publication, names: CatalogueNames) {
        self.publication = publication
        self.names = names
    }

    /// The meeting's cells in column order; nil is an empty cell.
    public func cells(_ meeting: PublicMeeting) -> [Cell?] {
        let counterparts = meeting.counterparts
        let organisations = counterparts.map { $0.compactMap(\.organisation) }
        let clients = counterparts.map { $0.compactMap(\.onBehalfOf) }
        return [
            .number(meeting.id), .text(publication.tag("meeting", meeting.id)), .text(publication.meetingPage(meeting.id)),
            .text(meeting.status.rawValue), .number(Int64(meeting.version)), time(meeting.startsAt),
            meeting.durationMinutes.map { .number(Int64($0)) }, text(meeting.place), text(meeting.format?.rawValue),
            text(meeting.direction?.rawValue), text(meeting.initiator?.rawValue),
            list(meeting.participants) { names.official($0) }, list(meeting.participants, String.init),
            list(organisations) { names.organisation($0) }, list(organisations, String.init),
            list(clients) { names.organisation($0) }, list(clients, String.init),
            list(counterparts.map { $0.flatMap(\.people) }, Self.person),
            list(meeting.issues) { names.issue($0) }, list(meeting.issues, String.init),
            text(meeting.subject), text(meeting.summary), list(meeting.documents, Self.document),
            list(meeting.withheld.sorted { $0.key < $1.key }, Self.withheld),
            time(meeting.recordedAt), time(meeting.publishedAt), time(meeting.updatedAt), text(meeting.correctionReason),
            time(meeting.withdrawnAt), text(meeting.withdrawalReason),
        ]
    }

    /// The meeting as CSV fields, in column order.
    public func fields(_ meeting: PublicMeeting) -> [String?] {
        cells(meeting).map { $0?.written }
    }

    /// The meeting as one JSON object, column names as keys, `int` columns as numbers
    /// and empty cells as null (a CKAN DataStore record).
    public func write(_ meeting: PublicMeeting, to json: JSONStreamWriter) throws {
        try json.beginObject()
        for (column, cell) in zip(Self.columns, cells(meeting)) {
            try json.key(column.name)
            switch cell {
            case .text(let text): try json.string(text)
            case .number(let number): try json.int(number)
            case nil: try json.null()
            }
        }
        try json.endObject()
    }

    private func time(_ date: Date?) -> Cell? {
        date.map { .text(Timestamp.format($0, offsetIn: publication.timeZone)) }
    }

    private func text(_ text: String?) -> Cell? {
        text.map(Cell.text)
    }

    private func list<T>(_ items: [T]?, _ write: (T) -> String) -> Cell? {
        items.map { .text($0.map(write).joined(separator: "; ")) }
    }

    private static func person(_ person: PublicPerson) -> String {
        let name = person.name ?? "privatperson"
        return person.role.map { "\(name) (\($0))" } ?? name
    }

    private static func document(_ document: MeetingDocument) -> String {
        "\(document.title) (\(document.direction.rawValue)\(document.url.map { ", \($0)" } ?? ""))"
    }

    private static func withheld(_ entry: (key: MeetingField, value: Withholding)) -> String {
        "\(columns(of: entry.key).joined(separator: ", ")): \(entry.value.ground)" + (entry.value.until.map { " until \($0)" } ?? "")
    }
}
