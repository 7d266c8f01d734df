import Foundation

/// Recomputes the hash chain change by change, from the store or from an exported
/// file alone, and checks every commitment opening it is given. The rule it checks
/// is written down in Data/docs/ledger-hashing.md; every check here is a step there.
public struct LedgerVerifier {
    public private(set) var count: Int64 = 0
    public private(set) var headHash = LedgerEntry.genesisHash
    /// The auditor's view must open every commitment; the public view opens only public values.
    public let view: LedgerView

    public init(view: LedgerView = .public) {
        self.view = view
    }

    /// A verifier that takes change `sequence`, whose hash is `hash`, as already
    /// checked: for checking the newest changes only (the server's start).
    public init(view: LedgerView = .public, after sequence: Int64, hash: String) {
        self.view = view
        count = sequence
        headHash = hash
    }

    static let bodyMembers: Set<String> = ["seq", "prev", "at", "type", "entity", "id", "data", "reason", "redacts", "actor"]
    static let requiredMembers = ["seq", "prev", "at", "type", "entity", "id", "data"]

    /// Checks one exported line (UTF-8 JSON).
    public mutating func check(line: some Collection<UInt8>, lineNumber: Int) throws(LedgerFailure) {
        let expected = count + 1
        func fail(_ reason: String) -> LedgerFailure { LedgerFailure(sequence: expected, line: lineNumber, reason: reason) }
        guard !line.allSatisfy({ [0x20, 0x09, 0x0D].contains($0) }) else { throw fail("is a blank line") }
        let value: JSONValue
        do {
            value = try JSONValue.parse(Data(line))
        } catch {
            throw fail("is not a JSON object of integers (at most 2^53 − 1), strings, booleans, arrays and objects: \(error)")
        }
        guard case .object(var members) = value else { throw fail("is not a JSON object") }
        guard let hash = members.removeValue(forKey: "hash")?.stringValue, Commitment.isHex64(hash) else {
            throw fail("has no hash of 64 lowercase hexadecimal characters")
        }
        guard let raw = members.removeValue(forKey: "openings") else { throw fail("has no openings member") }
        guard case .object(let rawOpenings) = raw else { throw fail("has openings that are not an object") }
        var openings: [JSONPointer: LedgerEntry.Opening] = [:]
        for pointerText in rawOpenings.keys.sorted() {
            let opening = rawOpenings[pointerText]!
            guard let pointer = JSONPointer(pointerText), !pointer.tokens.isEmpty else {
                throw fail("has an opening at '\(pointerText)', which is not a JSON Pointer into the change")
            }
            guard case .object(let parts) = opening, parts.count == 2, let salt = parts["salt"]?.stringValue, let openedValue = parts["value"]
            else { throw fail("has an opening at \(pointer) that is not exactly {\"salt\": …, \"value\": …}") }
            guard Commitment.isHex64(salt) else { throw fail("has an opening at \(pointer) whose salt is not 64 lowercase hexadecimal characters") }
            openings[pointer] = .init(salt: salt, value: openedValue)
        }
        let sequence = members["seq"]?.intValue ?? 0
        try check(LedgerEntry(sequence: sequence, body: .object(members), hash: hash, openings: openings), line: lineNumber)
    }

    /// Checks one change: its form, its place in the chain, its hash, and every opening
    /// it carries (all of them, in the auditor's view).
    public mutating func check(_ entry: LedgerEntry, line: Int? = nil) throws(LedgerFailure) {
        let expected = count + 1
        func fail(_ reason: String) -> LedgerFailure {
            LedgerFailure(sequence: expected, line: line, reason: reason)
        }
        guard case .object(let members) = entry.body else { throw fail("is not a JSON object") }
        if let unknown = members.keys.sorted().first(where: { !Self.bodyMembers.contains($0) }) {
            throw fail("has a member '\(unknown)' that a change does not have")
        }
        if let missing = Self.requiredMembers.first(where: { members[$0] == nil }) {
            throw fail("has no \(missing)")
        }
        guard entry.body["seq"]?.intValue == expected, entry.sequence == expected else {
            throw fail("expected change \(expected) here, found change \(entry.body["seq"]?.intValue.map(String.init) ?? "without a sequence number") (a change is missing, extra or out of order)")
        }
        guard entry.body["prev"]?.stringValue == headHash else {
            throw fail("its prev does not match the hash of change \(expected - 1)")
        }
        guard let at = entry.body["at"]?.stringValue, Timestamp.isLedgerForm(at) else {
            throw fail("its at is not a UTC time of the form YYYY-MM-DDTHH:MM:SSZ")
        }
        guard let typeName = entry.body["type"]?.stringValue, let type = ChangeType(rawValue: typeName) else {
            throw fail("its type is not one of the documented change types")
        }
        guard entry.body["entity"]?.stringValue == type.entity, entry.body["id"]?.intValue != nil else {
            throw fail("its entity is not '\(type.entity)' or its id is not an integer")
        }
        if let actor = members["actor"], !Self.isActor(actor) {
            throw fail("its actor is not exactly {\"kind\": account, token or shell, \"role\": recorder, registrar, auditor or admin, \"who\": a commitment}")
        }
        if let pointer = entry.body.malformedCommitment() {
            throw fail("the object at \(pointer) names $commitment but is not exactly {\"$commitment\": <64 lowercase hexadecimal characters>}")
        }
        guard LedgerEntry.hash(ofBody: entry.body) == entry.hash else {
            throw fail("its content does not match its hash (it was altered)")
        }
        let commitments = Dictionary(entry.body.commitments(), uniquingKeysWith: { first, _ in first })
        for (pointer, opening) in entry.openings {
            guard let digest = commitments[pointer] else {
                throw fail("it has an opening at \(pointer), where no value is committed")
            }
            guard Commitment.digest(salt: opening.salt, value: opening.value) == digest else {
                throw fail("the opening at \(pointer) does not match its commitment (the value was altered)")
            }
        }
        if view == .auditor, let unopened = commitments.keys.map(\.description).sorted().first(where: { entry.openings[JSONPointer($0)!] == nil }) {
            throw fail("the commitment at \(unopened) has no opening (the auditor's view opens every commitment)")
        }
        count = expected
        headHash = entry.hash
    }
}

extension LedgerVerifier {
    /// The form of the `actor` member: kind and role in clear, the identity one commitment.
    static func isActor(_ value: JSONValue) -> Bool {
        guard case .object(let members) = value, members.count == 3,
              let kind = members["kind"]?.stringValue, Principal.Kind(rawValue: kind) != nil,
              let role = members["role"]?.stringValue, Role(rawValue: role) != nil,
              let who = members["who"], Commitment.digest(in: who) != nil else { return false }
        return true
    }
}

/// The first change that does not verify, and why.
public struct LedgerFailure: Error, Sendable, CustomStringConvertible {
    public var sequence: Int64
    public var line: Int?
    public var reason: String

    public var description: String {
        "change \(sequence)\(line.map { " (line \($0))" } ?? "") does not verify: \(reason)"
    }
}
