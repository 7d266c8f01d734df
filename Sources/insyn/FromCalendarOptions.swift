import ArgumentParser
import CalendarInvitation
import Foundation
import RegisterCore

/// `meeting add --from-ics FILE [--uid UID] [--official ID]`: a draft from a calendar invitation.
struct FromCalendar: ParsableArguments {
    @Option(name: .customLong("from-ics"), help: ArgumentHelp("A calendar invitation (.ics, - for standard input) to record as a draft.", valueName: "file"))
    var fromIcs: String?
    @Option(help: "The UID of the event to record, when the invitation holds several.") var uid: String?
    @Option(help: "An official of ours who took part, besides those matched by e-mail (id); repeat for several.") var official: [Int64] = []

    static let discussion = """
        From a calendar invitation: insyn meeting add --from-ics invite.ics [--uid UID]
        records a draft from its start and end (TZID with VTIMEZONE, UTC, or floating times in the register's
        time zone), LOCATION (place), SUMMARY (subject) and DESCRIPTION (summary); the organizer and attendees
        are matched to officials by the e-mail of the account acting for them and to organisations by the
        domain of their website. It prints the draft's id, then what was matched, what was not, and what was assumed.
        """

    func record(in register: Register) throws {
        guard let path = fromIcs else { return }
        let bytes = Array(try InputFile.read(path, limit: InputFile.invitationLimit))
        let recorded: (id: Int64, draft: InvitationDraft)
        do {
            recorded = try InvitationDraft.record(bytes, uid: uid, in: register, by: .shell, extraParticipants: official)
        } catch let error as CalendarError {
            let hint = error.message.hasPrefix("none of the attendees is one of our officials") ? "; name them with --official ID" : ""
            throw CLIError("\(path) \(error)\(hint)")
        }
        print(recorded.id)
        let draft = recorded.draft
        let timeZone = try register.settings().timeZone
        print("Draft \(recorded.id): \(draft.meeting.subject)")
        print("  starts \(LocalTime.text(draft.meeting.startsAt, in: timeZone)) (\(timeZone.identifier); written in \(draft.event.timeZoneName)), \(draft.meeting.durationMinutes) minutes, at \(draft.meeting.place)")
        for match in draft.matches { print("  " + match.line) }
        for note in draft.notes { print("  " + note) }
    }
}
