import Foundation
import RegisterCore

/// How the times of one TZID become instants: by the file's own VTIMEZONE (the only
/// way for Outlook's Windows names such as "W. Europe Standard Time"), or by
/// Foundation's time zone database for an IANA name the file does not describe, and
/// for floating times the register's zone.
enum ZoneRules: Sendable {
    case described(VTimeZone)
    case system(TimeZone)

    /// Seconds east of UTC at the instant `utc` (seconds since 1970).
    func offset(atUTC utc: Int64) -> Int {
        switch self {
        case .described(let zone): zone.offset(atUTC: utc)
        case .system(let zone): zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(utc)))
        }
    }

    /// The instant a wall time names, as RFC 5545 §3.3.5 says: a time the autumn
    /// change repeats is its first occurrence, and a time the spring change skips is
    /// read with the offset from before the gap.
    func instant(of wall: WallTime) -> Date {
        let seconds = wall.seconds
        let candidates = Set([-86_400, 0, 86_400].map { offset(atUTC: seconds + Int64($0)) })
        let valid = candidates.filter { offset(atUTC: seconds - Int64($0)) == $0 }
        let chosen = valid.max() ?? offset(atUTC: seconds - 86_400)
        return Date(timeIntervalSince1970: TimeInterval(seconds - Int64(chosen)))
    }
}

/// A VTIMEZONE (RFC 5545 §3.6.5): its STANDARD and DAYLIGHT observances, each an
/// offset taking effect at its onsets (DTSTART, a yearly RRULE, RDATEs).
struct VTimeZone: Sendable {
    var tzid: String
    var observances: [Observance]

    struct Observance: Sendable {
        var start: WallTime
        var offsetFrom: Int
        var offsetTo: Int
        var rule: YearlyRule?
        var dates: [WallTime]

        /// The latest onset at or before `utc`, as an instant.
        func latestOnset(atOrBefore utc: Int64) -> Int64? {
            var best: Int64?
            func consider(_ wall: WallTime) {
                let onset = wall.seconds - Int64(offsetFrom)
                if onset <= utc, best.map({ onset > $0 }) ?? true { best = onset }
            }
            consider(start)
            dates.forEach(consider)
            if let rule {
                let year = Int(Day.civilYear(ofSeconds: utc + Int64(offsetFrom)))
                for candidate in [year + 1, year, year - 1] where candidate >= start.day.year {
                    if let onset = rule.onset(inYear: candidate, from: start, offsetFrom: offsetFrom) { consider(onset) }
                }
            }
            return best
        }
    }

    func offset(atUTC utc: Int64) -> Int {
        var current: (onset: Int64, offset: Int)?
        for observance in observances {
            if let onset = observance.latestOnset(atOrBefore: utc), current.map({ onset > $0.onset }) ?? true {
                current = (onset, observance.offsetTo)
            }
        }
        return current?.offset ?? observances.min { $0.start < $1.start }!.offsetFrom
    }

    init(_ component: CalendarComponent) throws(CalendarError) {
        guard let tzid = try component.single("TZID")?.value, !tzid.isEmpty else {
            throw CalendarError(line: component.line, "the VTIMEZONE has no TZID")
        }
        self.tzid = tzid
        var observances: [Observance] = []
        for part in component.components where part.name == "STANDARD" || part.name == "DAYLIGHT" {
            func required(_ name: String) throws(CalendarError) -> ContentLine {
                guard let line = try part.single(name) else {
                    throw CalendarError(line: part.line, "the \(part.name) of time zone '\(tzid)' has no \(name)")
                }
                return line
            }
            let startLine = try required("DTSTART")
            guard case .local(let start) = CalendarTimeValue.parse(startLine.value) else {
                throw startLine.error("'\(startLine.value)' is not a local date and time like 16010101T030000")
            }
            let rule = try part.single("RRULE").map { line throws(CalendarError) in try YearlyRule(line) }
            var dates: [WallTime] = []
            for line in part.properties("RDATE") {
                for text in line.value.split(separator: ",") {
                    guard case .local(let wall) = CalendarTimeValue.parse(String(text)) else {
                        throw line.error("'\(text)' is not a local date and time")
                    }
                    dates.append(wall)
                }
            }
            observances.append(Observance(start: start, offsetFrom: try Self.offset(required("TZOFFSETFROM")),
                                          offsetTo: try Self.offset(required("TZOFFSETTO")), rule: rule, dates: dates))
        }
        guard !observances.isEmpty else {
            throw CalendarError(line: component.line, "time zone '\(tzid)' has neither STANDARD nor DAYLIGHT")
        }
        self.observances = observances
    }

    /// "+0100", "-0500", "+053000" (UTC-OFFSET, RFC 5545 §3.3.14).
    static func offset(_ line: ContentLine) throws(CalendarError) -> Int {
        let text = Array(line.value.utf8)
        let digits = text.dropFirst().map { Int($0) - 0x30 }
        guard text.count == 5 || text.count == 7, text[0] == UInt8(ascii: "+") || text[0] == UInt8(ascii: "-"),
              digits.allSatisfy({ (0...9).contains($0) }) else {
            throw line.error("'\(line.value)' is not an offset like +0100")
        }
        let hours = digits[0] * 10 + digits[1], minutes = digits[2] * 10 + digits[3]
        let seconds = digits.count == 6 ? digits[4] * 10 + digits[5] : 0
        guard hours <= 14, minutes < 60, seconds < 60 else { throw line.error("'\(line.value)' is beyond ±14:00") }
        return (text[0] == UInt8(ascii: "-") ? -1 : 1) * (hours * 3600 + minutes * 60 + seconds)
    }
}

/// The yearly rules time zones are written with: `FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU`
/// (the last Sunday of March), `BYDAY=2SU`, `BYDAY=SU;BYMONTHDAY=8,…,14`, or a fixed
/// `BYMONTHDAY`, with UNTIL or COUNT. Anything else is refused rather than misread.
struct YearlyRule: Sendable {
    var month: Int
    /// Sunday = 0 … Saturday = 6, with the ordinal (-1 the last; nil any in `monthDays`).
    var weekday: (day: Int, ordinal: Int?)?
    var monthDays: [Int]
    var until: CalendarTimeValue?
    var count: Int?

    static let weekdays = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"]

    init(_ line: ContentLine) throws(CalendarError) {
        var parts: [String: String] = [:]
        for part in line.value.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { throw line.error("'\(part)' is not NAME=value") }
            parts[pair[0].uppercased()] = pair[1].uppercased()
        }
        guard parts.removeValue(forKey: "FREQ") == "YEARLY" else { throw line.error("a time zone's rule must be FREQ=YEARLY") }
        if let interval = parts.removeValue(forKey: "INTERVAL"), interval != "1" {
            throw line.error("a time zone's rule with INTERVAL=\(interval) is not supported")
        }
        parts.removeValue(forKey: "WKST")
        guard let monthText = parts.removeValue(forKey: "BYMONTH"), let month = Int(monthText), (1...12).contains(month) else {
            throw line.error("a time zone's rule needs one BYMONTH from 1 to 12")
        }
        self.month = month
        monthDays = []
        if let days = parts.removeValue(forKey: "BYMONTHDAY") {
            for text in days.split(separator: ",") {
                guard let day = Int(text), (1...31).contains(day) else { throw line.error("BYMONTHDAY '\(text)' is not a day of the month") }
                monthDays.append(day)
            }
        }
        if let byDay = parts.removeValue(forKey: "BYDAY") {
            guard let index = Self.weekdays.firstIndex(of: String(byDay.suffix(2))) else {
                throw line.error("BYDAY '\(byDay)' is not one weekday such as -1SU or 2SU")
            }
            let prefix = byDay.dropLast(2)
            if prefix.isEmpty {
                guard !monthDays.isEmpty else { throw line.error("BYDAY '\(byDay)' needs an ordinal (such as -1SU) or a BYMONTHDAY") }
                weekday = (index, nil)
            } else {
                guard let ordinal = Int(prefix), ordinal != 0, (-5...5).contains(ordinal) else {
                    throw line.error("BYDAY '\(byDay)' is not one weekday such as -1SU or 2SU")
                }
                weekday = (index, ordinal)
            }
        } else {
            guard monthDays.count == 1 else { throw line.error("a time zone's rule needs BYDAY or one BYMONTHDAY") }
            weekday = nil
        }
        if let text = parts.removeValue(forKey: "UNTIL") {
            guard let value = CalendarTimeValue.parse(text) else { throw line.error("UNTIL '\(text)' is not a date or date-time") }
            until = value
        }
        if let text = parts.removeValue(forKey: "COUNT") {
            guard let value = Int(text), value > 0 else { throw line.error("COUNT '\(text)' is not a positive number") }
            count = value
        }
        if let unknown = parts.keys.sorted().first {
            throw line.error("\(unknown) is not supported in a time zone's rule")
        }
    }

    /// The onset in `year`, if the rule has one there on or after `start`.
    func onset(inYear year: Int, from start: WallTime, offsetFrom: Int) -> WallTime? {
        guard let day = day(inYear: year) else { return nil }
        let onset = start.on(day)
        guard onset >= start else { return nil }
        if let count, year - start.day.year >= count { return nil }
        switch until {
        case .utc(let limit): if onset.seconds - Int64(offsetFrom) > limit.seconds { return nil }
        case .local(let limit): if onset > limit { return nil }
        case .date(let limit): if onset.day > limit { return nil }
        case nil: break
        }
        return onset
    }

    private func day(inYear year: Int) -> Day? {
        let length = Day.length(ofMonth: month, year: year)
        func weekdayOf(_ dayOfMonth: Int) -> Int {
            let days = Day.days(year: year, month: month, day: dayOfMonth)
            return Int(((days + 4) % 7 + 7) % 7)
        }
        let chosen: Int?
        switch weekday {
        case (let target, let ordinal?)?:
            if ordinal > 0 {
                let first = 1 + (target - weekdayOf(1) + 7) % 7 + (ordinal - 1) * 7
                chosen = first <= length ? first : nil
            } else {
                let last = length - (weekdayOf(length) - target + 7) % 7 + (ordinal + 1) * 7
                chosen = last >= 1 ? last : nil
            }
        case (let target, nil)?:
            chosen = monthDays.filter { $0 <= length }.sorted().first { weekdayOf($0) == target }
        case nil:
            chosen = monthDays[0] <= length ? monthDays[0] : nil
        }
        return chosen.flatMap { Day(year: year, month: month, day: $0) }
    }
}

extension Day {
    /// The calendar year of an instant in seconds since 1970.
    static func civilYear(ofSeconds seconds: Int64) -> Int64 {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        return civil(fromDays: days).year
    }
}
