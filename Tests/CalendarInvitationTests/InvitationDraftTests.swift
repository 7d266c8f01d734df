import Foundation
import Testing
@testable import CalendarInvitation
import RegisterCore

/// From an invitation to a recorded draft: who is matched to what, what is reported
/// unmatched, and that a refused invitation records nothing.
@Suite("Drafts from invitations")
struct InvitationDraftTests {
    @Test func outlooksInvitationMatchesTheOfficialByAccountAndTheOrganisationByWebsite() throws {
        let catalogue = try TestCatalogue()
        let (id, draft) = try InvitationDraft.record(TestCatalogue.fixture("outlook-windows-zone.ics"), uid: nil,
                                                     in: catalogue.register, by: .shell)
        let stored = try catalogue.register.storedMeeting(id)
        #expect(stored.status == .draft)
        #expect(stored.meeting == draft.meeting)
        #expect(stored.meeting.startsAt == utc("2026-06-15T08:00:00Z"))
        #expect(stored.meeting.durationMinutes == 60)
        #expect(stored.meeting.subject == "Elförsörjning längs Värmlandsbanan")
        #expect(stored.meeting.place == "Regionens hus, sal 3")
        #expect(stored.meeting.summary == "Hej!\n\nVi vill berätta om Klarälvens Energis syn på elförsörjningen längs Värmlandsbanan.")
        #expect(stored.meeting.participants == [catalogue.anna])
        #expect(stored.meeting.counterparts == [Counterpart(organisation: catalogue.nordvind, people: [CounterpartPerson(name: "Fors, Ulrika")])])
        #expect(stored.meeting.format == .video)
        #expect(stored.meeting.initiator == .counterpart)
        #expect(stored.meeting.direction == .inbound)
        #expect(draft.matches.map(\.line) == [
            "Fors, Ulrika <ulrika.fors@nordvind.example> (organizer): organisation \(catalogue.nordvind) Nordvind Kommunikation AB",
            "Lindqvist, Anna <anna.lindqvist@region.example.se>: official \(catalogue.anna) Anna Lindqvist",
            "Ove Holm <ove.holm@region.example.se>: not matched, no account has this address and no organisation's website is at region.example.se",
            "Sal 3 Regionens hus <sal3@region.example.se>: left out, a room or resource, not a person",
        ])
        #expect(draft.notes.contains("summary: the invitation's text on joining the video call is left out"))
    }

    @Test func googlesInvitationMatchesASubdomainLeavesOutTheDeclinedAndReportsAPrivateAddress() throws {
        let catalogue = try TestCatalogue()
        let (id, draft) = try InvitationDraft.record(TestCatalogue.fixture("google-utc.ics"), uid: nil, in: catalogue.register, by: .shell)
        let meeting = try catalogue.register.storedMeeting(id).meeting
        #expect(meeting.startsAt == utc("2026-11-23T13:30:00Z"))
        #expect(meeting.participants == [catalogue.anna])
        #expect(meeting.counterparts == [Counterpart(organisation: catalogue.klaralven, people: [CounterpartPerson(name: "per@mail.klaralven.example")])])
        #expect(meeting.place == "Videomöte")
        #expect(meeting.format == .video)
        #expect(meeting.summary == "Genomgång av elnätets kapacitet i Kil.")
        #expect(!meeting.place.contains("meet.google.com") && !meeting.summary.contains("meet.google.com"))
        #expect(draft.matches.map(\.line) == [
            "per@mail.klaralven.example <per@mail.klaralven.example> (organizer): organisation \(catalogue.klaralven) Klarälvens Energi AB",
            "Anna Lindqvist <anna.lindqvist@region.example.se>: official \(catalogue.anna) Anna Lindqvist",
            "Ulrika Fors <ulrika.fors@nordvind.example>: left out, declined the invitation",
            "Lisa Ek <lisa.ek@gmail.com>: not matched, no account has this address and no organisation's website is at gmail.com",
        ])
    }

    @Test func icalendarsInvitationBecomesADraftWithItsOrganizerAsOurInitiative() throws {
        let catalogue = try TestCatalogue()
        let (id, draft) = try InvitationDraft.record(TestCatalogue.fixture("icalendar-dst-week.ics"), uid: "dst-sunday@insyn.test",
                                                     in: catalogue.register, by: .shell)
        let meeting = try catalogue.register.storedMeeting(id).meeting
        #expect(meeting.startsAt == utc("2026-03-29T12:00:00Z"))
        #expect(meeting.durationMinutes == 90)
        #expect(meeting.initiator == .us)
        #expect(meeting.direction == .outbound)
        #expect(meeting.format == .inPerson)
        #expect(meeting.summary == meeting.subject)
        #expect(meeting.counterparts.map(\.organisation) == [catalogue.nordvind, catalogue.klaralven])
        #expect(draft.notes.contains("summary: the invitation has no description; the subject stands in until you write what was said"))
    }

    @Test func anAccountActingForSeveralOfficialsOrNoneIsReportedNotGuessed() throws {
        let catalogue = try TestCatalogue()
        try catalogue.register.addAccount(NewAccount(name: "Assistent Bo", email: "bo@region.example.se", role: .recorder,
                                                     officials: [catalogue.anna, catalogue.ove]))
        let entries = try InvitationCatalogue.load(from: catalogue.register)
        func outcome(_ email: String) -> AttendeeMatch.Outcome {
            let line = try! ContentLineReader.parse("ATTENDEE:mailto:\(email)", line: 1)
            return entries.match(CalendarAddress(line))
        }
        #expect(outcome("bo@region.example.se") == .unmatched("is the account of Assistent Bo, who acts for several officials (\(catalogue.anna), \(catalogue.ove)): name them in the draft"))
        #expect(outcome("rut@region.example.se") == .unmatched("is the account of Registrator Rut (registrar), who is not an official"))
        #expect(outcome("ANNA.lindqvist@region.example.se") == .official(catalogue.anna, name: "Anna Lindqvist"))
        #expect(outcome("x@nordvind.example") == .organisation(catalogue.nordvind, name: "Nordvind Kommunikation AB"))
        #expect(outcome("x@notnordvind.example") == .unmatched("no account has this address and no organisation's website is at notnordvind.example"))
    }

    @Test func twoOrganisationsAtOneDomainAreReportedNotGuessed() throws {
        let catalogue = try TestCatalogue()
        let twin = try catalogue.register.add(Organisation(name: "Nordvind Holding AB", kind: .company, website: "https://nordvind.example/holding"), by: .shell)
        let entries = try InvitationCatalogue.load(from: catalogue.register)
        let line = try ContentLineReader.parse("ATTENDEE:mailto:x@nordvind.example", line: 1)
        #expect(entries.match(CalendarAddress(line)) == .unmatched("the websites of several organisations are at nordvind.example: Nordvind Kommunikation AB (\(catalogue.nordvind)), Nordvind Holding AB (\(twin))"))
    }

    @Test func aRecorderWhoseOfficialIsNotAmongTheAttendeesHasThemAdded() throws {
        let catalogue = try TestCatalogue()
        let ove = Principal(kind: .account, id: 9, name: "Ove Holm", role: .recorder, officials: [catalogue.ove])
        let (id, draft) = try InvitationDraft.record(TestCatalogue.fixture("outlook-windows-zone.ics"), uid: nil, in: catalogue.register, by: ove)
        #expect(try catalogue.register.storedMeeting(id).meeting.participants == [catalogue.anna, catalogue.ove])
        #expect(draft.notes.first == "participants: official \(catalogue.ove) added, as you act for them and they are not among the attendees")
    }

    @Test(arguments: [
        ("icalendar-recurring.ics", "line 59: the event recurs"),
        ("icalendar-all-day.ics", "line 7: DTSTART: is a date without a time"),
        ("icalendar-dst-week.ics", "the file holds 3 events; choose one by its UID"),
    ])
    func aRefusedInvitationRecordsNothing(fixture: String, message: String) throws {
        let catalogue = try TestCatalogue()
        let error = #expect(throws: CalendarError.self) {
            try InvitationDraft.record(TestCatalogue.fixture(fixture), uid: nil, in: catalogue.register, by: .shell)
        }
        #expect(error?.description.hasPrefix(message) == true, "\(String(describing: error))")
        #expect(try catalogue.meetingCount() == 0)
    }

    @Test func noOfficialOrNoOrganisationAmongTheAttendeesIsAnErrorListingWhoWasNotMatched() throws {
        let catalogue = try TestCatalogue()
        let noOfficial = """
            BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:x\nSUMMARY:Möte\nLOCATION:Kil\nDTSTART:20261123T133000Z\nDURATION:PT1H
            ORGANIZER;CN=Ulrika Fors:mailto:ulrika.fors@nordvind.example\nATTENDEE;CN=Ove Holm:mailto:ove.holm@region.example.se\nEND:VEVENT\nEND:VCALENDAR\n
            """
        let error = #expect(throws: CalendarError.self) {
            try InvitationDraft.record(Array(noOfficial.utf8), uid: nil, in: catalogue.register, by: .shell)
        }
        #expect(error?.description == "line 3: none of the attendees is one of our officials (matched by the e-mail of the account acting for them); not matched: Ove Holm <ove.holm@region.example.se>: not matched, no account has this address and no organisation's website is at region.example.se")
        let withOve = try InvitationDraft.record(Array(noOfficial.utf8), uid: nil, in: catalogue.register, by: .shell, extraParticipants: [catalogue.ove])
        #expect(try catalogue.register.storedMeeting(withOve.id).meeting.participants == [catalogue.ove])

        let noOrganisation = noOfficial.replacingOccurrences(of: "ulrika.fors@nordvind.example", with: "anna.lindqvist@region.example.se")
        let second = #expect(throws: CalendarError.self) {
            try InvitationDraft.record(Array(noOrganisation.utf8), uid: nil, in: catalogue.register, by: .shell)
        }
        #expect(second?.description.hasPrefix("line 3: none of the attendees could be matched to an organisation by the domain of its website; not matched: Ove Holm") == true)
        #expect(try catalogue.meetingCount() == 1)
    }

    @Test func theWritePathsOwnChecksStillApply() throws {
        let catalogue = try TestCatalogue()
        let auditor = Principal(kind: .account, id: 5, name: "Revisor", role: .auditor)
        #expect(throws: NotPermitted.self) {
            try InvitationDraft.record(TestCatalogue.fixture("outlook-windows-zone.ics"), uid: nil, in: catalogue.register, by: auditor)
        }
        let early = try String(decoding: TestCatalogue.fixture("google-utc.ics"), as: UTF8.self)
            .replacingOccurrences(of: "20261123T1", with: "20201123T1")
        let error = #expect(throws: ValidationError.self) {
            try InvitationDraft.record(Array(early.utf8), uid: nil, in: catalogue.register, by: .shell)
        }
        #expect(error?.description.contains("Anna Lindqvist was not active on 2020-11-23") == true)
        #expect(try catalogue.meetingCount() == 0)
    }
}
