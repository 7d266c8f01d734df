import Foundation

/// A signed-in browser: the session id is the cookie's value (the register keeps only
/// its hash), the CSRF token goes in every form the session sees. A session ends at
/// sign-out, when its account is disabled or its password reset, and after
/// `idleTimeout` without a request; it lives in the register, so it survives a restart.
public struct Session: Sendable, Equatable {
    /// How long a session lasts without a request: two hours.
    public static let idleTimeout: TimeInterval = 2 * 3600

    /// The secret session id, as the cookie carries it.
    public let id: String
    public let csrfToken: String
    public let account: Account

    public var principal: Principal { account.principal }
}
