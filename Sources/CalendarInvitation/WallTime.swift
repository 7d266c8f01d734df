import RegisterCore

/// A date and time as a clock on the wall shows it, before any time zone: the form of
/// DATE-TIME values (RFC 5545 §3.3.5) and of a VTIMEZONE's onsets.
struct WallTime: Sendable, Equatable, Comparable {
    var day: Day
    var hour: Int
    var minute: Int
    var second: Int

    /// Seconds since 1970 of this wall time read as if it were UTC.
    var seconds: Int64 {
        Day.days(year: day.year, month: day.month, day: day.day) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    static func < (lhs: WallTime, rhs: WallTime) -> Bool { lhs.seconds < rhs.seconds }

    /// The same time of day on `day`.
    func on(_ day: Day) -> WallTime { WallTime(day: day, hour: hour, minute: minute, second: second) }
}

/// A DATE-TIME or DATE value as written.
enum CalendarTimeValue: Sendable, Equatable {
    case utc(WallTime)
    case local(WallTime)
    case date(Day)

    /// "20261123T143000", "20261123T133000Z", or with VALUE=DATE "20261123".
    static func parse(_ text: String) -> CalendarTimeValue? {
        let bytes = Array(text.utf8)
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[start..<(start + count)] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard bytes.count >= 8, let year = number(0, 4), let month = number(4, 2), let dayOfMonth = number(6, 2),
              let day = Day(year: year, month: month, day: dayOfMonth) else { return nil }
        if bytes.count == 8 { return .date(day) }
        guard bytes.count == 15 || bytes.count == 16 && bytes[15] == UInt8(ascii: "Z"), bytes[8] == UInt8(ascii: "T"),
              let hour = number(9, 2), let minute = number(11, 2), let second = number(13, 2),
              hour < 24, minute < 60, second < 61 else { return nil }
        let wall = WallTime(day: day, hour: hour, minute: minute, second: min(second, 59))
        return bytes.count == 16 ? .utc(wall) : .local(wall)
    }
}

/// DURATION values (RFC 5545 §3.3.6): "PT1H30M", "P1D", "P2W", "-PT15M".
enum CalendarDuration {
    static func seconds(_ text: String) -> Int64? {
        var scalars = Substring(text)
        var sign: Int64 = 1
        if scalars.first == "+" || scalars.first == "-" {
            if scalars.first == "-" { sign = -1 }
            scalars = scalars.dropFirst()
        }
        guard scalars.first == "P" else { return nil }
        scalars = scalars.dropFirst()
        var total: Int64 = 0
        var inTime = false
        var digits = ""
        var units = 0
        for character in scalars {
            if character.isASCII, character.isNumber {
                digits.append(character)
                guard digits.count <= 9 else { return nil }
                continue
            }
            if character == "T" {
                guard digits.isEmpty, !inTime else { return nil }
                inTime = true
                continue
            }
            guard let value = Int64(digits) else { return nil }
            digits = ""
            units += 1
            switch (character, inTime) {
            case ("W", false): total += value * 7 * 86_400
            case ("D", false): total += value * 86_400
            case ("H", true): total += value * 3600
            case ("M", true): total += value * 60
            case ("S", true): total += value
            default: return nil
            }
        }
        guard digits.isEmpty, units > 0 else { return nil }
        return sign * total
    }
}
