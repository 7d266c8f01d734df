/// What every text field of the register may hold. Lengths count Unicode scalars
/// (one displayed character can hold any number of them); NUL is refused (it has cut
/// SQLite's copy of a string short); a leading byte order mark is refused rather
/// than dropped (a JSON reader on the way to the ledger drops it), so nothing the
/// user sent disappears silently.
enum TextRules {
    static func problem(_ value: String, max: Int) -> Refusal? {
        var count = 0
        for scalar in value.unicodeScalars {
            count += 1
            if scalar == "\0" { return Refusal("must not contain U+0000 (NUL)", rule: .nulCharacter) }
        }
        if count > max { return Refusal("is longer than \(max) characters (Unicode scalars); it has \(count)", rule: .tooLong(max: max)) }
        if value.unicodeScalars.first == "\u{FEFF}" {
            return Refusal("begins with U+FEFF (an invisible byte order mark); remove it", rule: .byteOrderMark)
        }
        return nil
    }

    static func hex(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

extension String {
    /// Without leading and trailing white space (Unicode's White_Space property);
    /// invisible format characters such as U+200B or U+200F are kept.
    var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
