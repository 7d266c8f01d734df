import Foundation

extension Timestamp {
    /// The first instant the register accepts: 1900-01-01T00:00:00Z.
    public static let earliest = Date(timeIntervalSince1970: TimeInterval(Day.days(year: 1900, month: 1, day: 1) * 86_400))
    /// The first instant after the last one it accepts: 2201-01-01T00:00:00Z.
    public static let end = Date(timeIntervalSince1970: TimeInterval(Day.days(year: 2201, month: 1, day: 1) * 86_400))
    /// The largest offset from UTC written with a time: 14 hours (Kiribati).
    public static let maximumOffset = 14 * 3600

    /// Whether the register accepts `date`: from 1900 up to the end of 2200 (UTC).
    public static func isInRange(_ date: Date) -> Bool {
        earliest <= date && date < end
    }

    /// Reads a time given as input, as `parse` does, but refuses what `parse` would
    /// quietly guess or drop: an instant outside 1900–2200, an offset beyond ±14:00, a
    /// fraction of a second, and a local time (no offset) that the clock change in
    /// `timeZone` skips (spring) or repeats (autumn, where the offset tells which).
    public static func read(_ text: String, timeZone: TimeZone) throws(Refusal) -> Date {
        let shown = ValidationError.quote(text)
        guard let parts = Parts(text) else {
            throw Refusal("\(shown) is not a date and time like 2026-11-23T14:30:00+01:00 or 2026-11-23T14:30", rule: .notADate)
        }
        if parts.hasFraction { throw Refusal("\(shown) has a fraction of a second; the register keeps whole seconds") }
        let date: Date
        if let offset = parts.offsetSeconds {
            guard abs(offset) <= maximumOffset else { throw Refusal("\(shown) has an offset beyond ±14:00") }
            date = Date(timeIntervalSince1970: TimeInterval(parts.wall - Int64(offset)))
        } else {
            let wall = Date(timeIntervalSince1970: TimeInterval(parts.wall))
            guard isInRange(wall) else { throw Refusal("\(shown) is outside the years 1900 to 2200", rule: .outsideYears) }
            let candidates = Set([-86_400, 0, 86_400].map { timeZone.secondsFromGMT(for: wall.addingTimeInterval(TimeInterval($0))) })
            let instants = candidates.sorted(by: >).compactMap { offset -> Date? in
                let instant = wall.addingTimeInterval(TimeInterval(-offset))
                return timeZone.secondsFromGMT(for: instant) == offset ? instant : nil
            }
            switch instants.count {
            case 0:
                throw Refusal("\(shown) does not exist in \(timeZone.identifier): the clocks are put forward at that hour; give another time or an offset", rule: .skippedHour)
            case 1:
                date = instants[0]
            default:
                let offsets = instants.map { Timestamp.offsetText(timeZone.secondsFromGMT(for: $0)) }
                throw Refusal("\(shown) happens twice in \(timeZone.identifier): the clocks are put back at that hour; add the offset, \(offsets.joined(separator: " or "))", rule: .repeatedHour)
            }
        }
        guard isInRange(date) else { throw Refusal("\(shown) is outside the years 1900 to 2200", rule: .outsideYears) }
        return date
    }

    /// "+01:00" for 3600 seconds east of UTC.
    public static func offsetText(_ seconds: Int) -> String {
        let minutes = abs(seconds) / 60
        let hours = minutes / 60, rest = minutes % 60
        return (seconds < 0 ? "-" : "+") + (hours < 10 ? "0" : "") + "\(hours):" + (rest < 10 ? "0" : "") + "\(rest)"
    }
}
