import Foundation
import RegisterCore

/// A draft meeting made from an invitation, with what was matched, what was not, and
/// what had to be assumed, so the person recording it knows what to check.
public struct InvitationDraft: Sendable {
    public var meeting: Meeting
    public var event: CalendarEvent
    public var matches: [AttendeeMatch]
    /// What the draft holds that the invitation did not say outright ("format: in-person, assumed").
    public var notes: [String]

    /// The draft for `event`. `actingFor` are the officials of a recorder uploading
    /// it: when none of them is among the attendees and the recorder acts for one
    /// official only, that official is added (said in the notes).
    public init(event: CalendarEvent, catalogue: InvitationCatalogue, actingFor: Set<Int64> = [],
                extraParticipants: [Int64] = [], language: String = "sv") throws(CalendarError) {
        self.event = event
        var notes: [String] = []
        var seen = Set<String>()
        var matches: [AttendeeMatch] = []
        let everyone = (event.organizer.map { [($0, true)] } ?? []) + event.attendees.map { ($0, false) }
        for (address, isOrganizer) in everyone {
            let key = address.email ?? address.uri
            if !seen.insert(key).inserted {
                if isOrganizer == false, let index = matches.firstIndex(where: { ($0.address.email ?? $0.address.uri) == key }) {
                    matches[index].address.participation = address.participation ?? matches[index].address.participation
                    if address.participation == "DECLINED" { matches[index].outcome = .skipped("declined the invitation") }
                }
                continue
            }
            matches.append(AttendeeMatch(address: address, isOrganizer: isOrganizer, outcome: catalogue.match(address)))
        }
        self.matches = matches

        var participants: [Int64] = []
        for match in matches {
            if case .official(let id, _) = match.outcome, !participants.contains(id) { participants.append(id) }
        }
        for id in extraParticipants where !participants.contains(id) { participants.append(id) }
        if !actingFor.isEmpty, participants.allSatisfy({ !actingFor.contains($0) }), actingFor.count == 1, let only = actingFor.first {
            participants.append(only)
            notes.append("participants: official \(only) added, as you act for them and they are not among the attendees")
        }
        let unmatched = matches.filter { if case .unmatched = $0.outcome { true } else { false } }.map(\.line)
        guard !participants.isEmpty else {
            throw CalendarError(line: event.line, "none of the attendees is one of our officials (matched by the e-mail of the account acting for them)"
                                + (unmatched.isEmpty ? "" : "; not matched: " + unmatched.joined(separator: "; ")))
        }

        var counterparts: [Counterpart] = []
        for match in matches {
            guard case .organisation(let id, _) = match.outcome else { continue }
            if let index = counterparts.firstIndex(where: { $0.organisation == id }) {
                if let name = match.address.name { counterparts[index].people.append(CounterpartPerson(name: name)) }
            } else {
                counterparts.append(Counterpart(organisation: id, people: match.address.name.map { [CounterpartPerson(name: $0)] } ?? []))
            }
        }
        guard !counterparts.isEmpty else {
            throw CalendarError(line: event.line, "none of the attendees could be matched to an organisation by the domain of its website"
                                + (unmatched.isEmpty ? "" : "; not matched: " + unmatched.joined(separator: "; ")))
        }

        guard let subject = event.summary else {
            throw CalendarError(line: event.line, "the event has no SUMMARY; a meeting needs a subject")
        }
        let seconds = Int64(event.endsAt.timeIntervalSince(event.startsAt))
        guard seconds % 60 == 0 else {
            throw CalendarError(line: event.line, "the event lasts \(seconds) seconds, not a whole number of minutes")
        }

        let locationIsLink = event.location.map { $0.lowercased().hasPrefix("http://") || $0.lowercased().hasPrefix("https://") } ?? false
        let isVideo = event.conferenceURL != nil || locationIsLink
        let place: String
        if let location = event.location, !locationIsLink {
            place = location
        } else if isVideo {
            place = language == "en" ? "Video meeting" : "Videomöte"
            notes.append("place: '\(place)'; the invitation's meeting link is not recorded, as the place is published")
        } else {
            throw CalendarError(line: event.line, "the event has no LOCATION; a meeting needs a place")
        }
        let format: MeetingFormat = isVideo ? .video : .inPerson
        notes.append(isVideo ? "format: video (the invitation has a meeting link)" : "format: in-person (assumed; change it for video or phone)")

        let summary: String
        if let description = event.description.map(Self.withoutConferenceText), !description.isEmpty {
            summary = description
            if description != event.description { notes.append("summary: the invitation's text on joining the video call is left out") }
        } else {
            summary = subject
            notes.append("summary: the invitation has no description; the subject stands in until you write what was said")
        }

        let organizer = matches.first(where: \.isOrganizer)?.outcome
        let initiator: MeetingInitiator
        switch organizer {
        case .official?: initiator = .us
        case .organisation?: initiator = .counterpart
        default:
            initiator = .counterpart
            notes.append("initiator: counterpart (assumed; the organizer is not matched)")
        }
        let direction: MeetingDirection = initiator == .us ? .outbound : .inbound
        notes.append("direction: \(direction.rawValue) (assumed from who organised it; check it)")

        meeting = Meeting(startsAt: event.startsAt, durationMinutes: Int(seconds / 60), place: place, format: format,
                          direction: direction, initiator: initiator, participants: participants, counterparts: counterparts,
                          issues: [], subject: subject, summary: summary)
        self.notes = notes
    }

    /// The description without the text calendars add on how to join the call: Google
    /// Calendar's block after its "-::~:~::~" line, Outlook's after a line of underscores.
    static func withoutConferenceText(_ description: String) -> String {
        var kept: [Substring] = []
        for line in description.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("-::~:~::~") || trimmed.count >= 20 && trimmed.allSatisfy({ $0 == "_" }) { break }
            kept.append(line)
        }
        return kept.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Records the draft made from `bytes` through the register's write path and returns its id with the draft.
    public static func record(_ bytes: [UInt8], uid: String?, in register: Register, by actor: Principal,
                              extraParticipants: [Int64] = []) throws -> (id: Int64, draft: InvitationDraft) {
        let settings = try register.settings()
        let event = try CalendarFile.event(in: bytes, uid: uid, floatingTimeZone: settings.timeZone)
        let draft = try InvitationDraft(event: event, catalogue: try .load(from: register),
                                        actingFor: actor.role == .recorder ? actor.officials : [],
                                        extraParticipants: extraParticipants, language: settings.language)
        return (try register.recordMeeting(draft.meeting, by: actor), draft)
    }
}
