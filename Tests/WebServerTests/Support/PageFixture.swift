import Foundation
import RegisterCore

/// A small register whose every confidential value is a canary string that must
/// never appear in a public page or download, with hostile text in its public values:
/// a published meeting with a withheld summary, a private person and a sole trader;
/// a corrected one; a withdrawn one; a redacted one; and a draft.
struct PageFixture {
    static let withheldSummary = "CANARY-WITHHELD-SUMMARY"
    static let privateName = "CANARY-PRIVATE-PERSON"
    static let draftSubject = "CANARY-DRAFT-SUBJECT"
    static let redactedPlace = "CANARY-REDACTED-PLACE"
    static let personnummer = "19800101-0001"
    static var canaries: [String] { [withheldSummary, privateName, draftSubject, redactedPlace, personnummer, "198001010001"] }

    /// Text that breaks naive escaping: markup, both quotes, an ampersand, direction
    /// marks, and a quote with a combining mark after it.
    static let hostile = "<script>alert('x')</script> \"quoted\" & Bolag\u{200F}\u{202E}txet \"\u{301} onmouseover=y"

    /// The quote-and-combining-mark that must not reach the page unescaped.
    static let hostileQuote = "\"\u{301} onmouseover"
    /// `hostile` as the page must show it.
    static let hostileEscaped = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &quot;quoted&quot; &amp; Bolag\u{200F}\u{202E}txet &quot;\u{301} onmouseover=y"

    let register: Register
    let published: Int64
    let corrected: Int64
    let withdrawn: Int64
    let redacted: Int64
    let draft: Int64
    let issue: Int64

    init() throws {
        let clock = ManualClock(Timestamp.parse("2026-11-01T08:00:00Z")!)
        register = try Register.inMemory(clock: { clock.now })
        let unit = try register.add(RegisterCore.Unit(name: "Regionstyrelsen", kind: .board), by: .shell)
        let official = try register.add(Official(name: "Anna Lindqvist", title: "Regionråd", kind: .elected, party: "S", unit: unit,
                                                 activeFrom: Day("2022-11-01")!), by: .shell)
        let consultancy = try register.add(Organisation(name: Self.hostile, kind: .consultancy, organisationNumber: "5568023450"), by: .shell)
        let client = try register.add(Organisation(name: "Klarälvens Energi AB", kind: .company, organisationNumber: "5567101232"), by: .shell)
        let soleTrader = try register.add(Organisation(name: "Hantverk Åberg (enskild firma)", kind: .company, personnummer: Self.personnummer), by: .shell)
        let issue = try register.add(Issue(title: "Dubbelspår på Exempelbanan", summary: "Utbyggnad", position: "Prioritera", unit: unit), by: .shell)
        func meeting(subject: String, summary: String = "Samtal om banan.", place: String = "Regionens hus",
                     withheld: [MeetingField: Withholding] = [:]) -> Meeting {
            Meeting(startsAt: Timestamp.parse("2026-11-23T13:30:00Z")!, durationMinutes: 60, place: place, format: .inPerson,
                    direction: .inbound, initiator: .counterpart, participants: [official],
                    counterparts: [Counterpart(organisation: consultancy, onBehalfOf: client, people: [CounterpartPerson(name: "Ulrika Fors", role: "VD")]),
                                   Counterpart(organisation: soleTrader),
                                   Counterpart(organisation: nil, people: [CounterpartPerson(name: Self.privateName, role: "Boende", isPrivate: true)])],
                    issues: [issue], subject: subject, summary: summary,
                    documents: [MeetingDocument(title: "Skrivelse & bilaga", direction: .received, url: "https://dok.example/a.pdf")],
                    withheld: withheld)
        }
        clock.now = Timestamp.parse("2026-11-24T08:00:00Z")!
        let published = try register.recordAndPublishMeeting(meeting(
            subject: Self.hostile, summary: Self.withheldSummary,
            withheld: [.summary: Withholding(ground: "OSL 19 kap. 3 §", until: Day("2027-06-30")!)]), by: .shell)
        let corrected = try register.recordAndPublishMeeting(meeting(subject: "Godstrafiken"), by: .shell)
        let withdrawn = try register.recordAndPublishMeeting(meeting(subject: "Dubbelt registrerat"), by: .shell)
        let redacted = try register.recordAndPublishMeeting(meeting(subject: "Platsen", place: Self.redactedPlace), by: .shell)
        let draft = try register.recordMeeting(meeting(subject: Self.draftSubject), by: .shell)
        clock.now = Timestamp.parse("2026-11-25T08:00:00Z")!
        var fixed = meeting(subject: "Godstrafiken på banan")
        fixed.durationMinutes = 90
        try register.correctMeeting(corrected, with: fixed, reason: "Rättad mötestid & ämne", by: .shell)
        try register.withdrawMeeting(withdrawn, reason: "Registrerat två gånger", by: .shell)
        try register.redactMeeting(redacted, .field(.place), ground: "GDPR art. 17", reason: "Platsen avslöjade en bostad", by: .shell)
        (self.published, self.corrected, self.withdrawn, self.redacted, self.draft, self.issue) = (published, corrected, withdrawn, redacted, draft, issue)
    }
}
