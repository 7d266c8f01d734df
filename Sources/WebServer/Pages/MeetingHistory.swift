import Publishing
import RegisterCore

/// The versions of a meeting as the public saw them: each public change with its
/// time (ISO 8601), its kind, its reason and the fields it changed, found by
/// comparing consecutive public versions.
struct MeetingHistory: Sendable {
    struct Version: Sendable {
        let version: String
        let time: String
        let change: String
        let reason: String?
        let changed: String
    }

    let versions: [Version]

    init(_ changes: [PublicChange], context: PageContext) {
        var previous: PublicMeeting?
        var versions: [Version] = []
        for change in changes {
            guard case .meeting(let meeting) = change.record else { continue }
            let changed: String
            if let previous {
                let fields = Self.differences(previous, meeting).map(context.strings.field)
                changed = fields.isEmpty ? context["meetingNothingChanged"] : fields.joined(separator: ", ")
            } else {
                changed = context["meetingFirstVersion"]
            }
            versions.append(Version(version: String(meeting.version), time: context.dates.rfc3339(change.occurredAt),
                                    change: Self.kind(change.type, context), reason: change.reason, changed: changed))
            previous = meeting
        }
        self.versions = versions.reversed()
    }

    static func kind(_ type: ChangeType, _ context: PageContext) -> String {
        switch type {
        case .meetingCorrected: context["changeCorrected"]
        case .meetingReleased: context["changeReleased"]
        case .meetingRedacted: context["changeRedacted"]
        case .meetingWithdrawn: context["changeWithdrawn"]
        default: context["changePublished"]
        }
    }

    /// The fields whose public value or withholding differs between two versions.
    static func differences(_ old: PublicMeeting, _ new: PublicMeeting) -> [MeetingField] {
        MeetingField.allCases.filter { field in
            old.withheld[field] != new.withheld[field] || !sameValue(field, old, new)
        }
    }

    /// Text compared by Unicode scalars: "é" and "e\u{301}" are a change.
    private static func same(_ a: String?, _ b: String?) -> Bool {
        switch (a, b) {
        case (let a?, let b?): a.unicodeScalars.elementsEqual(b.unicodeScalars)
        default: a == nil && b == nil
        }
    }

    private static func sameValue(_ field: MeetingField, _ a: PublicMeeting, _ b: PublicMeeting) -> Bool {
        switch field {
        case .startsAt: a.startsAt == b.startsAt
        case .durationMinutes: a.durationMinutes == b.durationMinutes
        case .place: same(a.place, b.place)
        case .format: a.format == b.format
        case .direction: a.direction == b.direction
        case .initiator: a.initiator == b.initiator
        case .participants: a.participants == b.participants
        case .counterparts: a.counterparts == b.counterparts
        case .issues: a.issues == b.issues
        case .subject: same(a.subject, b.subject)
        case .summary: same(a.summary, b.summary)
        case .documents: a.documents == b.documents
        }
    }
}
