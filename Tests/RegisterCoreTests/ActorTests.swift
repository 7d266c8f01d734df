import Foundation
import Testing
@testable import RegisterCore

/// Every change names who made it: the auditor's view opens the identity, the
/// public view shows only the kind of access and the role.
@Suite("The actor of each change")
struct ActorTests {

    func lastLine(_ register: Register, view: LedgerView) throws -> JSONValue {
        try JSONValue.parse(Data(try #require(ledgerLines(register, view: view).last)))
    }

    @Test func theAuditorsViewNamesTheActorAndThePublicViewOnlyItsKindAndRole() throws {
        let fixture = try TestRegister()
        let recorder = Principal(kind: .account, id: 7, name: "Anna Assistent", role: .recorder, officials: [fixture.official])
        let id = try fixture.register.recordMeeting(fixture.meeting(), by: recorder)
        try fixture.register.publishMeeting(id, by: recorder)

        let auditor = try lastLine(fixture.register, view: .auditor)
        #expect(auditor["openings"]?["/actor/who"]?["value"] == .object(["id": .int(7), "name": .string("Anna Assistent")]))
        let publicLine = try lastLine(fixture.register, view: .public)
        #expect(publicLine["actor"]?["kind"] == .string("account"))
        #expect(publicLine["actor"]?["role"] == .string("recorder"))
        #expect(publicLine["openings"]?["/actor/who"] == nil)
        for line in try ledgerLines(fixture.register, view: .public) {
            #expect(!String(decoding: line, as: UTF8.self).contains("Anna Assistent"))
        }
        #expect(try fixture.register.verifyLedger().sequence == 7)
    }

    @Test func theShellIsTheActorOfTheCommandLine() throws {
        let fixture = try TestRegister()
        let auditor = try lastLine(fixture.register, view: .auditor)
        #expect(auditor["actor"]?["kind"] == .string("shell"))
        #expect(auditor["actor"]?["role"] == .string("admin"))
        #expect(auditor["openings"]?["/actor/who"]?["value"] == .object(["id": .null, "name": .string("shell")]))
    }

    @Test func aRegisterThatMakesActorsPublicOpensTheIdentityToThePublic() throws {
        let fixture = try TestRegister()
        var settings = try fixture.register.settings()
        try settings.set("actors-public", to: "yes")
        try fixture.register.update(settings: settings, by: .shell)
        let registrar = Principal(kind: .token, id: 3, name: "Ärendesystemet", role: .registrar)
        _ = try fixture.register.recordAndPublishMeeting(fixture.meeting(), by: registrar)
        let publicLine = try lastLine(fixture.register, view: .public)
        #expect(publicLine["openings"]?["/actor/who"]?["value"]?["name"] == .string("Ärendesystemet"))
        var verifier = LedgerVerifier(view: .public)
        for (index, line) in try ledgerLines(fixture.register, view: .public).enumerated() { try verifier.check(line: line, lineNumber: index + 1) }
    }

    @Test func anActorOfAnotherFormDoesNotVerify() throws {
        let fixture = try TestRegister()
        var lines = try ledgerLines(fixture.register, view: .auditor)
        lines[0] = Array(String(decoding: lines[0], as: UTF8.self).replacingOccurrences(of: "\"role\":\"admin\"", with: "\"role\":\"mayor\"").utf8)
        let failure = try #require(verify(lines))
        #expect(failure.sequence == 1)
        #expect(failure.reason.contains("actor"))
    }
}
