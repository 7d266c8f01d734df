import Foundation
import Testing
@testable import RegisterCore

/// A meeting's JSON input with the given members replacing or adding to a valid one.
func meetingInput(_ members: [String: String] = [:], removing removed: Set<String> = []) -> Data {
    var fields: [(String, String)] = [
        ("startsAt", #""2026-11-20T14:30""#), ("durationMinutes", "60"), ("place", #""Rum""#), ("format", #""video""#),
        ("direction", #""inbound""#), ("initiator", #""us""#), ("participants", "[1]"),
        ("counterparts", #"[{"organisation": 1, "people": [{"name": "Ulrika Fors", "role": "VD"}]}]"#),
        ("issues", "[1]"), ("subject", #""Banan""#), ("summary", #""Samtal""#),
        ("documents", #"[{"title": "Skrivelse", "direction": "received"}]"#),
    ]
    fields.removeAll { removed.contains($0.0) || members[$0.0] != nil }
    fields += members.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    return Data(("{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}").utf8)
}

func readMeeting(_ data: Data, timeZone: TimeZone = RegisterSettings.defaultTimeZone) throws(ValidationError) -> Meeting {
    try RegisterInput.decode(Meeting.self, from: data, timeZone: timeZone)
}

@Suite("Every member of every input shape is known, or refused with its path")
struct InputShapeTests {
    @Test func aValidMeetingIsRead() throws {
        let meeting = try readMeeting(meetingInput())
        #expect(meeting.durationMinutes == 60)
        #expect(meeting.counterparts[0].people[0].name == "Ulrika Fors")
    }

    @Test(arguments: [
        (["witheld": #"{"summary": "OSL 19 kap. 3 §"}"#], "witheld: unknown member; did you mean 'withheld'?"),
        (["counterparts": #"[{"organisation": 1, "people": [{"name": "Rolf", "Private": true}]}]"#],
         "counterparts[0].people[0].Private: unknown member; did you mean 'private'?"),
        (["counterparts": #"[{"organisation": 1, "onBehalf": 2}]"#], "counterparts[0].onBehalf: unknown member; did you mean 'onBehalfOf'?"),
        (["documents": #"[{"title": "T", "direction": "given", "link": "https://a.se"}]"#], "documents[0].link: unknown member"),
        (["withheld": #"{"sumary": "OSL 19 kap. 3 §"}"#], "withheld.sumary: unknown member; did you mean 'summary'?"),
        (["withheld": #"{"summary": {"ground": "OSL", "untill": "2027-01-01"}}"#], "withheld.summary.untill: unknown member; did you mean 'until'?"),
        (["colour": #""red""#], "colour: unknown member; expected one of startsAt, durationMinutes"),
        (["withheld": #"{"place": 3}"#], #"withheld.place: a legal ground or {"ground": …, "until": …} is expected, found 3"#),
    ])
    func anUnknownMeetingMemberIsRefusedWithItsPathAndNearestName(members: [String: String], message: String) {
        let error = #expect(throws: ValidationError.self) { try readMeeting(meetingInput(members)) }
        #expect(error?.description.hasPrefix(message) == true, "\(error?.description ?? "")")
    }

    @Test func anUnknownCatalogueMemberIsRefusedAtEveryKind() {
        let zone = RegisterSettings.defaultTimeZone
        #expect(throws: ValidationError("Name", "unknown member; did you mean 'name'?")) {
            try RegisterInput.decode(Unit.self, from: Data(#"{"Name": "X", "kind": "board"}"#.utf8), timeZone: zone)
        }
        #expect(throws: ValidationError("activTo", "unknown member; did you mean 'activeTo'?")) {
            try RegisterInput.decode(Official.self, from: Data(#"{"name": "A", "title": "B", "kind": "staff", "unit": 1, "activeFrom": "2022-01-01", "activTo": "2023-01-01"}"#.utf8), timeZone: zone)
        }
        #expect(throws: ValidationError("personNummer", "unknown member; did you mean 'personnummer'?")) {
            try RegisterInput.decode(Organisation.self, from: Data(#"{"name": "A", "kind": "company", "personNummer": "19800101-0001"}"#.utf8), timeZone: zone)
        }
        #expect(throws: ValidationError("policyArea", "unknown member; did you mean 'policyAreas'?")) {
            try RegisterInput.decode(Issue.self, from: Data(#"{"title": "T", "summary": "S", "position": "P", "unit": 1, "policyArea": ["X"]}"#.utf8), timeZone: zone)
        }
    }

    @Test func theMembersTheRegisterSetsItselfAreAcceptedAndIgnored() throws {
        let exported = meetingInput([
            "id": "7", "uri": #""tag:insyn.example.se,2026:meeting:7""#, "url": #""https://insyn.example.se/meetings/7""#,
            "status": #""published""#, "version": "2", "recordedAt": #""2026-11-20T15:00:00Z""#,
            "publishedAt": #""2026-11-20T15:00:00Z""#, "updatedAt": #""2026-11-21T15:00:00Z""#,
            "correctionReason": #""Rättat""#, "withdrawnAt": "null", "withdrawalReason": "null",
            "counterparts": #"[{"organisation": 1, "onBehalfOf": null, "people": [{"name": "Ulrika Fors", "role": null, "private": false}]}]"#,
            "withheld": #"{"summary": {"ground": "OSL 19 kap. 3 §", "until": null}}"#,
        ])
        let meeting = try readMeeting(exported)
        #expect(meeting.withheld[.summary] == Withholding(ground: "OSL 19 kap. 3 §"))
        let zone = RegisterSettings.defaultTimeZone
        let organisation = try RegisterInput.decode(Organisation.self, from: Data(#"{"id": 3, "name": "A", "kind": "company", "organisationNumber": null, "soleTrader": false, "euTransparencyId": null, "website": null, "feed": "https://x.se/feeds/organisations/3.atom"}"#.utf8), timeZone: zone)
        #expect(organisation.name == "A")
    }

    @Test func anExportedSoleTraderSentBackWithoutItsPersonnummerIsRefused() throws {
        let zone = RegisterSettings.defaultTimeZone
        #expect(throws: ValidationError("soleTrader", "a sole trader needs the owner's personnummer, which no export holds: add \"personnummer\"")) {
            try RegisterInput.decode(Organisation.self, from: Data(#"{"id": 3, "name": "Åberg", "kind": "company", "soleTrader": true}"#.utf8), timeZone: zone)
        }
        let kept = try RegisterInput.decode(Organisation.self, from: Data(#"{"name": "Åberg", "kind": "company", "soleTrader": true, "personnummer": "19800101-0001"}"#.utf8), timeZone: zone)
        #expect(kept.personnummer == "19800101-0001")
    }

    @Test func aMemberTheRegisterSetsIsUnknownWhereTheExportHasNoSuchMember() {
        #expect(throws: ValidationError("counterparts[0].id", "unknown member; expected one of organisation, onBehalfOf, people")) {
            try readMeeting(meetingInput(["counterparts": #"[{"organisation": 1, "id": 4}]"#]))
        }
    }

    @Test func aMemberGivenTwiceIsRefused() {
        let data = Data(String(decoding: meetingInput(), as: UTF8.self).replacingOccurrences(of: #""place": "Rum""#, with: #""place": "Rum", "place": "Annat rum""#).utf8)
        #expect(throws: ValidationError("place", "is given twice")) { try readMeeting(data) }
    }

    @Test func memberNamesAreComparedByUnicodeScalarsNotCanonicalEquivalence() {
        #expect(!InputPath.same("caf\u{E9}", "cafe\u{301}"))
        #expect(InputPath.same("private", "private"))
        let data = Data(#"{"name": "X", "kind": "board", "caf\u00e9": 1, "cafe\u0301": 2}"#.utf8)
        let error = #expect(throws: ValidationError.self) { try RegisterInput.decode(Unit.self, from: data, timeZone: .gmt) }
        #expect(error?.problems.count == 2)
        #expect(error?.problems.allSatisfy { $0.message.hasPrefix("unknown member") } == true)
    }

    @Test(arguments: [
        ("1.5", "durationMinutes: a whole number of minutes is expected, found 1.5"),
        ("9223372036854775808", "durationMinutes: a whole number of minutes is expected, found 9223372036854775808, which is too large"),
        ("1e400", "durationMinutes: a whole number of minutes is expected, found 1e400"),
    ])
    func aNumberThatIsNotAWholeNumberNamesItsField(number: String, message: String) {
        let error = #expect(throws: ValidationError.self) { try readMeeting(meetingInput(["durationMinutes": number])) }
        #expect(error?.description == message)
    }

    @Test func aNumberWhereTextOrAnIdBelongsNamesItsField() {
        let error = #expect(throws: ValidationError.self) {
            try readMeeting(meetingInput(["participants": "[1, 2.5]", "place": "1e400"]))
        }
        #expect(error?.description == "participants[1]: an id (a whole number) is expected, found 2.5; place: text is expected, found 1e400")
    }

    @Test func invalidJSONIsRefusedWithWhereItBreaks() {
        #expect(throws: ValidationError("", "the input is not valid JSON: ',' or '}' is expected at line 2, column 2")) {
            try readMeeting(Data("{\"place\": \"x\"\n \"subject\" 1}".utf8))
        }
        #expect(throws: ValidationError("", "the input must be a JSON object ({…})")) { try readMeeting(Data("[1]".utf8)) }
        #expect(throws: ValidationError.self) { try readMeeting(Data(#"{"place": "\ud800"}"#.utf8)) }
    }
}
