import Foundation
import HummingbirdBcrypt

/// Passwords as the register handles them: at least `minimumLength` characters,
/// stored only as a bcrypt hash, and hashed or checked on a queue of their own, never
/// on the caller's thread (a server's event loop), since bcrypt is slow on purpose.
/// A password is never logged and never part of an error.
public enum Password {
    public static let minimumLength = 12
    /// bcrypt's cost (log2 of its rounds).
    static let cost: UInt8 = 12

    private static let queue = DispatchQueue(label: "insyn.bcrypt", attributes: .concurrent)

    /// The longest password in UTF-8 bytes: bcrypt reads no further, so two longer
    /// passwords that begin alike would be the same password.
    public static let maximumBytes = 72

    /// Refuses a password shorter than `minimumLength` (counted in Unicode scalars),
    /// longer than `maximumBytes`, or with a NUL.
    public static func validate(_ password: String) throws {
        if password.unicodeScalars.count < minimumLength {
            throw ValidationError("password", "must be at least \(minimumLength) characters long")
        }
        if password.utf8.count > maximumBytes {
            throw ValidationError("password", "must be at most \(maximumBytes) bytes long in UTF-8 (å, ä and ö count as two)")
        }
        if password.unicodeScalars.contains("\u{0}") {
            throw ValidationError("password", "must not contain a NUL character")
        }
    }

    static func hash(_ password: String) async -> String {
        await offThread { Bcrypt.hash(password, cost: cost) }
    }

    static func verify(_ password: String, hash: String) async -> Bool {
        await offThread { Bcrypt.verify(password, hash: hash) }
    }

    /// A hash no password matches, checked when an email is unknown so that a wrong
    /// email takes as long as a wrong password.
    static let unmatchable = Bcrypt.hash(Commitment.newSalt(), cost: cost)

    private static func offThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: work()) }
        }
    }
}
