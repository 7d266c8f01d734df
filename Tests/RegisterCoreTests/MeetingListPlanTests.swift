import Foundation
import Testing
@testable import RegisterCore

/// A filtered list read from a subject's own listing must hold exactly the meetings,
/// in exactly the order, that the general walk over the full-text index gives.
@Suite("The meeting list's two plans")
struct MeetingListPlanTests {
    @Test func aListReadFromASubjectsListingEqualsTheIndexWalkForEveryFilter() throws {
        let register = try Register.inMemory()
        try BenchmarkRegister.fill(register, meetings: 400)
        let meetings = try register.publicMeetings()
        let first = try #require(meetings.first { ($0.counterparts?.count ?? 0) > 0 && ($0.issues?.count ?? 0) > 0 })
        let official = try #require(first.participants?.first)
        let organisation = try #require(first.counterparts?.first?.organisation)
        let issue = try #require(first.issues?.first)
        let unit = try #require(try register.officials().first { $0.id == official }).unit
        let client = try #require(meetings.flatMap { $0.counterparts ?? [] }.compactMap(\.onBehalfOf).first)
        let kind = try #require(try register.organisations().first { $0.id == organisation }).kind
        let word = try #require(first.subject?.split(separator: " ").first { $0.count > 4 }.map { $0.lowercased() })
        let searches: [MeetingSearch] = [
            MeetingSearch(issue: issue),
            MeetingSearch(official: official),
            MeetingSearch(organisation: organisation),
            MeetingSearch(organisation: client),
            MeetingSearch(unit: unit),
            MeetingSearch(issue: issue, direction: .inbound),
            MeetingSearch(official: official, issue: issue),
            MeetingSearch(unit: unit, format: .inPerson),
            MeetingSearch(unit: unit, kind: kind),
            MeetingSearch(text: word, unit: unit),
            MeetingSearch(from: Day("2025-01-01"), to: Day("2026-06-30"), unit: unit, direction: .outbound),
        ]
        var compared = 0
        for search in searches {
            for order in [MeetingListQuery.Order.newestStart, .oldestStart] {
                let bySubject = try pages(register, search: search, order: order, subjects: true)
                let byIndex = try pages(register, search: search, order: order, subjects: false)
                #expect(bySubject == byIndex, "\(search) \(order)")
                compared += byIndex.count
            }
        }
        #expect(compared > 200)
    }

    /// Every page of the list, seven at a time, by the chosen plan.
    private func pages(_ register: Register, search: MeetingSearch, order: MeetingListQuery.Order, subjects: Bool) throws -> [Int64] {
        var ids: [Int64] = []
        var query = MeetingListQuery(search: search, order: order, limit: 7)
        try register.read { snapshot in
            let plan = try SearchPlan(search, timeZone: try snapshot.settings().timeZone, in: snapshot.db)
            while true {
                let page = if subjects, let subject = try snapshot.narrowestSubject(search) {
                    try snapshot.subjectList(query, plan: plan, from: subject)
                } else {
                    try snapshot.indexList(query, plan: plan)
                }
                ids += page.meetings.map(\.id)
                guard let next = page.next else { break }
                query.after = next
            }
        }
        return ids
    }
}
