import Foundation
import GRDB
import Testing
@testable import RegisterCore

/// An account with a password, signed in through the register's own calls.
struct SignedInFixture {
    static let password = "rätt häst batteri"
    let clock: ManualClock
    let fixture: TestRegister
    let account: Account

    var register: Register { fixture.register }

    init(onFile: Bool = false, role: Role = .recorder) async throws {
        let clock = ManualClock(Timestamp.parse("2026-11-23T12:00:00Z")!)
        self.clock = clock
        fixture = try TestRegister(clock: { clock.now }, onFile: onFile)
        account = try fixture.register.addAccount(NewAccount(name: "Anna Lindqvist", email: "Anna.Lindqvist@Region.example.se",
                                                             role: role, officials: role == .recorder ? [fixture.official] : []))
        let link = try fixture.register.passwordResetLink(for: account.id)
        try await fixture.register.setPassword(resetSecret: link.secret, password: Self.password)
    }
}

@Suite("Accounts, sessions and sign-in")
struct AccountTests {
    @Test func aNewAccountSignsInWithThePasswordItSetAndItsEmailInAnyCase() async throws {
        let signedIn = try await SignedInFixture()
        let session = try await signedIn.register.signIn(email: " anna.lindqvist@region.example.se", password: SignedInFixture.password,
                                                         address: "192.0.2.1")
        #expect(session.principal == Principal(kind: .account, id: signedIn.account.id, name: "Anna Lindqvist", role: .recorder,
                                               officials: [signedIn.fixture.official]))
        #expect(try await signedIn.register.session(session.id)?.account.id == signedIn.account.id)
    }

    @Test func passwordsShorterThanTwelveCharactersAreRefusedAndTheLinkStillWorks() async throws {
        let fixture = try TestRegister()
        let account = try fixture.register.addAccount(NewAccount(name: "Bo Ek", email: "bo@example.se", role: .auditor))
        let link = try fixture.register.passwordResetLink(for: account.id)
        await #expect(throws: ValidationError("password", "must be at least 12 characters long")) {
            try await fixture.register.setPassword(resetSecret: link.secret, password: "elva tecken")
        }
        #expect(try fixture.register.account(account.id).hasPassword == false)
        try await fixture.register.setPassword(resetSecret: link.secret, password: "tolv tecken!")
        #expect(try fixture.register.account(account.id).hasPassword)
    }

    @Test func aPasswordLinkWorksOnceAndForADay() async throws {
        let clock = ManualClock(Timestamp.parse("2026-11-23T12:00:00Z")!)
        let fixture = try TestRegister(clock: { clock.now })
        let account = try fixture.register.addAccount(NewAccount(name: "Bo Ek", email: "bo@example.se", role: .auditor))
        let used = try fixture.register.passwordResetLink(for: account.id)
        try await fixture.register.setPassword(resetSecret: used.secret, password: "ett långt lösenord")
        await #expect(throws: PasswordResetInvalid.self) {
            try await fixture.register.setPassword(resetSecret: used.secret, password: "ett annat lösenord")
        }
        let late = try fixture.register.passwordResetLink(for: account.id)
        clock.now += PasswordReset.lifetime
        #expect(try await fixture.register.passwordResetAccount(late.secret) == nil)
    }

    @Test func anAccountEmailIsUniqueAndARecorderActsForExistingOfficials() throws {
        let fixture = try TestRegister()
        try fixture.register.addAccount(NewAccount(name: "Bo Ek", email: "bo@example.se", role: .auditor))
        #expect(throws: ValidationError.self) {
            try fixture.register.addAccount(NewAccount(name: "Bo Ek", email: "BO@example.se", role: .admin))
        }
        #expect(throws: ValidationError("officials", "there is no official 999")) {
            try fixture.register.addAccount(NewAccount(name: "Cia", email: "cia@example.se", role: .recorder, officials: [999]))
        }
        #expect(try fixture.register.accounts().count == 1)
    }

    @Test func aDisabledAccountsSessionIsNoSessionAndItCannotSignIn() async throws {
        let signedIn = try await SignedInFixture()
        let register = signedIn.register
        let session = try await register.signIn(email: signedIn.account.email, password: SignedInFixture.password, address: "192.0.2.1")
        try register.disableAccount(signedIn.account.id)
        #expect(try await register.session(session.id) == nil)
        await #expect(throws: SignInRefusal.wrongCredentials) {
            try await register.signIn(email: signedIn.account.email, password: SignedInFixture.password, address: "192.0.2.1")
        }
    }

    @Test func signOutEndsTheSession() async throws {
        let signedIn = try await SignedInFixture()
        let session = try await signedIn.register.signIn(email: signedIn.account.email, password: SignedInFixture.password, address: "a")
        try await signedIn.register.endSession(session.id)
        #expect(try await signedIn.register.session(session.id) == nil)
    }

    @Test func sessionsSurviveReopeningTheRegister() async throws {
        let signedIn = try await SignedInFixture(onFile: true)
        let session = try await signedIn.register.signIn(email: signedIn.account.email, password: SignedInFixture.password, address: "a")
        let reopened = try Register.open(path: try #require(signedIn.fixture.file).path, clock: { signedIn.clock.now })
        #expect(try await reopened.session(session.id) == session)
    }

    @Test func sessionsExpireAfterInactivityAndUseKeepsThemAlive() async throws {
        let signedIn = try await SignedInFixture()
        let register = signedIn.register
        let session = try await register.signIn(email: signedIn.account.email, password: SignedInFixture.password, address: "a")
        signedIn.clock.now += Session.idleTimeout * 0.75
        #expect(try await register.session(session.id) != nil)
        signedIn.clock.now += Session.idleTimeout * 0.75
        #expect(try await register.session(session.id) != nil)
        signedIn.clock.now += Session.idleTimeout
        #expect(try await register.session(session.id) == nil)
    }

    @Test func theSessionIdIsStoredOnlyAsItsHash() async throws {
        let signedIn = try await SignedInFixture()
        let session = try await signedIn.register.signIn(email: signedIn.account.email, password: SignedInFixture.password, address: "a")
        let tables = try signedIn.fixture.snapshot().joined(separator: "\n")
        #expect(!tables.contains(session.id))
        #expect(!tables.contains(SignedInFixture.password))
    }
}
