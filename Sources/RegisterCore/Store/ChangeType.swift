/// The kinds of change the ledger records. A redaction (`*.redacted`) takes a value
/// published by mistake out of every public output, earlier versions included. Drafts and their review (sent for
/// review, returned with a comment) are the only changes that are not public: their whole content stands as one
/// commitment and they are never pushed. An approval is the `meeting.published` change, made by the registrar.
public enum ChangeType: String, Sendable, CaseIterable, Codable {
    case unitAdded = "unit.added", unitUpdated = "unit.updated"
    case officialAdded = "official.added", officialUpdated = "official.updated"
    case organisationAdded = "organisation.added", organisationUpdated = "organisation.updated"
    case issueAdded = "issue.added", issueUpdated = "issue.updated"
    case meetingDrafted = "meeting.drafted", meetingDraftUpdated = "meeting.draft-updated"
    case meetingPublished = "meeting.published", meetingCorrected = "meeting.corrected"
    case meetingWithdrawn = "meeting.withdrawn", meetingReleased = "meeting.released"
    case meetingRedacted = "meeting.redacted"
    case meetingSubmitted = "meeting.submitted", meetingReturned = "meeting.returned"
    case unitRedacted = "unit.redacted", officialRedacted = "official.redacted"
    case organisationRedacted = "organisation.redacted", issueRedacted = "issue.redacted"

    public var entity: String { String(rawValue.prefix(while: { $0 != "." })) }

    public var isPublic: Bool { ![.meetingDrafted, .meetingDraftUpdated, .meetingSubmitted, .meetingReturned].contains(self) }
}
