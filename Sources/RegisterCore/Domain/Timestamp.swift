import Foundation

/// Instants as the register writes them everywhere in data: ISO 8601 in UTC with
/// whole seconds ("2026-11-23T13:30:00Z"). Hand-written because exports format
/// millions of them and Foundation's formatters are slow and not Sendable.
public enum Timestamp {
    public static func format(_ date: Date) -> String {
        String(decoding: bytes(date), as: UTF8.self)
    }

    /// The 20 ASCII bytes of `format(date)`, without building a String.
    public static func bytes(_ date: Date) -> [UInt8] {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = Day.civil(fromDays: days)
        var out = [UInt8](repeating: 0, count: 20)
        put(year, width: 4, into: &out, at: 0)
        out[4] = UInt8(ascii: "-")
        put(Int64(month), width: 2, into: &out, at: 5)
        out[7] = UInt8(ascii: "-")
        put(Int64(day), width: 2, into: &out, at: 8)
        out[10] = UInt8(ascii: "T")
        put(secondOfDay / 3600, width: 2, into: &out, at: 11)
        out[13] = UInt8(ascii: ":")
        put(secondOfDay / 60 % 60, width: 2, into: &out, at: 14)
        out[16] = UInt8(ascii: ":")
        put(secondOfDay % 60, width: 2, into: &out, at: 17)
        out[19] = UInt8(ascii: "Z")
        return out
    }

    private static func put(_ value: Int64, width: Int, into out: inout [UInt8], at offset: Int) {
        var rest = value
        for index in stride(from: offset + width - 1, through: offset, by: -1) {
            out[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
    }

    /// Reads "YYYY-MM-DDTHH:MM[:SS][.fff](Z|±HH:MM)"; without an offset the time is
    /// local to `timeZone`. Returns nil for anything else. Lenient, for the register's
    /// own stored times; input goes through `read(_:timeZone:)`.
    public static func parse(_ text: String, timeZone: TimeZone = RegisterSettings.defaultTimeZone) -> Date? {
        guard let parts = Parts(text) else { return nil }
        guard let offset = parts.offsetSeconds else {
            let guess = Date(timeIntervalSince1970: TimeInterval(parts.wall))
            let offset = timeZone.secondsFromGMT(for: guess.addingTimeInterval(TimeInterval(-timeZone.secondsFromGMT(for: guess))))
            return Date(timeIntervalSince1970: TimeInterval(parts.wall - Int64(offset)))
        }
        return Date(timeIntervalSince1970: TimeInterval(parts.wall - Int64(offset)))
    }

    /// The fields of the text form, before any time zone is applied.
    struct Parts {
        /// Seconds since 1970 of the wall-clock time read as if it were UTC.
        var wall: Int64
        /// The offset written, in seconds east of UTC; nil for a local time.
        var offsetSeconds: Int?
        /// Whether a fraction of a second other than zero was written.
        var hasFraction = false

        init?(_ text: String) {
            let chars = Array(text.utf8)
            func number(_ start: Int, _ count: Int) -> Int? {
                guard start + count <= chars.count else { return nil }
                var value = 0
                for byte in chars[start..<(start + count)] {
                    guard byte >= 0x30, byte <= 0x39 else { return nil }
                    value = value * 10 + Int(byte - 0x30)
                }
                return value
            }
            guard chars.count >= 16, chars[4] == UInt8(ascii: "-"), chars[7] == UInt8(ascii: "-"),
                  chars[10] == UInt8(ascii: "T") || chars[10] == UInt8(ascii: " "), chars[13] == UInt8(ascii: ":"),
                  let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
                  let hour = number(11, 2), let minute = number(14, 2),
                  Day(year: year, month: month, day: day) != nil, hour < 24, minute < 60
            else { return nil }
            var index = 16
            var second = 0
            if index < chars.count, chars[index] == UInt8(ascii: ":") {
                guard let value = number(index + 1, 2), value < 60 else { return nil }
                second = value
                index += 3
                if index < chars.count, chars[index] == UInt8(ascii: ".") {
                    index += 1
                    let start = index
                    while index < chars.count, chars[index] >= 0x30, chars[index] <= 0x39 {
                        if chars[index] != 0x30 { hasFraction = true }
                        index += 1
                    }
                    guard index > start else { return nil }
                }
            }
            wall = Day.days(year: year, month: month, day: day) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
            if index == chars.count { return }
            if chars[index] == UInt8(ascii: "Z"), index + 1 == chars.count {
                offsetSeconds = 0
                return
            }
            guard chars[index] == UInt8(ascii: "+") || chars[index] == UInt8(ascii: "-"),
                  index + 6 == chars.count, chars[index + 3] == UInt8(ascii: ":"),
                  let offsetHours = number(index + 1, 2), let offsetMinutes = number(index + 4, 2), offsetMinutes < 60
            else { return nil }
            offsetSeconds = (chars[index] == UInt8(ascii: "+") ? 1 : -1) * (offsetHours * 3600 + offsetMinutes * 60)
        }
    }
}
