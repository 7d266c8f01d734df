import Foundation
import Testing
@testable import RegisterCore

@Suite("Bad input is rejected with a clear error and changes nothing")
struct ValidationTests {
    @Test func missingRequiredFieldInJSON() throws {
        let json = #"{"startsAt": "2026-11-20T14:30", "durationMinutes": 60, "format": "video", "direction": "inbound", "initiator": "us", "participants": [1], "counterparts": [{"organisation": 1}], "subject": "x", "summary": "y"}"#
        #expect(throws: DecodingError.self) { try RegisterCoding.decoder().decode(Meeting.self, from: Data(json.utf8)) }
    }

    @Test func emptyRequiredTextChangesNothing() throws {
        let fixture = try TestRegister()
        let before = try fixture.snapshot()
        var meeting = fixture.meeting()
        meeting.subject = "   "
        let error = try #require(throws: ValidationError.self) { try fixture.register.recordMeeting(meeting, by: .shell) }
        #expect(error.description == "subject: is required and must not be empty")
        #expect(try fixture.snapshot() == before)
    }

    @Test func unknownReferencesChangeNothing() throws {
        let fixture = try TestRegister()
        let before = try fixture.snapshot()
        var meeting = fixture.meeting()
        meeting.participants = [999]
        meeting.issues = [fixture.issue, 77]
        meeting.counterparts[0].onBehalfOf = 555
        let error = try #require(throws: ValidationError.self) { try fixture.register.recordMeeting(meeting, by: .shell) }
        #expect(error.description.contains("participants[0]: no official with id 999"))
        #expect(error.description.contains("issues[1]: no issue with id 77"))
        #expect(error.description.contains("counterparts[0].onBehalfOf: no organisation with id 555"))
        #expect(try fixture.snapshot() == before)

        let official = Official(name: "X", title: "Y", kind: .staff, unit: 42, activeFrom: Day("2024-01-01")!)
        #expect(throws: ValidationError("unit", "no unit with id 42")) { try fixture.register.add(official, by: .shell) }
        #expect(try fixture.snapshot() == before)
    }

    @Test(arguments: ["556802-3451", "5512345678", "12345", "556802345X", "1234567890"])
    func malformedOrganisationNumberChangesNothing(number: String) throws {
        let fixture = try TestRegister()
        let before = try fixture.snapshot()
        let error = try #require(throws: ValidationError.self) {
            try fixture.register.add(Organisation(name: "Fel AB", kind: .company, organisationNumber: number), by: .shell)
        }
        #expect(error.problems.map(\.field) == ["organisationNumber"])
        #expect(try fixture.snapshot() == before)
    }

    @Test func validIdentifiersAreNormalised() {
        #expect(SwedishIdentifiers.normalisedOrganisationNumber("5568023450") == "556802-3450")
        #expect(SwedishIdentifiers.normalisedOrganisationNumber("16556802-3450") == "556802-3450")
        #expect(SwedishIdentifiers.normalisedOrganisationNumber("2120000142") == "212000-0142")
        #expect(SwedishIdentifiers.normalisedPersonnummer("19800101-0001") == "800101-0001")
        #expect(SwedishIdentifiers.normalisedPersonnummer("19800101-0002") == nil)
        #expect(SwedishIdentifiers.isEUTransparencyId("123456789012-34"))
        #expect(!SwedishIdentifiers.isEUTransparencyId("1234-56"))
    }

    @Test func endBeforeStartChangesNothing() throws {
        let fixture = try TestRegister()
        let before = try fixture.snapshot()
        let json = #"{"startsAt": "2026-11-20T14:30", "endsAt": "2026-11-20T13:30", "place": "Rum", "format": "video", "direction": "inbound", "initiator": "us", "participants": [1], "counterparts": [{"organisation": 1}], "subject": "x", "summary": "y"}"#
        #expect(throws: ValidationError("endsAt", "must be after startsAt")) {
            try RegisterCoding.decoder().decode(Meeting.self, from: Data(json.utf8))
        }
        let official = Official(name: "Per", title: "Ledamot", kind: .elected, unit: fixture.unit,
                                activeFrom: Day("2026-01-01")!, activeTo: Day("2025-12-31")!)
        #expect(throws: ValidationError("activeTo", "is before activeFrom (2026-01-01)")) { try fixture.register.add(official, by: .shell) }
        #expect(try fixture.snapshot() == before)
    }

    @Test func emptyReasonOnCorrectionOrWithdrawalChangesNothing() throws {
        let fixture = try TestRegister()
        let id = try fixture.register.recordMeeting(fixture.meeting(), by: .shell)
        try fixture.register.publishMeeting(id, by: .shell)
        let before = try fixture.snapshot()
        #expect(throws: ValidationError("reason", "is required and must not be empty")) {
            try fixture.register.correctMeeting(id, with: fixture.meeting(summary: "Ny text."), reason: "  ", by: .shell)
        }
        #expect(throws: ValidationError("reason", "is required and must not be empty")) {
            try fixture.register.withdrawMeeting(id, reason: "", by: .shell)
        }
        #expect(try fixture.snapshot() == before)
    }

    @Test func participantMustBeActiveOnTheMeetingDay() throws {
        let fixture = try TestRegister()
        let retired = try fixture.register.add(Official(name: "Sara", title: "Ledamot", kind: .elected, unit: fixture.unit,
                                                         activeFrom: Day("2020-01-01")!, activeTo: Day("2025-09-30")!), by: .shell)
        var meeting = fixture.meeting()
        meeting.participants = [retired]
        let error = try #require(throws: ValidationError.self) { try fixture.register.recordMeeting(meeting, by: .shell) }
        #expect(error.description.contains("participants[0]: Sara was not active on 2026-11-20"))
    }

    @Test func publishingTwiceIsRefused() throws {
        let fixture = try TestRegister()
        let id = try fixture.register.recordMeeting(fixture.meeting(), by: .shell)
        try fixture.register.publishMeeting(id, by: .shell)
        #expect(throws: ValidationError("id", "meeting \(id) is already published")) { try fixture.register.publishMeeting(id, by: .shell) }
        #expect(throws: ValidationError("id", "no meeting with id 99")) { try fixture.register.publishMeeting(99, by: .shell) }
    }
}
