import Foundation

/// How a change's openings are stored since the `v11-importspeed2` migration: the
/// salts as 32 bytes each, in the order of their pointers (`precedes`), and beside
/// them only the values the stored public body does not hold (the actor, a
/// confidential value, a redacted one); each public value is read from the public
/// body. The openings as JSON (`LedgerEntry.openingsJSON`) were half of a published
/// meeting's row. A change stored before the migration keeps them as JSON, and both
/// forms read as the same openings.
enum StoredOpenings {
    /// The order of the salts: the pointers' texts by UTF-16 code units, as in the JSON form.
    static func precedes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        CanonicalJSON.precedes(a, b) ?? CanonicalJSON.precedes(String(decoding: a, as: UTF8.self), String(decoding: b, as: UTF8.self))
    }

    /// The stored salts of `openings` (pointer texts and their salts in hexadecimal), in pointer order.
    static func salts(_ openings: [(pointer: [UInt8], salt: [UInt8])]) -> Data {
        var bytes = [UInt8](repeating: 0, count: openings.count * 32)
        for (place, opening) in openings.sorted(by: { precedes($0.pointer, $1.pointer) }).enumerated() {
            opening.salt.withUnsafeBufferPointer { salt in
                for index in 0..<min(32, salt.count / 2) {
                    bytes[place * 32 + index] = nibble(salt[2 * index]) << 4 | nibble(salt[2 * index + 1])
                }
            }
        }
        return Data(bytes)
    }

    /// The openings of a change stored in this form: one for each commitment of `body`
    /// whose value is found. A damaged row (salts of another length, a value missing
    /// from the public body, text that is not JSON) opens nothing it cannot, so that
    /// the verifier names the change and the commitment left unopened.
    static func openings(body: JSONValue, salts: Data, kept: String?, publicBody: String) -> [JSONPointer: LedgerEntry.Opening] {
        let pointers = body.commitments().map(\.0).sorted { precedes(Array($0.description.utf8), Array($1.description.utf8)) }
        guard salts.count == pointers.count * 32 else { return [:] }
        var keptValues = JSONObject()
        if let kept, case .object(let members)? = try? JSONValue.parse(Data(kept.utf8)) { keptValues = members }
        let publicValue = (try? JSONValue.parse(Data(publicBody.utf8))) ?? .null
        var openings: [JSONPointer: LedgerEntry.Opening] = [:]
        openings.reserveCapacity(pointers.count)
        for (index, pointer) in pointers.enumerated() {
            guard let value = keptValues[pointer.description] ?? publicValue.value(at: pointer) else { continue }
            openings[pointer] = .init(salt: hex(salts[salts.startIndex + index * 32 ..< salts.startIndex + index * 32 + 32]), value: value)
        }
        return openings
    }

    /// The stored values beside the salts: a canonical object of pointer to value, or nil when there is none.
    static func kept(_ values: JSONObject) -> String? {
        values.isEmpty ? nil : CanonicalJSON.string(.object(values))
    }

    private static func nibble(_ digit: UInt8) -> UInt8 {
        digit >= UInt8(ascii: "a") ? digit - UInt8(ascii: "a") + 10 : digit - UInt8(ascii: "0")
    }
}
