import Crypto
import Foundation

/// One change of the ledger as stored and exported. `body` is the hashed part
/// (seq, prev, at, type, entity, id, reason, data), in which every value that is not
/// public stands as a commitment; `openings` (auditor only) maps JSON Pointers into
/// the body to the salt and value that open each commitment.
public struct LedgerEntry: Sendable, Equatable {
    public var sequence: Int64
    public var body: JSONValue
    public var hash: String
    public var openings: [JSONPointer: Opening]

    public struct Opening: Sendable, Equatable {
        public var salt: String
        public var value: JSONValue
    }

    public static let genesisHash = String(repeating: "0", count: 64)

    public static func hash(ofBody body: JSONValue) -> String {
        hex(SHA256.hash(data: CanonicalJSON.bytes(body)))
    }

    public var type: String { body["type"]?.stringValue ?? "" }
    public var entity: String { body["entity"]?.stringValue ?? "" }
    public var entityId: Int64 { body["id"]?.intValue ?? 0 }
    public var at: Date? { body["at"]?.stringValue.flatMap { Timestamp.parse($0) } }

    /// One line of an exported ledger: the body plus `hash`, and `openings` in the auditor's view.
    public func line(view: LedgerView) -> [UInt8] {
        guard case .object(var members) = body else { return [] }
        members["hash"] = .string(hash)
        if view == .auditor { members["openings"] = openingsJSON }
        return CanonicalJSON.bytes(.object(members))
    }

    /// The `openings` member of the auditor's view, as stored beside the change.
    var openingsJSON: JSONValue {
        .object(Dictionary(uniqueKeysWithValues: openings.map { pointer, opening in
            (pointer.description, JSONValue.object(["salt": .string(opening.salt), "value": opening.value]))
        }))
    }
}

/// Who reads the ledger: the public sees commitments, the auditor also their openings.
public enum LedgerView: String, Sendable, CaseIterable {
    case `public`, auditor
}
