import Foundation

/// How many failed sign-ins lock signing in, and for how long: `accountFailures`
/// failures for one email within `window` lock that email, `addressFailures` from one
/// client address within `window` lock that address (higher, since an office signs in
/// from one address). A lock lasts until enough of those failures are older than the
/// window, or until the registrar lifts it (`insyn account unlock`). While locked, no
/// password is checked.
public enum SignInThrottle {
    public static let accountFailures = 5
    public static let addressFailures = 20
    public static let window: TimeInterval = 15 * 60
}

/// A sign-in lock in force: on an email (an account's, or one no account has) or on
/// a client address, until when, after how many failures in the window.
public struct SignInLock: Sendable, Equatable {
    public enum Subject: Sendable, Equatable {
        case email(String)
        case address(String)
    }

    public let subject: Subject
    public let failures: Int
    public let until: Date
}

/// Why a sign-in did not start a session. The same refusal for an unknown email, a
/// wrong password and a disabled account, so that the page tells nobody which emails
/// have accounts.
public enum SignInRefusal: Error, Equatable, CustomStringConvertible {
    case wrongCredentials
    case locked(until: Date)

    public var description: String {
        switch self {
        case .wrongCredentials: "the email or the password is wrong"
        case .locked(let until): "signing in is locked after too many failures, until \(Timestamp.format(until))"
        }
    }
}
