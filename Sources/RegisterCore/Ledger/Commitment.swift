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
        return hex((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// The placeholder `{"$commitment": "<hex>"}`, or nil when `value` is not one.
    public static func placeholder(_ digest: String) -> JSONValue { .object([key: .string(digest)]) }

    public static func digest(in value: JSONValue) -> String? {
        if case .object(let members) = value, members.count == 1, let digest = members[key]?.stringValue { return digest }
        return nil
    }
}

func hex(_ bytes: some Sequence<UInt8>) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    for byte in bytes {
        out.append(digits[Int(byte >> 4)])
        out.append(digits[Int(byte & 0x0F)])
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
        tokens = text.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    public var description: String {
        tokens.map { "/" + $0.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1") }.joined()
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

    /// This value with every commitment placeholder replaced by null: what the public knows.
    public func withCommitmentsAsNull() -> JSONValue {
        if Commitment.digest(in: self) != nil { return .null }
        switch self {
        case .object(let members): return .object(members.mapValues { $0.withCommitmentsAsNull() })
        case .array(let items): return .array(items.map { $0.withCommitmentsAsNull() })
        default: return self
        }
    }
}
