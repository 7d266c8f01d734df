import Foundation
import GRDB
import Testing
@testable import RegisterCore

/// The registrar's review: with `review-required yes` a recorder's publish queues the
/// draft; the registrar approves (publishes) or returns it with a comment.
@Suite("Review of a recorder's meetings")
struct ReviewTests {
    let fixture: TestRegister
    let recorder: Principal
    let registrar = Principal(kind: .account, id: 8, name: "Greta Registrar", role: .registrar)

    init() throws {
        fixture = try TestRegister()
        recorder = Principal(kind: .account, id: 7, name: "Rut Recorder", role: .recorder, officials: [fixture.official])
        _ = try fixture.register.addEndpoint(NewEndpoint(url: "https://portal.example/hook", kind: .webhook, secret: "whsec_" + Data(repeating: 7, count: 32).base64EncodedString()), by: .shell)
        var settings = try fixture.register.settings()
        settings.reviewRequired = "yes"
        try fixture.register.update(settings: settings, by: .shell)
    }

    func publicState() throws -> [Int] {
        try fixture.register.readDatabase { db in
            try ["meeting", "feed_change", "outbox"].map { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)") ?? 0 }
        }
    }

    func lastChange() throws -> LedgerEntry {
        var last: LedgerEntry?
        try fixture.register.forEachLedgerEntry { last = $0 }
        return try #require(last)
    }

    @Test func aRecordersPublishQueuesTheDraftAndNothingPublicChanges() throws {
        let id = try fixture.register.recordMeeting(fixture.meeting(), by: recorder)
        let before = try publicState()
        #expect(try fixture.register.publishMeeting(id, by: recorder) == .sentForReview)
        #expect(try publicState() == before)
        #expect(try fixture.register.storedMeeting(id).status == .draft)
        #expect(try fixture.register.read { try $0.reviewQueue() }.map(\.stored.id) == [id])
        #expect(try lastChange().type == "meeting.submitted")
        #expect(throws: ValidationError("id", "meeting \(id) is waiting for the registrar's review already")) {
            try fixture.register.publishMeeting(id, by: recorder)
        }
    }

    @Test func aRecordersMeetingsRecordedAndPublishedTogetherAreQueuedToo() throws {
        let before = try publicState()
        let ids = try fixture.register.recordAndPublishMeetings([fixture.meeting(), fixture.meeting()], by: recorder)
        #expect(try publicState() == before)
        #expect(try ids.map { try fixture.register.storedMeeting($0).status } == [.draft, .draft])
        #expect(try fixture.register.read { try $0.reviewQueue() }.map(\.stored.id) == ids)
        let registrarIds = try fixture.register.recordAndPublishMeetings([fixture.meeting()], by: registrar)
        #expect(try fixture.register.storedMeeting(registrarIds[0]).status == .published)
    }

    @Test func withoutReviewRequiredARecorderPublishesAtOnce() throws {
        var settings = try fixture.register.settings()
        settings.reviewRequired = "no"
        try fixture.register.update(settings: settings, by: .shell)
        let id = try fixture.register.recordMeeting(fixture.meeting(), by: recorder)
        #expect(try fixture.register.publishMeeting(id, by: recorder) == .published)
        #expect(try fixture.register.storedMeeting(id).status == .published)
    }

    @Test func theRegistrarsOwnPublishIsNotReviewed() throws {
        let id = try fixture.register.recordMeeting(fixture.meeting(), by: registrar)
        #expect(try fixture.register.publishMeeting(id, by: registrar) == .published)
    }

    @Test func approvingPublishesWithTheRegistrarAsActor() throws {
        let id = try fixture.register.recordMeeting(fixture.meeting(), by: recorder)
        try fixture.register.publishMeeting(id, by: recorder)
        let revision = try fixture.register.storedMeeting(id).revision
        try fixture.register.approveMeeting(id, by: registrar, basedOn: revision)
        #expect(try fixture.register.storedMeeting(id).status == .published)
        #expect(try fixture.register.read { try $0.reviewQueue() }.isEmpty)
        #expect(try fixture.register.read { try $0.review(of: id) } == nil)
        let change = try lastChange()
        #expect(change.type == "meeting.published")
        #expect(change.body["actor"]?["role"]?.stringValue == "registrar")
        #expect(change.openings[JSONPointer("/actor/who")!]?.value["name"]?.stringValue == "Greta Registrar")
        #expect(try fixture.register.readDatabase { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox") } == 1)
    }

    @Test func returningPutsTheCommentOnTheDraftForTheRecorder() throws {
        let id = try fixture.register.recordMeeting(fixture.meeting(), by: recorder)
        try fixture.register.publishMeeting(id, by: recorder)
        let before = try publicState()
        try fixture.register.returnMeeting(id, comment: "  Ämnet säger inget: skriv vad ni talade om. ", by: registrar)
        #expect(try publicState() == before)
        let review = try #require(try fixture.register.read { try $0.review(of: id) })
        #expect(review.state == .returned)
        #expect(review.comment == "Ämnet säger inget: skriv vad ni talade om.")
        #expect(review.by == "Greta Registrar")
        #expect(try fixture.register.read { try $0.reviewQueue() }.isEmpty)
        #expect(try lastChange().type == "meeting.returned")
        let publicLines = try ledgerLines(fixture.register, view: .public).map { String(decoding: $0, as: UTF8.self) }
        #expect(!publicLines.contains { $0.contains("Ämnet säger inget") })
        #expect(verify(try ledgerLines(fixture.register, view: .auditor)) == nil)

        var edited = fixture.meeting()
        edited.subject = "Godstrafiken på Värmlandsbanan 2027–2030"
        try fixture.register.updateDraft(id, with: edited, by: recorder)
        #expect(try fixture.register.read { try $0.review(of: id) }?.comment == "Ämnet säger inget: skriv vad ni talade om.")
        #expect(try fixture.register.publishMeeting(id, by: recorder) == .sentForReview)
        #expect(try fixture.register.read { try $0.review(of: id) }?.state == .queued)
    }

    @Test func aReturnNeedsAComment() throws {
        let id = try fixture.register.recordMeeting(fixture.meeting(), by: recorder)
        try fixture.register.publishMeeting(id, by: recorder)
        let before = try fixture.snapshot()
        #expect(throws: ValidationError("comment", "is required and must not be empty")) {
            try fixture.register.returnMeeting(id, comment: "   ", by: registrar)
        }
        #expect(try fixture.snapshot() == before)
    }

    @Test func aRecorderCannotApproveOrReturn() throws {
        let id = try fixture.register.recordMeeting(fixture.meeting(), by: recorder)
        try fixture.register.publishMeeting(id, by: recorder)
        let before = try fixture.snapshot()
        #expect(throws: NotPermitted.self) { try fixture.register.approveMeeting(id, by: recorder) }
        #expect(throws: NotPermitted.self) { try fixture.register.returnMeeting(id, comment: "Bra", by: recorder) }
        #expect(try fixture.snapshot() == before)
    }

    @Test func aRecordersEditTakesTheDraftOutOfTheQueue() throws {
        let id = try fixture.register.recordMeeting(fixture.meeting(), by: recorder)
        try fixture.register.publishMeeting(id, by: recorder)
        try fixture.register.updateDraft(id, with: fixture.meeting(summary: "Ny sammanfattning."), by: recorder)
        #expect(try fixture.register.read { try $0.review(of: id) } == nil)
        #expect(throws: ValidationError("id", "meeting \(id) is not waiting for review")) { try fixture.register.approveMeeting(id, by: registrar) }
    }

    @Test func theRegistrarsEditKeepsItQueuedAndAnApprovalOfAnOlderStateIsRefused() throws {
        let id = try fixture.register.recordMeeting(fixture.meeting(), by: recorder)
        try fixture.register.publishMeeting(id, by: recorder)
        let seen = try fixture.register.storedMeeting(id).revision
        try fixture.register.updateDraft(id, with: fixture.meeting(summary: "Rättat stavfel."), by: registrar)
        #expect(try fixture.register.read { try $0.review(of: id) }?.state == .queued)
        #expect(throws: StaleRevision.self) { try fixture.register.approveMeeting(id, by: registrar, basedOn: seen) }
        #expect(try fixture.register.storedMeeting(id).status == .draft)
    }

    @Test func theReviewSettingIsYesOrNo() throws {
        var settings = try fixture.register.settings()
        #expect(throws: ValidationError.self) {
            try settings.set("review-required", to: "maybe")
            try fixture.register.update(settings: settings, by: .shell)
        }
    }
}
