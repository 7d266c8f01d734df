import Foundation
import Publishing
import RegisterCore

/// The statistics page's timeliness section: the share of published meetings published
/// within the deadline, overall, per month of the meeting and per unit, each as a
/// table (from public values only: the meeting's time and its first publication).
struct TimelinessSection: Sendable {
    struct Row: Sendable {
        let label: String
        let meetings: String
        let inTime: String
        let share: String
    }

    let intro: String
    let overall: String?
    let months: [Row]
    let units: [Row]
    let hasMeetings: Bool

    init(_ statistics: PublicationTimelinessStatistics, context: PageContext) {
        let number = { (value: Int) in StatisticsView.number(value, context.language) }
        func percent(_ count: TimelinessCount) -> String {
            let value = Int((count.share * 100).rounded())
            return context.language == .en ? "\(value) %" : "\(value)\u{00A0}%"
        }
        func row(_ count: TimelinessCount) -> Row {
            Row(label: count.label, meetings: number(count.meetings), inTime: number(count.withinDeadline), share: percent(count))
        }
        intro = context.strings.format("auditTimelinessIntro", String(statistics.deadlineDays))
        hasMeetings = statistics.overall.meetings > 0
        overall = hasMeetings ? context.strings.format("auditTimelinessOverall", number(statistics.overall.meetings),
                                                       number(statistics.overall.withinDeadline), percent(statistics.overall)) : nil
        months = statistics.perMonth.map(row)
        units = statistics.perUnit.map(row)
    }
}
