/// The TEXT value type's escapes (RFC 5545 §3.3.11): `\n` or `\N` is a line break,
/// `\,` `\;` `\\` the character itself.
enum CalendarText {
    static func unescaped(_ value: String) -> String {
        guard value.contains("\\") else { return value }
        var out = ""
        var escaping = false
        for character in value {
            if escaping {
                out += character == "n" || character == "N" ? "\n" : String(character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                out.append(character)
            }
        }
        return escaping ? out + "\\" : out
    }
}
