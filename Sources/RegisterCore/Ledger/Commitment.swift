import Crypto
import Foundation

/// A salted hash commitment: how a value that is not public stands in the ledger.
/// commitment = lowercase hex of SHA-256(UTF-8 bytes of the salt, then the RFC 8785
/// form of the value); the salt is 64 lowercase hex characters (32 random bytes).
public enum Commitment {
    public static let key = "$commitment"

    public static func digest(salt: String, value: JSONValue) -> String {
        var hasher = SHA256()
        hasher.update(data: Array(salt.utf8))
        hasher.update(data: CanonicalJSON.bytes(value))
        return hex(hasher.finalize())
    }

    public static func newSalt() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for _ in 0..<4 {
            let word = generator.next()
            for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        return hex(bytes)
    }

    /// Whether `text` has the form of a digest or a salt: exactly 64 lowercase hexadecimal characters.
    public static func isHex64(_ text: String) -> Bool {
        let utf8 = text.utf8
        return utf8.count == 64 && utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// The placeholder `{"$commitment": "<hex>"}`, or nil when `value` is not one.
    public static func placeholder(_ digest: String) -> JSONValue { .object([key: .string(digest)]) }

    public static func digest(in value: JSONValue) -> String? {
        if case .object(let members) = value, members.count == 1, let digest = members[key]?.stringValue { return digest }
        return nil
    }

    /// Whether `value` is an object that names `$commitment` but is not exactly one
    /// member holding 64 lowercase hexadecimal characters.
    static func isMalformed(_ value: JSONValue) -> Bool {
        guard case .object(let members) = value, let digest = members[key] else { return false }
        guard members.count == 1, let text = digest.stringValue else { return true }
        return !isHex64(text)
    }
}

/// Salts for the commitments of a run of changes, from a cryptographically secure
/// generator: the ChaCha20 keystream under a 256-bit key drawn once from the system's
/// generator (what BoringSSL's own generator does), 2,048 salts per block. Asking the
/// kernel for each block of 64 salts was a tenth of an import. A class, so that no
/// copy can hand out the same salts twice; each thread that seals keeps its own.
final class SaltSource {
    private static let saltBytes = 32
    private static let blockBytes = 2048 * saltBytes
    private static let zeros = Data(count: blockBytes)
    private let key = SymmetricKey(size: .bits256)
    private var counter: UInt64 = 0
    private var block: [UInt8] = []
    private var offset = 0

    init() {}

    /// The next salt as its 64 lowercase hexadecimal characters.
    func nextHex() -> [UInt8] {
        if offset + Self.saltBytes > block.count { refill() }
        defer { offset += Self.saltBytes }
        var out = [UInt8](repeating: 0, count: 2 * Self.saltBytes)
        for index in 0..<Self.saltBytes {
            let byte = block[offset + index]
            out[2 * index] = CanonicalJSON.hexDigit(byte >> 4)
            out[2 * index + 1] = CanonicalJSON.hexDigit(byte & 0x0F)
        }
        return out
    }

    func next() -> String {
        String(decoding: nextHex(), as: UTF8.self)
    }

    private func refill() {
        counter += 1
        var nonce = [UInt8](repeating: 0, count: 12)
        for shift in 0..<8 { nonce[4 + shift] = UInt8(truncatingIfNeeded: counter >> UInt64(8 * shift)) }
        // A key used with a new nonce for each block: the sealed zeros are the keystream.
        let sealed = try! ChaChaPoly.seal(Self.zeros, using: key, nonce: try! ChaChaPoly.Nonce(data: nonce))
        block = Array(sealed.ciphertext)
        offset = 0
    }
}

func hex(_ bytes: some Sequence<UInt8>) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(64)
    for byte in bytes {
        out.append(CanonicalJSON.hexDigit(byte >> 4))
        out.append(CanonicalJSON.hexDigit(byte & 0x0F))
    }
    return String(decoding: out, as: UTF8.self)
}

/// An RFC 6901 JSON Pointer into a change, such as `/data/counterparts/0/people/1/name`.
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
    public var tokens: [String]

    public init(_ tokens: [String]) { self.tokens = tokens }

    public init?(_ text: String) {
        if text.isEmpty { self.tokens = []; return }
        guard text.hasPrefix("/") else { return nil }
        // A token without "~" (nearly all) is taken as it is: Foundation's `replacingOccurrences`
        // on every token was two thirds of the ledger verifier's time in a profile.
        tokens = text.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.utf8.contains(UInt8(ascii: "~"))
                ? $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~") : String($0)
        }
    }

    /// Tokens without "~" or "/" (nearly all) are written as they are: Foundation's
    /// `replacingOccurrences` took a third of appending a change.
    public var description: String {
        var text = ""
        for token in tokens {
            text += "/"
            text += token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") })
                ? token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1") : token
        }
        return text
    }

    public func appending(_ token: String) -> JSONPointer { JSONPointer(tokens + [token]) }
}

extension JSONValue {
    public func value(at pointer: JSONPointer) -> JSONValue? {
        var current = self
        for token in pointer.tokens {
            switch current {
            case .object(let members):
                guard let next = members[token] else { return nil }
                current = next
            case .array(let items):
                guard let index = Int(token), items.indices.contains(index) else { return nil }
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }

    /// Sets the value at `pointer`, creating an object member where the last token is missing.
    mutating func set(_ newValue: JSONValue, at pointer: JSONPointer) {
        guard let first = pointer.tokens.first else { self = newValue; return }
        let rest = JSONPointer(Array(pointer.tokens.dropFirst()))
        switch self {
        case .object(var members):
            var child = members[first] ?? .null
            child.set(newValue, at: rest)
            members[first] = child
            self = .object(members)
        case .array(var items):
            if let index = Int(first), items.indices.contains(index) {
                items[index].set(newValue, at: rest)
                self = .array(items)
            }
        default:
            break
        }
    }

    /// The first place where an object names `$commitment` without being a well-formed placeholder.
    public func malformedCommitment(at pointer: JSONPointer = JSONPointer([])) -> JSONPointer? {
        if Commitment.isMalformed(self) { return pointer }
        switch self {
        case .object(let members):
            for key in members.keys.sorted() {
                if let found = members[key]!.malformedCommitment(at: pointer.appending(key)) { return found }
            }
            return nil
        case .array(let items):
            for (index, item) in items.enumerated() {
                if let found = item.malformedCommitment(at: pointer.appending(String(index))) { return found }
            }
            return nil
        default:
            return nil
        }
    }

    /// Every commitment placeholder and where it stands.
    public func commitments(at pointer: JSONPointer = JSONPointer([])) -> [(JSONPointer, String)] {
        if let digest = Commitment.digest(in: self) { return [(pointer, digest)] }
        switch self {
        case .object(let members):
            return members.keys.sorted().flatMap { members[$0]!.commitments(at: pointer.appending($0)) }
        case .array(let items):
            return items.enumerated().flatMap { $1.commitments(at: pointer.appending(String($0))) }
        default:
            return []
        }
    }
}
