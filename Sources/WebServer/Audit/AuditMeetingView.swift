import Foundation
import Publishing
import RegisterCore

/// A meeting in full for the auditor: every field of its current record, confidential
/// values included, each withheld one with its ground; then every change of it in the
/// ledger, with who made it, the reason, and the members of the record that differ
/// from the version before (values as compact JSON).
struct AuditMeetingView: PageView {
    static let template = "audit-meeting"
    let title: String
    let logged: String
    let facts: [Fact]
    let publicHref: String?
    let history: [Change]

    struct Fact: Sendable {
        let label: String
        let value: String
        let note: String?
    }

    struct Change: Sendable {
        let sequence: String
        let time: String
        let kind: String
        let actor: String
        let reason: String?
        let differences: [String]
        let hasDifferences: Bool
    }

    /// The catalogue's names, for the record's ids.
    struct Catalogue {
        let officials: [Int64: String]
        let organisations: [Int64: String]
        let issues: [Int64: String]

        init(_ snapshot: RegisterSnapshot) throws {
            officials = Dictionary(uniqueKeysWithValues: try snapshot.officials().map { ($0.id, $0.name) })
            organisations = Dictionary(uniqueKeysWithValues: try snapshot.organisations().map { ($0.id, $0.name) })
            issues = Dictionary(uniqueKeysWithValues: try snapshot.issues().map { ($0.id, $0.title) })
        }
    }

    init(stored: StoredMeeting, changes: [AuditedChange], catalogue: Catalogue, context: PageContext) {
        let meeting = stored.meeting
        title = context.strings.format("auditMeetingTitle", String(stored.id))
        logged = context["auditLogged"]
        func name(_ names: [Int64: String], _ id: Int64) -> String { names[id].map { "\($0) (\(id))" } ?? String(id) }
        let counterparts = meeting.counterparts.map { counterpart in
            var parts: [String] = []
            if let organisation = counterpart.organisation { parts.append(name(catalogue.organisations, organisation)) }
            if let client = counterpart.onBehalfOf { parts.append("→ " + name(catalogue.organisations, client)) }
            parts += counterpart.people.map { person in
                person.name + (person.role.map { ", \($0)" } ?? "") + (person.isPrivate ? " [privat]" : "")
            }
            return parts.joined(separator: " ")
        }
        let values: [(MeetingField, String)] = [
            (.startsAt, context.dates.dayAndTime(meeting.startsAt)), (.durationMinutes, "\(meeting.durationMinutes) min"),
            (.place, meeting.place), (.format, meeting.format.rawValue), (.direction, meeting.direction.rawValue),
            (.initiator, meeting.initiator.rawValue),
            (.participants, meeting.participants.map { name(catalogue.officials, $0) }.joined(separator: "; ")),
            (.counterparts, counterparts.joined(separator: "; ")),
            (.issues, meeting.issues.map { name(catalogue.issues, $0) }.joined(separator: "; ")),
            (.subject, meeting.subject), (.summary, meeting.summary),
            (.documents, meeting.documents.map { $0.title + " (\($0.direction.rawValue))" + ($0.url.map { " \($0)" } ?? "") }.joined(separator: "; ")),
        ]
        facts = [
            Fact(label: context["auditStatus"], value: context["auditStatus_" + stored.status.rawValue], note: nil),
            Fact(label: context["auditVersion"], value: String(stored.version), note: nil),
            Fact(label: context["auditRecorded"], value: context.dates.rfc3339(stored.recordedAt), note: nil),
            Fact(label: context["auditPublished"], value: stored.publishedAt.map(context.dates.rfc3339) ?? "–", note: nil),
        ] + values.map { field, value in
            let note = meeting.withheld[field].map { withholding in
                withholding.redacted ? context.strings.format("auditRedacted", withholding.ground)
                    : withholding.until.map { context.strings.format("auditWithheldUntil", withholding.ground, $0.description) }
                    ?? context.strings.format("auditWithheld", withholding.ground)
            }
            return Fact(label: context.strings.field(field), value: value, note: note)
        }
        publicHref = stored.status == .draft ? nil : SiteURL.meeting(stored.id).path
        history = changes.reversed().map { change in
            let actor = change.actor.map { actor in
                (actor.name ?? actor.kind) + (actor.id.map { ", \(actor.kind) \($0)" } ?? "") + " (\(context["role_" + actor.role]))"
            } ?? "–"
            let differences = change.differences.map { difference in
                let old = difference.old.map(CanonicalJSON.string) ?? context["auditAbsent"]
                let new = difference.new.map(CanonicalJSON.string) ?? context["auditAbsent"]
                return "\(difference.member): \(Self.clipped(old)) → \(Self.clipped(new))"
            }
            return Change(sequence: String(change.sequence), time: change.at.map(context.dates.rfc3339) ?? "",
                          kind: change.type, actor: actor, reason: change.reason, differences: differences,
                          hasDifferences: !differences.isEmpty)
        }
    }

    /// A long value shortened for the table (the full value is in the ledger download).
    private static func clipped(_ text: String) -> String {
        text.unicodeScalars.count <= 300 ? text : String(String.UnicodeScalarView(text.unicodeScalars.prefix(300))) + "…"
    }
}
