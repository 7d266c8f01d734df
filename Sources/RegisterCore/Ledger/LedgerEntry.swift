import Crypto
import Foundation

/// One change of the ledger as stored and exported. `body` is the hashed part (seq,
/// prev, at, type, entity, id, reason, data, redacts, actor), in which every string, number
/// and boolean of `data`, the reason, and every confidential value stand as salted commitments; `openings` maps JSON Pointers
/// into the body to the salt and value that open each commitment. The public sees the
/// openings of public values; `confidential` and `redacted` name those it does not see.
public struct LedgerEntry: Sendable, Equatable {
    public var sequence: Int64
    public var body: JSONValue
    public var hash: String
    public var openings: [JSONPointer: Opening]
    /// Commitments whose values were never public (withheld fields, private names, drafts, personnummer).
    public var confidential: Set<JSONPointer>
    /// Commitments whose openings a later redaction took out of public view.
    public var redacted: Set<JSONPointer>

    public struct Opening: Sendable, Equatable {
        public var salt: String
        public var value: JSONValue
    }

    public init(sequence: Int64, body: JSONValue, hash: String, openings: [JSONPointer: Opening],
                confidential: Set<JSONPointer> = [], redacted: Set<JSONPointer> = []) {
        self.sequence = sequence
        self.body = body
        self.hash = hash
        self.openings = openings
        self.confidential = confidential
        self.redacted = redacted
    }

    public static let genesisHash = String(repeating: "0", count: 64)

    public static func hash(ofBody body: JSONValue) -> String {
        hash(ofCanonical: CanonicalJSON.bytes(body))
    }

    /// The hash of a body already in its canonical form.
    static func hash(ofCanonical bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    public var type: String { body["type"]?.stringValue ?? "" }
    public var entity: String { body["entity"]?.stringValue ?? "" }
    public var entityId: Int64 { body["id"]?.intValue ?? 0 }
    public var at: Date? { body["at"]?.stringValue.flatMap { Timestamp.parse($0) } }

    /// The change's `data` with every commitment opened: the record as it was committed,
    /// confidential values included (for the register's own use, never a public output).
    func openedData() -> JSONValue {
        var data = body["data"] ?? .null
        for (pointer, opening) in openings where pointer.tokens.first == "data" {
            data.set(opening.value, at: JSONPointer(Array(pointer.tokens.dropFirst())))
        }
        return data
    }

    /// The openings a view shows: all of them to the auditor; to the public, those of
    /// values that are neither confidential nor redacted.
    public func openings(for view: LedgerView) -> [JSONPointer: Opening] {
        switch view {
        case .auditor: openings
        case .public: openings.filter { !confidential.contains($0.key) && !redacted.contains($0.key) }
        }
    }

    /// One line of an exported ledger: the body plus `hash` and the view's `openings`.
    public func line(view: LedgerView) -> [UInt8] {
        guard case .object(var members) = body else { return [] }
        members["hash"] = .string(hash)
        members["openings"] = Self.openingsJSON(openings(for: view))
        return CanonicalJSON.bytes(.object(members))
    }

    /// The form of `openings` in an exported line and in storage.
    static func openingsJSON(_ openings: [JSONPointer: Opening]) -> JSONValue {
        var members = JSONObject()
        for (pointer, opening) in openings {
            members[pointer.description] = .object(["salt": .string(opening.salt), "value": opening.value])
        }
        return .object(members)
    }
}

/// Who reads the ledger: the public sees the openings of public values, the auditor all openings.
public enum LedgerView: String, Sendable, CaseIterable {
    case `public`, auditor
}
