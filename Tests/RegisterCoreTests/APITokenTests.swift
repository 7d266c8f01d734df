import Foundation
import Testing
@testable import RegisterCore

@Suite("API tokens")
struct APITokenTests {
    @Test func aValidTokenSpeaksForItsRoleAndOfficialsAndRecordsItsLastUse() async throws {
        let clock = ManualClock(Timestamp.parse("2026-11-23T12:00:00Z")!)
        let fixture = try TestRegister(clock: { clock.now })
        let created = try fixture.register.createToken(NewAPIToken(name: "Kalender", role: .recorder, officials: [fixture.official]))
        #expect(created.secret.hasPrefix(Register.tokenPrefix))
        #expect(try await fixture.register.checkBearer(created.secret)
            == .valid(Principal(kind: .token, id: created.token.id, name: "Kalender", role: .recorder, officials: [fixture.official])))
        #expect(try fixture.register.tokens().first?.lastUsedAt == clock.now)
    }

    @Test func anExpiredTokenIsRefused() async throws {
        let clock = ManualClock(Timestamp.parse("2026-11-23T12:00:00Z")!)
        let fixture = try TestRegister(clock: { clock.now })
        let created = try fixture.register.createToken(NewAPIToken(name: "Kort", role: .registrar, expiresAt: clock.now.addingTimeInterval(3600)))
        clock.now += 3600
        #expect(try await fixture.register.checkBearer(created.secret) == .expired)
    }

    @Test func aRevokedTokenIsRefused() async throws {
        let fixture = try TestRegister()
        let created = try fixture.register.createToken(NewAPIToken(name: "Ärende", role: .registrar))
        try fixture.register.revokeToken(created.token.id)
        #expect(try await fixture.register.checkBearer(created.secret) == .revoked)
        #expect(try await fixture.register.checkBearer(created.secret + "0") == .unknown)
    }

    @Test func aTokenIsStoredOnlyAsItsHash() throws {
        let fixture = try TestRegister()
        let created = try fixture.register.createToken(NewAPIToken(name: "Ärende", role: .auditor))
        #expect(!(try fixture.snapshot().joined()).contains(created.secret))
    }

    @Test func aTokenThatHasExpiredAlreadyOrARecorderWithoutOfficialsIsRefusedAndNothingIsStored() throws {
        let clock = ManualClock(Timestamp.parse("2026-11-23T12:00:00Z")!)
        let fixture = try TestRegister(clock: { clock.now })
        #expect(throws: ValidationError.self) {
            try fixture.register.createToken(NewAPIToken(name: "Gammal", role: .admin, expiresAt: clock.now))
        }
        #expect(throws: ValidationError.self) { try fixture.register.createToken(NewAPIToken(name: "Ingen", role: .recorder)) }
        #expect(try fixture.register.tokens().isEmpty)
    }
}
