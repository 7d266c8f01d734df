/// What every text field of the register may hold. Lengths count Unicode scalars
/// (one displayed character can hold any number of them); NUL and the other control
/// characters but tab, line feed and carriage return are refused (SQLite and XML
/// cannot hold them faithfully); a leading byte order mark is refused rather than
/// dropped, so nothing the user sent disappears silently.
enum TextRules {
    static func problem(_ value: String, max: Int) -> String? {
        var count = 0
        for scalar in value.unicodeScalars {
            count += 1
            if scalar == "\0" { return "must not contain U+0000 (NUL)" }
            if isRefusedControl(scalar) {
                return "must not contain the control character U+\(hex(scalar))"
            }
        }
        if count > max { return "is longer than \(max) characters (Unicode scalars); it has \(count)" }
        if value.unicodeScalars.first == "\u{FEFF}" {
            return "begins with U+FEFF (an invisible byte order mark); remove it"
        }
        return nil
    }

    private static func isRefusedControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: false
        case 0x00..<0x20, 0xFFFE, 0xFFFF: true
        default: false
        }
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
