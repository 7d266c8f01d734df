import Foundation
import Publishing
import RegisterCore
import Testing

/// A meeting's title is the same read whole or as a list shows it.
@Suite("Meeting titles")
struct MeetingTitleTests {
    @Test func aListedMeetingHasTheTitleOfTheWholeMeetingInBothLanguages() throws {
        let register = try DemoFixture.register()
        let catalogue = try CatalogueIndex(register)
        var meetings = try register.publicMeetings()
        #expect(meetings.count > 5)
        // Withheld counterparts and issues, an unnamed counterpart, no subject: each branch of the title.
        if var first = meetings.first {
            for counterparts in [nil, [], first.counterparts] as [[PublicCounterpart]?] {
                for issues in [nil, [], first.issues] as [[Int64]?] {
                    for subject in [nil, "Ämnet"] as [String?] {
                        first.counterparts = counterparts
                        first.issues = issues
                        first.subject = subject
                        meetings.append(first)
                    }
                }
            }
        }
        for language in ["sv", "en"] {
            let dates = LocalDates(timeZone: RegisterSettings.defaultTimeZone, language: language)
            for meeting in meetings {
                #expect(MeetingDescription.title(ListedMeeting(meeting), catalogue: catalogue, dates: dates)
                    == MeetingDescription.title(meeting, catalogue: catalogue, dates: dates))
            }
        }
    }
}
