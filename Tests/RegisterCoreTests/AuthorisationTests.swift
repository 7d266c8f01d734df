import Foundation
import Testing
@testable import RegisterCore

/// Who may write what: the rule lives in the register, so the command line and
/// every API route enforce the same one.
@Suite("Who may write")
struct AuthorisationTests {
    @Test func aRecorderWritesTheMeetingsOfItsOfficialsAndNoOthers() throws {
        let fixture = try TestRegister()
        let other = try fixture.register.add(Official(name: "Bo Berg", title: "Regionråd", kind: .elected, party: "M", unit: fixture.unit,
                                                      activeFrom: Day("2022-11-01")!), by: .shell)
        let recorder = Principal(kind: .account, id: 1, name: "Assistent", role: .recorder, officials: [other])
        let before = try fixture.snapshot()
        #expect(throws: NotPermitted.self) { try fixture.register.recordMeeting(fixture.meeting(), by: recorder) }
        #expect(try fixture.snapshot() == before)

        let mine = try fixture.register.recordMeeting(fixture.meeting(), by: .shell)
        #expect(throws: NotPermitted.self) { try fixture.register.publishMeeting(mine, by: recorder) }
        #expect(throws: NotPermitted.self) { try fixture.register.updateDraft(mine, with: fixture.meeting(), by: recorder) }

        var theirs = fixture.meeting()
        theirs.participants = [other]
        let id = try fixture.register.recordMeeting(theirs, by: recorder)
        #expect(throws: NotPermitted.self) { try fixture.register.updateDraft(id, with: fixture.meeting(), by: recorder) }
        try fixture.register.publishMeeting(id, by: recorder)
        try fixture.register.correctMeeting(id, with: theirs, reason: "Rättad tid", by: recorder)
        #expect(throws: NotPermitted.self) { try fixture.register.withdrawMeeting(id, reason: "Fel", by: recorder) }
        #expect(throws: NotPermitted.self) { try fixture.register.add(Unit(name: "Ny", kind: .board), by: recorder) }
    }

    @Test func anAuditorWritesNothing() throws {
        let fixture = try TestRegister()
        let auditor = Principal(kind: .account, id: 2, name: "Revisor", role: .auditor)
        let id = try fixture.register.recordAndPublishMeeting(fixture.meeting(), by: .shell)
        let before = try fixture.snapshot()
        #expect(throws: NotPermitted.self) { try fixture.register.recordMeeting(fixture.meeting(), by: auditor) }
        #expect(throws: NotPermitted.self) { try fixture.register.correctMeeting(id, with: fixture.meeting(), reason: "x", by: auditor) }
        #expect(throws: NotPermitted.self) { try fixture.register.redactMeeting(id, .field(.place), ground: "GDPR", reason: "x", by: auditor) }
        #expect(throws: NotPermitted.self) { try fixture.register.add(Unit(name: "Ny", kind: .board), by: auditor) }
        #expect(throws: NotPermitted.self) { try fixture.register.update(settings: RegisterSettings(), by: auditor) }
        #expect(try fixture.snapshot() == before)
    }

    @Test func aRegistrarChangesAnyMeetingAndTheCatalogue() throws {
        let fixture = try TestRegister()
        let registrar = Principal(kind: .account, id: 3, name: "Registrator", role: .registrar)
        let id = try fixture.register.recordAndPublishMeeting(fixture.meeting(), by: registrar)
        try fixture.register.redactMeeting(id, .field(.place), ground: "GDPR art. 17", reason: "Adress", by: registrar)
        try fixture.register.withdrawMeeting(id, reason: "Dubblett", by: registrar)
        try fixture.register.add(Unit(name: "Kulturnämnden", kind: .board), by: registrar)
    }

    @Test func anEditBasedOnAnOlderRevisionIsRefusedAndChangesNothing() throws {
        let fixture = try TestRegister()
        let id = try fixture.register.recordMeeting(fixture.meeting(), by: .shell)
        let read = try fixture.register.storedMeeting(id).revision
        try fixture.register.updateDraft(id, with: fixture.meeting(summary: "Första ändringen."), by: .shell, basedOn: read)
        let before = try fixture.snapshot()
        #expect(throws: StaleRevision.self) {
            try fixture.register.updateDraft(id, with: fixture.meeting(summary: "Andra ändringen."), by: .shell, basedOn: read)
        }
        #expect(try fixture.snapshot() == before)
        try fixture.register.publishMeeting(id, by: .shell)
        let published = try fixture.register.storedMeeting(id).revision
        try fixture.register.correctMeeting(id, with: fixture.meeting(summary: "Rättad."), reason: "Fel", by: .shell, basedOn: published)
        #expect(throws: StaleRevision.self) {
            try fixture.register.correctMeeting(id, with: fixture.meeting(), reason: "Igen", by: .shell, basedOn: published)
        }
    }
}
