import Crypto
import Foundation

/// A change with every commitment made and every stored form written, waiting only
/// for the hash of the change before it. Sealing (salts, commitments, the canonical
/// body, openings and public body) does not depend on the chain, so a batch seals its
/// changes on every core while the one writer links them, one hash each.
struct SealedChange: Sendable {
    let sequence: Int64
    let type: ChangeType
    let entityId: Int64
    let date: Date
    let time: String
    /// The canonical body up to the value of `prev`, and from the end of that value on.
    let head: [UInt8]
    let tail: [UInt8]
    /// The stored `salts`, `kept_openings` (`StoredOpenings`), `confidential` and `public_body` columns.
    let salts: Data
    let keptOpenings: String?
    let confidential: String?
    let publicBody: String
    /// The canonical form of `data` when it is one commitment as a whole (a draft's record).
    let committedData: [UInt8]?

    /// Seals `draft` as change `sequence`: in the hashed body every string, number and
    /// boolean of `data`, the reason and every secret stand as salted commitments
    /// (`Data/docs/ledger-hashing.md`); the actor's identity is one commitment,
    /// confidential unless `actorsPublic`.
    init(_ draft: ChangeDraft, sequence: Int64, at date: Date, actorsPublic: Bool, salts: SaltSource) {
        var sealer = Sealer(secrets: Set(draft.secrets.map { Array($0.description.utf8) }), salts: salts)
        let time = Timestamp.bytes(date)
        var head: [UInt8] = []
        head.reserveCapacity(4096)
        var publicBody: [UInt8] = []
        publicBody.reserveCapacity(2048)

        head.append(literal: "{\"actor\":{\"kind\":")
        CanonicalJSON.writeString(draft.actor.kind.rawValue, into: &head)
        head.append(literal: ",\"role\":")
        CanonicalJSON.writeString(draft.actor.role.rawValue, into: &head)
        head.append(literal: ",\"who\":")
        let who = JSONValue.object(["id": draft.actor.id.map(JSONValue.int) ?? .null, "name": .string(draft.actor.name)])
        sealer.commit(CanonicalJSON.bytes(who), at: Array("/actor/who".utf8), confidential: !actorsPublic, inPublicBody: false, into: &head)
        head.append(literal: "},\"at\":\"")
        head.append(contentsOf: time)
        head.append(literal: "\",\"data\":")
        publicBody.append(literal: "{\"at\":\"")
        publicBody.append(contentsOf: time)
        publicBody.append(literal: "\",\"data\":")
        sealer.seal(draft.data, into: &head, public: &publicBody)
        head.append(literal: ",\"entity\":")
        CanonicalJSON.writeString(draft.type.entity, into: &head)
        head.append(literal: ",\"id\":")
        CanonicalJSON.writeInteger(draft.entityId, into: &head)
        head.append(literal: ",\"prev\":\"")

        var tail: [UInt8] = [UInt8(ascii: "\"")]
        if let reason = draft.reason {
            let canonical = CanonicalJSON.bytes(.string(reason))
            tail.append(literal: ",\"reason\":")
            sealer.commit(canonical, at: Array("/reason".utf8), confidential: false, inPublicBody: true, into: &tail)
            publicBody.append(literal: ",\"reason\":")
            publicBody.append(contentsOf: canonical)
        }
        if let redacts = draft.redacts {
            tail.append(literal: ",\"redacts\":")
            CanonicalJSON.write(redacts, into: &tail)
        }
        for out in [0, 1] {
            var part: [UInt8] = []
            part.append(literal: ",\"seq\":")
            CanonicalJSON.writeInteger(sequence, into: &part)
            part.append(literal: ",\"type\":")
            CanonicalJSON.writeString(draft.type.rawValue, into: &part)
            part.append(UInt8(ascii: "}"))
            if out == 0 { tail += part } else { publicBody += part }
        }

        self.sequence = sequence
        type = draft.type
        entityId = draft.entityId
        self.date = date
        self.time = String(decoding: time, as: UTF8.self)
        self.head = head
        self.tail = tail
        self.salts = StoredOpenings.salts(sealer.openings.map { ($0.pointer, $0.salt) })
        keptOpenings = sealer.keptText()
        confidential = LedgerPointers.text(descriptions: sealer.confidential)
        self.publicBody = String(decoding: publicBody, as: UTF8.self)
        committedData = sealer.committedData
    }

    /// The canonical body once the previous change's hash is known.
    func body(after previous: String) -> [UInt8] {
        var body = head
        body.reserveCapacity(head.count + 64 + tail.count)
        body.append(contentsOf: previous.utf8)
        body.append(contentsOf: tail)
        return body
    }
}

/// Writes the hashed and the public form of `data` side by side, making a commitment
/// for each value (or each secret as a whole) and keeping its opening.
private struct Sealer {
    let secrets: Set<[UInt8]>
    let salts: SaltSource
    private(set) var openings: [(pointer: [UInt8], salt: [UInt8], value: [UInt8], inPublicBody: Bool)] = []
    private(set) var confidential: [String] = []
    private(set) var committedData: [UInt8]?
    /// The JSON Pointer of the value being sealed, `/data` and then its place in `data`.
    private var path = Array("/data".utf8)
    private static let dataPrefix = 5

    init(secrets: Set<[UInt8]>, salts: SaltSource) {
        self.secrets = secrets
        self.salts = salts
        openings.reserveCapacity(64)
    }

    mutating func seal(_ value: JSONValue, into body: inout [UInt8], public: inout [UInt8]) {
        if !secrets.isEmpty, secrets.contains(Array(path[Self.dataPrefix...])) {
            let canonical = CanonicalJSON.bytes(value)
            if path.count == Self.dataPrefix { committedData = canonical }
            commit(canonical, at: path, confidential: true, inPublicBody: false, into: &body)
            `public`.append(literal: "null")
            return
        }
        switch value {
        case .string, .int, .bool:
            let canonical = CanonicalJSON.bytes(value)
            commit(canonical, at: path, confidential: false, inPublicBody: true, into: &body)
            `public`.append(contentsOf: canonical)
        case .null:
            body.append(literal: "null")
            `public`.append(literal: "null")
        case .array(let items):
            body.append(UInt8(ascii: "["))
            `public`.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 {
                    body.append(UInt8(ascii: ","))
                    `public`.append(UInt8(ascii: ","))
                }
                let depth = path.count
                path.append(UInt8(ascii: "/"))
                CanonicalJSON.writeInteger(Int64(index), into: &path)
                seal(item, into: &body, public: &`public`)
                path.removeSubrange(depth...)
            }
            body.append(UInt8(ascii: "]"))
            `public`.append(UInt8(ascii: "]"))
        case .object(let members):
            body.append(UInt8(ascii: "{"))
            `public`.append(UInt8(ascii: "{"))
            for (index, member) in CanonicalJSON.sortedMembers(members).enumerated() {
                if index > 0 {
                    body.append(UInt8(ascii: ","))
                    `public`.append(UInt8(ascii: ","))
                }
                CanonicalJSON.writeString(member.key, into: &body)
                body.append(UInt8(ascii: ":"))
                CanonicalJSON.writeString(member.key, into: &`public`)
                `public`.append(UInt8(ascii: ":"))
                let depth = path.count
                path.append(UInt8(ascii: "/"))
                Self.appendToken(member.key, to: &path)
                seal(member.value, into: &body, public: &`public`)
                path.removeSubrange(depth...)
            }
            body.append(UInt8(ascii: "}"))
            `public`.append(UInt8(ascii: "}"))
        }
    }

    /// Writes the placeholder `{"$commitment":"…"}` for a value in its canonical form;
    /// `inPublicBody` says whether the public body holds the value at the same pointer.
    mutating func commit(_ canonical: [UInt8], at pointer: [UInt8], confidential isConfidential: Bool, inPublicBody: Bool,
                         into body: inout [UInt8]) {
        let salt = salts.nextHex()
        var hasher = SHA256()
        hasher.update(data: salt)
        hasher.update(data: canonical)
        body.append(literal: "{\"$commitment\":\"")
        for byte in hasher.finalize() {
            body.append(CanonicalJSON.hexDigit(byte >> 4))
            body.append(CanonicalJSON.hexDigit(byte & 0x0F))
        }
        body.append(literal: "\"}")
        openings.append((pointer, salt, canonical, inPublicBody))
        if isConfidential { confidential.append(String(decoding: pointer, as: UTF8.self)) }
    }

    /// RFC 6901: "~" as "~0", "/" as "~1".
    private static func appendToken(_ token: String, to path: inout [UInt8]) {
        for byte in token.utf8 {
            switch byte {
            case UInt8(ascii: "~"): path.append(UInt8(ascii: "~")); path.append(UInt8(ascii: "0"))
            case UInt8(ascii: "/"): path.append(UInt8(ascii: "~")); path.append(UInt8(ascii: "1"))
            default: path.append(byte)
            }
        }
    }

    /// The stored values the public body does not hold (`StoredOpenings`): the canonical
    /// object of pointer to value, or nil when there is none.
    func keptText() -> String? {
        let kept = openings.filter { !$0.inPublicBody }.sorted { StoredOpenings.precedes($0.pointer, $1.pointer) }
        guard !kept.isEmpty else { return nil }
        var out: [UInt8] = [UInt8(ascii: "{")]
        for (index, opening) in kept.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            CanonicalJSON.writeString(bytes: opening.pointer, into: &out)
            out.append(UInt8(ascii: ":"))
            out.append(contentsOf: opening.value)
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }
}
