import Foundation
import Publishing
import RegisterCore

/// The My meetings page: the drafts grouped by how late they are, and the latest
/// published. A withheld subject is not shown in the list (the list is not a read
/// of the full record; the draft's own form is).
struct MyMeetingsView: PageView {
    static let template = "my-meetings"

    struct Item: Sendable {
        let when: String
        let datetime: String
        let subject: String
        let href: String
        let deadline: String?
        let correctHref: String?
    }

    /// A list of the page, with its heading and what it says when empty.
    struct Group: Sendable {
        let id: String
        let heading: String
        let items: [Item]
        let hasItems: Bool
        let empty: String?
    }

    let title: String
    let intro: String
    let newMeeting = SiteURL.newMeeting.path
    let fromCalendar = SiteURL.fromCalendar.path
    let groups: [Group]

    init(_ meetings: OfficialsMeetings, officialNames: [String], context: PageContext, now: Date) {
        let strings = context.strings, dates = context.dates
        title = context["deskMyMeetingsTitle"]
        intro = officialNames.isEmpty ? context["deskMyMeetingsIntroAll"]
            : strings.format("deskMyMeetingsIntro", officialNames.joined(separator: ", "))
        let deadline = PublicationDeadline(days: PublicationDeadline.defaultDays, timeZone: context.settings.timeZone)

        func subject(_ meeting: Meeting) -> String {
            if meeting.withheld[.subject] != nil { return context["deskSubjectWithheld"] }
            return meeting.subject.isEmpty ? context["deskNoSubject"] : meeting.subject
        }
        func draftItem(_ stored: StoredMeeting) -> Item {
            Item(when: dates.dayAndTime(stored.meeting.startsAt), datetime: dates.rfc3339(stored.meeting.startsAt),
                 subject: subject(stored.meeting), href: SiteURL.editDraft(stored.id).path,
                 deadline: strings.format("deskDeadline", dates.text(deadline.deadline(of: stored.meeting))), correctHref: nil)
        }
        var overdue: [Item] = [], dueSoon: [Item] = [], later: [Item] = []
        for stored in meetings.drafts {
            switch deadline.state(of: stored.meeting, now: now) {
            case .overdue: overdue.append(draftItem(stored))
            case .dueSoon: dueSoon.append(draftItem(stored))
            case .later: later.append(draftItem(stored))
            }
        }
        let published = meetings.published.map { stored in
            Item(when: dates.dayAndTime(stored.meeting.startsAt), datetime: dates.rfc3339(stored.meeting.startsAt),
                 subject: subject(stored.meeting), href: SiteURL.meeting(stored.id).path,
                 deadline: stored.publishedAt.map { strings.format("deskPublishedOn", dates.day($0)) },
                 correctHref: SiteURL.correctMeeting(stored.id).path)
        }
        func group(_ id: String, _ items: [Item], empty: String? = nil) -> Group {
            Group(id: id, heading: context["deskGroup_" + id], items: items, hasItems: !items.isEmpty, empty: empty.map { context[$0] })
        }
        groups = [
            group("overdue", overdue, empty: "deskNoneOverdue"),
            group("due", dueSoon, empty: "deskNoneDue"),
            group("drafts", later, empty: "deskNoDrafts"),
            group("published", published, empty: "deskNonePublished"),
        ]
    }
}
