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

    private func parts(_ date: Date) -> (day: Day, hour: Int, minute: Int) {
        let local = rfc3339(date)
        let chars = Array(local)
        return (Day(date, in: timeZone), Int(String(chars[11...12]))!, Int(String(chars[14...15]))!)
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
        return String(format: language == "en" ? "%02d:%02d" : "%02d.%02d", hour, minute)
    }

    /// "23 november 2026 kl. 14.30" / "23 November 2026 at 14:30".
    public func dayAndTime(_ date: Date) -> String {
        "\(day(date)) \(language == "en" ? "at" : "kl.") \(time(date))"
    }

    /// "november 2026" for an archive month.
    public func month(_ month: ArchiveMonth) -> String {
        let months = language == "en" ? Self.englishMonths : Self.swedishMonths
        return "\(months[month.month - 1]) \(month.year)"
    }
}
