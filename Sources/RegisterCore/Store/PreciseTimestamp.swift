import Foundation

/// Instants of the delivery queue, in UTC with milliseconds ("2026-11-23T13:30:00.250Z"):
/// retry delays can be shorter than a second, which `Timestamp`'s whole seconds cannot
/// hold. All queue times share this fixed width, so they also sort as text.
enum PreciseTimestamp {
    static func format(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        let whole = Timestamp.format(Date(timeIntervalSince1970: TimeInterval(seconds)))
        let fraction = milliseconds - seconds * 1000
        return whole.dropLast() + "." + String(fraction + 1000).dropFirst() + "Z"
    }

    /// Reads this form and `Timestamp`'s whole seconds alike.
    static func parse(_ text: String) -> Date? {
        guard let whole = Timestamp.parse(text) else { return nil }
        guard let dot = text.firstIndex(of: ".") else { return whole }
        let digits = text[text.index(after: dot)...].prefix(while: \.isASCIIDigit).prefix(3)
        let milliseconds = (Int(digits) ?? 0) * [100, 10, 1][max(0, digits.count - 1)]
        return whole.addingTimeInterval(TimeInterval(milliseconds) / 1000)
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
