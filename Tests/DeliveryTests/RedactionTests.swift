import Delivery
import Foundation
import Publishing
import RegisterCore
import Testing

@Suite("A redaction takes a published value out of every public output", .serialized)
struct RedactionTests {
    static let secret = "Anbudspriset är 4 812 000 kronor"

    /// Every public output of the register, as text: the JSON export, every CSV, the
    /// incremental export, every feed document and the public view of the ledger.
    func publicOutputs(_ register: Register) throws -> [String: String] {
        var outputs: [String: String] = [:]
        let json = BufferSink()
        try RegisterJSONExport().write(register, to: json)
        outputs["export.json"] = String(decoding: json.bytes, as: UTF8.self)
        for entity in RegisterCSVExport.Entity.allCases {
            let csv = BufferSink()
            _ = try RegisterCSVExport().write(entity, register, to: csv)
            outputs["\(entity).csv"] = String(decoding: csv.bytes, as: UTF8.self)
        }
        let lines = BufferSink()
        _ = try ChangeLinesExport(after: 0).write(register, to: lines)
        outputs["changes.jsonl"] = String(decoding: lines.bytes, as: UTF8.self)
        try FeedSet.read(register, layout: FeedLayout(pageSize: 2, mainFeedMinimum: 1)) { feeds in
            #expect(feeds.paths.contains { feeds.isArchivePage($0) }, "archive pages hold the earlier versions")
            for path in feeds.paths {
                outputs[path] = String(decoding: try #require(try feeds.render(path: path)), as: UTF8.self)
            }
        }
        var ledger: [UInt8] = []
        try register.forEachLedgerEntry { ledger += $0.line(view: .public) + [0x0A] }
        outputs["ledger.jsonl"] = String(decoding: ledger, as: UTF8.self)
        return outputs
    }

    @Test func aRedactedPrivateNameAndFieldLeaveEveryPublicOutputAndArePushedAsRedactions() async throws {
        let fixture = try PushFixture()
        let register = fixture.register
        let receiver = try TestReceiver()
        try fixture.addWebhook(receiver.url())
        let name = PushFixture.privateName
        let mistaken = fixture.meeting(summary: Self.secret, people: [CounterpartPerson(name: name, role: "Boende")])
        let id = try register.recordMeeting(mistaken, by: .shell)
        try register.publishMeeting(id, by: .shell)
        try register.correctMeeting(id, with: fixture.meeting("Värmlandsbanan, rättat", summary: Self.secret,
                                                              people: [CounterpartPerson(name: name, role: "Boende")]),
                                    reason: "Rättat ämne", by: .shell)
        try await pushUntilSettled(register)
        #expect(try receiver.received().contains { $0.body.contains(name) }, "the mistake was pushed before the redaction")
        let before = try publicOutputs(register)
        for path in ["export.json", "ledger.jsonl", "changes.jsonl", "meetings.atom"] {
            #expect(before[path]?.contains(name) == true, "\(path) held the name before the redaction")
        }
        #expect(before.contains { $0.key.hasPrefix("archive/") && $0.value.contains(name) }, "an archive page held the name")

        try register.redactMeeting(id, try MeetingRedactionTarget(parsing: "counterparts[0].people[0].name"),
                                   ground: "GDPR art. 17", reason: "Privatperson publicerad av misstag", by: .shell)
        try register.redactMeeting(id, .field(.summary), ground: "OSL 19 kap. 3 §", reason: "Sekretessen förbisågs", by: .shell)

        for (path, text) in try publicOutputs(register) {
            #expect(!text.contains(name), "\(path) still holds the redacted name")
            #expect(!text.contains(Self.secret), "\(path) still holds the redacted summary")
        }
        let current = try #require(try register.publicMeeting(id))
        #expect(current.summary == nil)
        #expect(current.withheld[.summary] == Withholding(ground: "OSL 19 kap. 3 §", redacted: true))
        #expect(current.counterparts?[0].people[0].isPrivate == true)
        #expect(current.counterparts?[0].people[0].name == nil)

        var verifier = LedgerVerifier(view: .public)
        var auditor: [UInt8] = []
        try register.forEachLedgerEntry { entry in
            try verifier.check(line: entry.line(view: .public), lineNumber: Int(entry.sequence))
            auditor += entry.line(view: .auditor)
        }
        #expect(String(decoding: auditor, as: UTF8.self).contains(name), "the auditor's view keeps the value")
        #expect(try register.verifyLedger().sequence == verifier.count)

        try receiver.reset()
        try await pushUntilSettled(register)
        let pushed = try receiver.received()
        let types = try pushed.map { request in
            try #require(try JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any])["type"] as? String
        }
        #expect(types == ["meeting.redacted", "meeting.redacted"])
        #expect(pushed.allSatisfy { !$0.body.contains(name) && !$0.body.contains(Self.secret) })
    }

    @Test func publishRewritesTheArchivePagesOnDiskAfterARedaction() throws {
        let fixture = try PushFixture()
        let register = fixture.register
        let name = PushFixture.privateName
        let id = try register.recordMeeting(fixture.meeting(people: [CounterpartPerson(name: name, role: "Boende")]), by: .shell)
        try register.publishMeeting(id, by: .shell)
        for index in 1...3 {
            try register.publishMeeting(try register.recordMeeting(fixture.meeting("Möte \(index)"), by: .shell), by: .shell)
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("insyn-redaction-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let publisher = StaticPublisher(register: register, layout: FeedLayout(pageSize: 2, mainFeedMinimum: 1))
        _ = try publisher.publish(to: directory)
        let page = directory.appendingPathComponent("archive/1.atom")
        #expect(try String(contentsOf: page, encoding: .utf8).contains(name))

        try register.redactMeeting(id, .personName(counterpart: 0, person: 0), ground: "GDPR art. 17", reason: "Privatperson", by: .shell)
        let report = try publisher.publish(to: directory)
        #expect(report.written.contains("archive/1.atom"))
        #expect(!(try String(contentsOf: page, encoding: .utf8).contains(name)))
        #expect(try publisher.publish(to: directory).written.isEmpty, "a later run leaves the final pages alone again")
    }

    @Test func aCorrectionCannotPublishARedactedNameAgainAndKeepsARedactedFieldWithheld() throws {
        let fixture = try PushFixture()
        let register = fixture.register
        let people = [CounterpartPerson(name: PushFixture.privateName, role: "Boende")]
        let id = try register.recordMeeting(fixture.meeting(people: people), by: .shell)
        try register.publishMeeting(id, by: .shell)
        try register.redactMeeting(id, .personName(counterpart: 0, person: 0), ground: "GDPR art. 17", reason: "Privatperson", by: .shell)
        try register.redactMeeting(id, .field(.place), ground: "OSL 21 kap. 3 a §", reason: "Skyddad adress", by: .shell)
        let before = try register.ledgerHead()
        let error = try #require(throws: ValidationError.self) {
            try register.correctMeeting(id, with: fixture.meeting(people: people), reason: "Ny sammanfattning", by: .shell)
        }
        #expect(error.description.contains("counterparts[0].people[0].name"))
        #expect(try register.ledgerHead() == before)

        try register.correctMeeting(id, with: fixture.meeting(summary: "Ny sammanfattning."), reason: "Ny sammanfattning", by: .shell)
        let corrected = try #require(try register.publicMeeting(id))
        #expect(corrected.place == nil)
        #expect(corrected.withheld[.place]?.redacted == true)
        #expect(corrected.summary == "Ny sammanfattning.")
    }

    @Test func aWithdrawnMeetingsEarlierVersionsCanBeRedactedAndItStaysATombstone() throws {
        let fixture = try PushFixture()
        let register = fixture.register
        let id = try register.recordMeeting(fixture.meeting(summary: Self.secret), by: .shell)
        try register.publishMeeting(id, by: .shell)
        try register.withdrawMeeting(id, reason: "Fel möte", by: .shell)
        try register.redactMeeting(id, .field(.summary), ground: "OSL 19 kap. 3 §", reason: "Sekretessen förbisågs", by: .shell)
        let tombstone = try #require(try register.publicMeeting(id))
        #expect(tombstone.status == .withdrawn)
        #expect(tombstone.version == 3)
        let changes = try register.publicChanges(after: 0).filter { $0.entity == "meeting" }
        #expect(changes.map(\.type) == [.meetingPublished, .meetingWithdrawn, .meetingRedacted])
        var ledger: [UInt8] = []
        try register.forEachLedgerEntry { ledger += $0.line(view: .public) }
        #expect(!String(decoding: ledger, as: UTF8.self).contains(Self.secret))
        #expect(try register.verifyLedger().sequence > 0)
    }

    @Test func nothingToRedactIsAClearErrorAndChangesNothing() throws {
        let fixture = try PushFixture()
        let register = fixture.register
        let id = try register.recordMeeting(fixture.meeting(withheld: [.summary: Withholding(ground: "OSL 19 kap. 3 §")]), by: .shell)
        let before = try register.ledgerHead()
        #expect(throws: ValidationError.self) { try register.redactMeeting(id, .field(.summary), ground: "G", reason: "R", by: .shell) }
        try register.publishMeeting(id, by: .shell)
        let published = try register.ledgerHead()
        let error = try #require(throws: ValidationError.self) {
            try register.redactMeeting(id, .field(.summary), ground: "G", reason: "R", by: .shell)
        }
        #expect(error.description.contains("nothing to redact"))
        #expect(try register.ledgerHead() == published)
        #expect(before.sequence + 1 == published.sequence)
        #expect(throws: ValidationError.self) { try MeetingRedactionTarget(parsing: "sumary") }
    }

    @Test func aCatalogueRecordsEarlierValueIsRedactedAndItsCurrentValueKept() throws {
        let fixture = try PushFixture()
        let register = fixture.register
        let error = try #require(throws: ValidationError.self) {
            try register.redact(Organisation.self, id: fixture.organisation, field: "name", ground: "GDPR art. 17", reason: "Personnummer", by: .shell)
        }
        #expect(error.description.contains("change it first"))
        let wrong = "Klarälvens Energi AB, kontakt 19800101-0001"
        try register.update(fixture.organisation, with: Organisation(name: wrong, kind: .company, organisationNumber: "5567101232"), by: .shell)
        try register.update(fixture.organisation, with: Organisation(name: "Klarälvens Energi AB", kind: .company, organisationNumber: "5567101232"), by: .shell)
        try register.redact(Organisation.self, id: fixture.organisation, field: "name", ground: "GDPR art. 17", reason: "Personnummer i namnet", by: .shell)

        var ledger: [UInt8] = []
        try register.forEachLedgerEntry { ledger += $0.line(view: .public) }
        #expect(!String(decoding: ledger, as: UTF8.self).contains("19800101-0001"))
        let changes = try register.publicChanges(after: 0).filter { $0.entity == "organisation" && $0.entityId == fixture.organisation }
        #expect(changes.map(\.type) == [.organisationAdded, .organisationUpdated, .organisationUpdated, .organisationRedacted])
        for change in changes {
            guard case .organisation(let organisation) = change.record else { Issue.record("not an organisation"); continue }
            #expect(organisation.name == "Klarälvens Energi AB")
        }
        #expect(try register.verifyLedger().sequence > 0)
        #expect(throws: ValidationError.self) {
            try register.redact(Organisation.self, id: fixture.organisation, field: "nme", ground: "G", reason: "R", by: .shell)
        }
    }
}
