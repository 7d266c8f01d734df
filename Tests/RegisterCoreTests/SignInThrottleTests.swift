import Foundation
import Testing
@testable import RegisterCore

@Suite("Sign-in throttling")
struct SignInThrottleTests {
    @Test func signInLocksAfterFiveFailuresForTheAccountEvenWithTheRightPasswordUntilUnlocked() async throws {
        let signedIn = try await SignedInFixture()
        let register = signedIn.register
        let email = signedIn.account.email
        for attempt in 1..<SignInThrottle.accountFailures {
            await #expect(throws: SignInRefusal.wrongCredentials, "attempt \(attempt)") {
                try await register.signIn(email: email, password: "fel lösenord \(attempt)", address: "192.0.2.\(attempt)")
            }
        }
        let until = signedIn.clock.now.addingTimeInterval(SignInThrottle.window)
        await #expect(throws: SignInRefusal.locked(until: until)) {
            try await register.signIn(email: email, password: "fel lösenord igen", address: "192.0.2.9")
        }
        await #expect(throws: SignInRefusal.locked(until: until)) {
            try await register.signIn(email: email, password: SignedInFixture.password, address: "192.0.2.10")
        }
        #expect(try register.signInLocks() == [SignInLock(subject: .email(email.lowercased()), failures: 5, until: until)])
        #expect(try register.unlockSignIn(account: signedIn.account.id) == 5)
        _ = try await register.signIn(email: email, password: SignedInFixture.password, address: "192.0.2.10")
    }

    @Test func theLockLiftsOnceTheFailuresAreOlderThanTheWindow() async throws {
        let signedIn = try await SignedInFixture()
        let register = signedIn.register
        for attempt in 1...SignInThrottle.accountFailures {
            _ = try? await register.signIn(email: signedIn.account.email, password: "fel \(attempt)", address: "a")
        }
        #expect(try register.signInLocks().count == 1)
        signedIn.clock.now += SignInThrottle.window
        #expect(try register.signInLocks().isEmpty)
        _ = try await register.signIn(email: signedIn.account.email, password: SignedInFixture.password, address: "a")
    }

    @Test func oneAddressIsLockedAfterTwentyFailuresWhateverTheEmails() async throws {
        let signedIn = try await SignedInFixture()
        let register = signedIn.register
        for attempt in 1...SignInThrottle.addressFailures {
            _ = try? await register.signIn(email: "nobody\(attempt)@example.se", password: "fel", address: "198.51.100.7")
        }
        await #expect(throws: SignInRefusal.self) {
            try await register.signIn(email: signedIn.account.email, password: SignedInFixture.password, address: "198.51.100.7")
        }
        #expect(try register.signInLocks().contains { $0.subject == .address("198.51.100.7") })
        _ = try await register.signIn(email: signedIn.account.email, password: SignedInFixture.password, address: "198.51.100.8")
        try register.unlockSignIn(address: "198.51.100.7")
        _ = try await register.signIn(email: signedIn.account.email, password: SignedInFixture.password, address: "198.51.100.7")
    }
}
