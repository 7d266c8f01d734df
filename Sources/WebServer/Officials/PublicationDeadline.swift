import Foundation
import RegisterCore

/// When a meeting should be published: `days` after the day it took place, in the
/// register's time zone. A draft is due soon in the last `dueSoonDays` before that
/// day, and overdue after it. (14 days until the register has its
/// `publication-deadline-days` setting.)
struct PublicationDeadline: Sendable {
    static let defaultDays = 14
    static let dueSoonDays = 3
    let days: Int
    let timeZone: TimeZone

    enum State: Sendable { case overdue, dueSoon, later }

    func deadline(of meeting: Meeting) -> Day {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let date = calendar.date(byAdding: .day, value: days, to: meeting.startsAt) ?? meeting.startsAt
        return Day(date, in: timeZone)
    }

    func state(of meeting: Meeting, now: Date) -> State {
        let deadline = deadline(of: meeting), today = Day(now, in: timeZone)
        if deadline < today { return .overdue }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let soon = Day(calendar.date(byAdding: .day, value: Self.dueSoonDays, to: now) ?? now, in: timeZone)
        return deadline <= soon ? .dueSoon : .later
    }
}
