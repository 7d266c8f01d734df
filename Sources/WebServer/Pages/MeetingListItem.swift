import Publishing
import RegisterCore

/// One meeting in a list of meetings (the start page, search results, an issue's
/// meetings): its title as a link, when and where, and a note on its latest change.
/// Templates show a list of them with the `meeting-list` partial (reading `meetings`).
public struct MeetingListItem: Sendable {
    public let href: String
    public let title: String
    public let when: String?
    public let place: String?
    public let note: String?

    public init(_ meeting: PublicMeeting, catalogue: CatalogueIndex, context: PageContext) {
        href = SiteURL.meeting(meeting.id).path
        title = MeetingDescription(meeting, catalogue: catalogue, dates: context.dates, bodyName: context.settings.bodyName).title
        when = meeting.startsAt.map(context.dates.dayAndTime)
        place = meeting.place
        let change = meeting.version > 1 ? context["homeCorrected"] : context["homePublished"]
        note = "\(change) \(context.dates.day(meeting.updatedAt))"
    }
}
