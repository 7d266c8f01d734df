import Crypto

/// A bearer secret (API token, session id, reset link, CSRF token): 32 random bytes
/// as hex behind a prefix saying what it is. The register keeps only `digest` of a
/// token, a session id or a reset link, so a copy of the database lets nobody in.
enum Secret {
    static func generate(prefix: String) -> String {
        prefix + Commitment.newSalt()
    }

    /// Lowercase hex of SHA-256 of the secret's UTF-8 bytes: what the tables store.
    static func digest(_ secret: String) -> String {
        hex(SHA256.hash(data: Array(secret.utf8)))
    }
}
