import Foundation

/// Recomputes the hash chain change by change, from the store or from an exported
/// file alone, and checks every commitment opening it is given. The rule it checks
/// is written down in Data/ledger-hashing.md.
public struct LedgerVerifier {
    public private(set) var count: Int64 = 0
    public private(set) var headHash = LedgerEntry.genesisHash

    public init() {}

    /// Checks one exported line (UTF-8 JSON). A line with an `openings` member is
    /// the auditor's view: then every commitment must be opened, and correctly.
    public mutating func check(line: some Collection<UInt8>, lineNumber: Int) throws(LedgerFailure) {
        let value: JSONValue
        do {
            value = try JSONValue.parse(Data(line))
        } catch {
            throw LedgerFailure(sequence: count + 1, line: lineNumber, reason: "is not a JSON object of integers, strings, booleans, arrays and objects")
        }
        guard case .object(var members) = value, let hash = members.removeValue(forKey: "hash")?.stringValue else {
            throw LedgerFailure(sequence: count + 1, line: lineNumber, reason: "has no hash")
        }
        var openings: [JSONPointer: LedgerEntry.Opening]?
        if let raw = members.removeValue(forKey: "openings") {
            guard case .object(let rawOpenings) = raw else {
                throw LedgerFailure(sequence: count + 1, line: lineNumber, reason: "has openings that are not an object")
            }
            var parsed: [JSONPointer: LedgerEntry.Opening] = [:]
            for (pointerText, opening) in rawOpenings {
                guard let pointer = JSONPointer(pointerText), let salt = opening["salt"]?.stringValue, let openedValue = opening["value"] else {
                    throw LedgerFailure(sequence: count + 1, line: lineNumber, reason: "has a malformed opening at '\(pointerText)'")
                }
                parsed[pointer] = .init(salt: salt, value: openedValue)
            }
            openings = parsed
        }
        let sequence = members["seq"]?.intValue ?? 0
        try check(LedgerEntry(sequence: sequence, body: .object(members), hash: hash, openings: openings ?? [:]),
                  requireOpenings: openings != nil, line: lineNumber)
    }

    /// Checks one stored change.
    public mutating func check(_ entry: LedgerEntry, requireOpenings: Bool, line: Int? = nil) throws(LedgerFailure) {
        let expected = count + 1
        func fail(_ reason: String) -> LedgerFailure {
            LedgerFailure(sequence: expected, line: line, reason: reason)
        }
        guard entry.body["seq"]?.intValue == expected, entry.sequence == expected else {
            throw fail("expected change \(expected) here, found change \(entry.body["seq"]?.intValue.map(String.init) ?? "without a sequence number") (a change is missing, extra or out of order)")
        }
        guard entry.body["prev"]?.stringValue == headHash else {
            throw fail("its prev does not match the hash of change \(expected - 1)")
        }
        guard LedgerEntry.hash(ofBody: entry.body) == entry.hash else {
            throw fail("its content does not match its hash (it was altered)")
        }
        if requireOpenings {
            let commitments = entry.body.commitments()
            for (pointer, digest) in commitments {
                guard let opening = entry.openings[pointer] else {
                    throw fail("the commitment at \(pointer) has no opening")
                }
                guard Commitment.digest(salt: opening.salt, value: opening.value) == digest else {
                    throw fail("the opening at \(pointer) does not match its commitment (the confidential value was altered)")
                }
            }
            if entry.openings.count != commitments.count {
                throw fail("it has openings for values that are not committed")
            }
        }
        count = expected
        headHash = entry.hash
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
