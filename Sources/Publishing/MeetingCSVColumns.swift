import Foundation
import RegisterCore

/// One row of the meetings CSV: a public meeting with the names of its officials,
/// organisations and issues in place of their ids, lists joined with "; ".
struct MeetingCSVColumns {
    static let header = [
        "id", "uri", "url", "status", "version", "starts_at", "duration_minutes", "place", "format", "direction", "initiator",
        "participants", "organisations", "on_behalf_of", "people", "issues", "subject", "summary", "documents", "withheld",
        "published_at", "updated_at", "correction_reason", "withdrawn_at", "withdrawal_reason",
    ]

    /// The columns that stay empty when a field of the meeting is withheld.
    static func columns(of field: MeetingField) -> String {
        switch field {
        case .startsAt: "starts_at"
        case .durationMinutes: "duration_minutes"
        case .counterparts: "organisations, on_behalf_of, people"
        default: field.rawValue
        }
    }

    let publication: Publication
    let timeZone: TimeZone
    let officials: [Int64: String]
    let organisations: [Int64: String]
    let issues: [Int64: String]

    init(_ snapshot: RegisterSnapshot, publication: Publication) throws {
        self.publication = publication
        timeZone = publication.timeZone
        officials = Dictionary(uniqueKeysWithValues: try snapshot.officials().map { ($0.id, $0.name) })
        organisations = Dictionary(uniqueKeysWithValues: try snapshot.organisations().map { ($0.id, $0.name) })
        issues = Dictionary(uniqueKeysWithValues: try snapshot.issues().map { ($0.id, $0.title) })
    }

    func fields(_ meeting: PublicMeeting) -> [String?] {
        let counterparts = meeting.counterparts
        return [
            String(meeting.id), publication.tag("meeting", meeting.id), publication.meetingPage(meeting.id),
            meeting.status.rawValue, String(meeting.version), time(meeting.startsAt), meeting.durationMinutes.map(String.init),
            meeting.place, meeting.format?.rawValue, meeting.direction?.rawValue, meeting.initiator?.rawValue,
            meeting.participants.map { names($0, officials) },
            counterparts.map { joined($0.compactMap { $0.organisation.map { organisations[$0] ?? "#\($0)" } }) },
            counterparts.map { joined($0.compactMap { $0.onBehalfOf.map { organisations[$0] ?? "#\($0)" } }) },
            counterparts.map { joined($0.flatMap(\.people).map(person)) },
            meeting.issues.map { names($0, issues) },
            meeting.subject, meeting.summary,
            meeting.documents.map { joined($0.map(document)) },
            joined(meeting.withheld.sorted { $0.key < $1.key }.map { field, withholding in
                "\(Self.columns(of: field)): \(withholding.ground)" + (withholding.until.map { " until \($0)" } ?? "")
            }),
            time(meeting.publishedAt), time(meeting.updatedAt), meeting.correctionReason, time(meeting.withdrawnAt),
            meeting.withdrawalReason,
        ]
    }

    private func time(_ date: Date?) -> String? {
        date.map { Timestamp.format($0, offsetIn: timeZone) }
    }

    private func names(_ ids: [Int64], _ catalogue: [Int64: String]) -> String {
        joined(ids.map { catalogue[$0] ?? "#\($0)" })
    }

    private func person(_ person: PublicPerson) -> String {
        let name = person.name ?? "privatperson"
        return person.role.map { "\(name) (\($0))" } ?? name
    }

    private func document(_ document: MeetingDocument) -> String {
        "\(document.title) (\(document.direction.rawValue)\(document.url.map { ", \($0)" } ?? ""))"
    }

    private func joined(_ items: [String]) -> String {
        items.joined(separator: "; ")
    }
}
