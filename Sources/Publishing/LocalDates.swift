import Foundation
import RegisterCore

/// Dates as the public reads them: RFC 3339 with the body's local offset in feeds
/// ("2026-11-23T14:30:00+01:00"), and the Swedish way in running text
/// ("23 november 2026 kl. 14.30"), or the English way for English documents.
public struct LocalDates: Sendable {
    public let timeZone: TimeZone
    public let language: String

    public init(timeZone: TimeZone, language: String) {
        self.timeZone = timeZone
        self.language = language
    }

    static let swedishMonths = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
                                "oktober", "november", "december"]
    static let englishMonths = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                                "October", "November", "December"]

    /// RFC 3339 in local time with its offset.
    public func rfc3339(_ date: Date) -> String {
        Timestamp.format(date, offsetIn: timeZone)
    }

    /// The local day, hour and minute of `date`, as `rfc3339` writes them.
    private func parts(_ date: Date) -> (day: Day, hour: Int, minute: Int) {
        let local = Int64(date.timeIntervalSince1970.rounded(.down)) + Int64(timeZone.secondsFromGMT(for: date))
        let second = Int((local % 86_400 + 86_400) % 86_400)
        return (Day(date, in: timeZone), second / 3_600, second % 3_600 / 60)
    }

    /// "23 november 2026" / "23 November 2026".
    public func day(_ date: Date) -> String {
        let (day, _, _) = parts(date)
        return text(day)
    }

    public func text(_ day: Day) -> String {
        let months = language == "en" ? Self.englishMonths : Self.swedishMonths
        return "\(day.day) \(months[day.month - 1]) \(day.year)"
    }

    /// "14.30" / "14:30".
    public func time(_ date: Date) -> String {
        let (_, hour, minute) = parts(date)
        return time(hour: hour, minute: minute)
    }

    private func time(hour: Int, minute: Int) -> String {
        hour.zeroPadded(2) + (language == "en" ? ":" : ".") + minute.zeroPadded(2)
    }

    /// "23 november 2026 kl. 14.30" / "23 November 2026 at 14:30".
    public func dayAndTime(_ date: Date) -> String {
        let (day, hour, minute) = parts(date)
        return "\(text(day)) \(language == "en" ? "at" : "kl.") \(time(hour: hour, minute: minute))"
    }

    /// "november 2026" for an archive month.
    public func month(_ month: ArchiveMonth) -> String {
        let months = language == "en" ? Self.englishMonths : Self.swedishMonths
        return "\(months[month.month - 1]) \(month.year)"
    }
}
