import Foundation
import Testing
@testable import RegisterCore

/// A small register written through the public write methods, whose statistics are
/// worked out by hand below.
private struct StatisticsRegister {
    let fixture: TestRegister
    var register: Register { fixture.register }
    let secondUnit: Int64, secondOfficial: Int64
    let ngo: Int64, authority: Int64, otherOrganisation: Int64, secondIssue: Int64

    init() throws {
        fixture = try TestRegister()
        let register = fixture.register
        secondUnit = try register.add(Unit(name: "Kulturnämnden", kind: .committee), by: .shell)
        secondOfficial = try register.add(Official(name: "Bo Ek", title: "Ordförande", kind: .elected, party: "M", unit: secondUnit,
                                                   activeFrom: Day("2022-11-01")!), by: .shell)
        ngo = try register.add(Organisation(name: "Naturskyddsföreningen", kind: .ngo), by: .shell)
        authority = try register.add(Organisation(name: "Trafikverket", kind: .publicAuthority), by: .shell)
        otherOrganisation = try register.add(Organisation(name: "Byalaget", kind: .other), by: .shell)
        secondIssue = try register.add(Issue(title: "Kulturhuset", summary: "Nytt kulturhus.", position: "För.", unit: secondUnit), by: .shell)

        let a = fixture.official, b = secondOfficial, i1 = fixture.issue, i2 = secondIssue
        let consultancy = Counterpart(organisation: fixture.organisation, onBehalfOf: fixture.client)
        let secret = Withholding(ground: "OSL 19 kap. 3 §")
        // 2026-10-01 00:30 in Stockholm: October.
        try publish("2026-09-30T22:30:00Z", .inbound, .inPerson, [a], [consultancy], [i1])
        try publish("2026-10-20T10:00:00Z", .outbound, .video, [b], [Counterpart(organisation: ngo)], [i1, i2])
        // 2026-12-01 00:30 in Stockholm: December.
        try publish("2026-11-30T23:30:00Z", .inbound, .phone, [a], [Counterpart(organisation: authority)], [i2])
        try publish("2026-12-10T10:00:00Z", .inbound, .inPerson, [a, b],
                    [Counterpart(organisation: nil, people: [CounterpartPerson(name: "Rolf Eriksson", isPrivate: true)])], [i1])
        try publish("2026-12-11T10:00:00Z", .outbound, .video, [a], [Counterpart(organisation: ngo)], [i1], withheld: [.direction: secret])
        try publish("2026-12-12T10:00:00Z", .outbound, .inPerson, [b], [Counterpart(organisation: fixture.organisation)], [i2],
                    withheld: [.counterparts: secret])
        try publish("2027-01-15T10:00:00Z", .inbound, .inPerson, [a], [Counterpart(organisation: otherOrganisation)], [i1],
                    withheld: [.startsAt: secret])
        try publish("2027-02-03T10:00:00Z", .outbound, .inPerson, [a],
                    [Counterpart(organisation: fixture.client), Counterpart(organisation: ngo)], [i2])
        // Neither a draft nor a withdrawn meeting is counted.
        _ = try register.recordMeeting(meeting("2026-10-07T10:00:00Z", .inbound, .inPerson, [a], [consultancy], [i1]), by: .shell)
        let withdrawn = try register.recordAndPublishMeeting(meeting("2026-10-08T10:00:00Z", .inbound, .inPerson, [a], [consultancy], [i1]), by: .shell)
        try register.withdrawMeeting(withdrawn, reason: "Registrerat två gånger", by: .shell)
    }

    func meeting(_ start: String, _ direction: MeetingDirection, _ format: MeetingFormat, _ participants: [Int64],
                 _ counterparts: [Counterpart], _ issues: [Int64], withheld: [MeetingField: Withholding] = [:]) -> Meeting {
        Meeting(startsAt: Timestamp.parse(start)!, durationMinutes: 30, place: "Regionens hus", format: format, direction: direction,
                initiator: .counterpart, participants: participants, counterparts: counterparts, issues: issues,
                subject: "Samtal", summary: "Vi talades vid.", withheld: withheld)
    }

    func publish(_ start: String, _ direction: MeetingDirection, _ format: MeetingFormat, _ participants: [Int64],
                 _ counterparts: [Counterpart], _ issues: [Int64], withheld: [MeetingField: Withholding] = [:]) throws {
        _ = try register.recordAndPublishMeeting(meeting(start, direction, format, participants, counterparts, issues, withheld: withheld), by: .shell)
    }

    func statistics(_ filter: StatisticsFilter = .all) throws -> MeetingStatistics {
        try register.read { try $0.meetingStatistics(filter) }
    }
}

@Suite("Statistics of the published meetings")
struct StatisticsQueryTests {
    @Test func countsOnlyPublishedMeetings() throws {
        let statistics = try StatisticsRegister().statistics()
        #expect(statistics.meetings == 8)
    }

    @Test func countsMeetingsByTheirLocalStartMonthWithEmptyMonthsBetween() throws {
        let statistics = try StatisticsRegister().statistics()
        #expect(statistics.perMonth.map { "\($0.month): \($0.meetings)" } == [
            "2026-10: 2", "2026-11: 0", "2026-12: 4", "2027-01: 0", "2027-02: 1",
        ])
        #expect(statistics.startWithheld == 1)
        #expect(statistics.perMonth.map(\.meetings).reduce(0, +) + statistics.startWithheld == statistics.meetings)
    }

    @Test func monthsFollowTheRegistersTimeZone() throws {
        let fixture = try StatisticsRegister()
        var settings = try fixture.register.settings()
        settings.timeZoneIdentifier = "America/New_York"
        try fixture.register.update(settings: settings, by: .shell)
        let statistics = try fixture.statistics()
        // In New York the first meeting is on 30 September and the third on 30 November.
        #expect(statistics.perMonth.map { "\($0.month): \($0.meetings)" } == [
            "2026-09: 1", "2026-10: 1", "2026-11: 1", "2026-12: 3", "2027-01: 0", "2027-02: 1",
        ])
    }

    @Test func countsDirectionWithWithheldApart() throws {
        let statistics = try StatisticsRegister().statistics()
        #expect([statistics.inbound, statistics.outbound, statistics.directionWithheld] as [Int] == [4, 3, 1])
    }

    @Test func countsMeetingsByGroupOfOrganisationIncludingClients() throws {
        let statistics = try StatisticsRegister().statistics()
        #expect(statistics.byOrganisationGroup == [
            GroupCount(group: .business, meetings: 2), GroupCount(group: .civilSociety, meetings: 3),
            GroupCount(group: .publicBodies, meetings: 1), GroupCount(group: .other, meetings: 1),
        ])
        #expect(statistics.withoutOrganisation == 1)
        #expect(statistics.counterpartsWithheld == 1)
    }

    @Test func ranksOrganisationsAndIssuesByMeetings() throws {
        let fixture = try StatisticsRegister()
        let statistics = try fixture.statistics()
        #expect(statistics.topOrganisations == [
            RankedCount(id: fixture.ngo, name: "Naturskyddsföreningen", meetings: 3),
            RankedCount(id: fixture.fixture.client, name: "Klarälvens Energi AB", meetings: 2),
            RankedCount(id: fixture.fixture.organisation, name: "Nordvind Kommunikation AB", meetings: 1),
            RankedCount(id: fixture.authority, name: "Trafikverket", meetings: 1),
            RankedCount(id: fixture.otherOrganisation, name: "Byalaget", meetings: 1),
        ])
        #expect(statistics.topIssues == [
            RankedCount(id: fixture.fixture.issue, name: "Dubbelspår på Exempelbanan", meetings: 5),
            RankedCount(id: fixture.secondIssue, name: "Kulturhuset", meetings: 4),
        ])
    }

    @Test func keepsAtMostTenOrganisations() throws {
        let fixture = try TestRegister()
        var organisations: [Int64] = []
        for index in 0..<12 {
            organisations.append(try fixture.register.add(Organisation(name: "Förening \(index)", kind: .ngo), by: .shell))
        }
        var meeting = fixture.meeting()
        meeting.counterparts = organisations.map { Counterpart(organisation: $0) }
        _ = try fixture.register.recordAndPublishMeeting(meeting, by: .shell)
        let top = try fixture.register.read { try $0.meetingStatistics() }.topOrganisations
        #expect(top.map(\.id) == Array(organisations.prefix(10)))
    }

    @Test func filtersNarrowEveryCount() throws {
        let fixture = try StatisticsRegister()
        func count(_ filter: StatisticsFilter) throws -> Int { try fixture.statistics(filter).meetings }
        #expect(try count(StatisticsFilter(direction: .inbound)) == 4)
        #expect(try count(StatisticsFilter(format: .phone)) == 1)
        #expect(try count(StatisticsFilter(official: fixture.secondOfficial)) == 3)
        #expect(try count(StatisticsFilter(unit: fixture.secondUnit)) == 3)
        #expect(try count(StatisticsFilter(organisation: fixture.fixture.client)) == 2)
        #expect(try count(StatisticsFilter(issue: fixture.secondIssue)) == 4)
        #expect(try count(StatisticsFilter(organisationKind: .ngo)) == 3)
        #expect(try count(StatisticsFilter(organisationKind: .company)) == 2)
        #expect(try count(StatisticsFilter(from: Day("2026-12-01")!, to: Day("2026-12-31")!)) == 4)
        #expect(try count(StatisticsFilter(to: Day("2026-11-30")!)) == 2)
        #expect(try count(StatisticsFilter(unit: fixture.secondUnit, direction: .inbound)) == 1)

        let inbound = try fixture.statistics(StatisticsFilter(direction: .inbound))
        #expect(inbound.perMonth.map { "\($0.month): \($0.meetings)" } == ["2026-10: 1", "2026-11: 0", "2026-12: 2"])
        #expect([inbound.inbound, inbound.outbound, inbound.directionWithheld] as [Int] == [4, 0, 0])
        #expect(inbound.topIssues.map(\.meetings) == [3, 1])
    }

    @Test func bothQueryPlansCountTheSame() throws {
        let fixture = try StatisticsRegister()
        for filter in [StatisticsFilter.all, StatisticsFilter(direction: .outbound), StatisticsFilter(organisationKind: .ngo)] {
            let (searched, scanned) = try fixture.register.read { snapshot in
                (try snapshot.meetingStatistics(filter, scanThreshold: .max), try snapshot.meetingStatistics(filter, scanThreshold: 0))
            }
            #expect(searched == scanned)
        }
    }

    @Test func anEmptyRegisterHasNoMonths() throws {
        let statistics = try TestRegister().register.read { try $0.meetingStatistics() }
        #expect(statistics.meetings == 0)
        #expect(statistics.perMonth.isEmpty)
        #expect(statistics.topOrganisations.isEmpty)
    }
}
