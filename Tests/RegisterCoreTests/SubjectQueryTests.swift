import Foundation
import GRDB
import Testing
@testable import RegisterCore

/// A register whose footprint was counted by hand: two units, two officials, a
/// consultancy acting for a client, an NGO, a company met only on a withdrawn
/// meeting and on a draft, two issues.
struct FootprintRegister {
    let register: Register
    let units: (board: Int64, committee: Int64)
    let officials: (anna: Int64, erik: Int64)
    let consultancy: Int64, client: Int64, ngo: Int64, company: Int64
    let issues: (railway: Int64, ferry: Int64)
    /// Ids of the published meetings, in the order written: [1 … 7] of the comments below.
    var published: [Int64] = []
    var draft: Int64 = 0
    var withdrawn: Int64 = 0

    init() throws {
        register = try Register.inMemory(clock: { Timestamp.parse("2026-11-23T12:00:00Z")! })
        units = (try register.add(Unit(name: "Regionstyrelsen", kind: .board), by: .shell),
                 try register.add(Unit(name: "Kulturnämnden", kind: .committee), by: .shell))
        officials = (try register.add(Official(name: "Anna Lindqvist", title: "Regionråd", kind: .elected, party: "S",
                                               unit: units.board, activeFrom: Day("2022-11-01")!), by: .shell),
                     try register.add(Official(name: "Erik Berg", title: "Kulturchef", kind: .staff,
                                               unit: units.committee, activeFrom: Day("2020-01-01")!), by: .shell))
        consultancy = try register.add(Organisation(name: "Nordvind Kommunikation AB", kind: .consultancy,
                                                    organisationNumber: "556802-3450"), by: .shell)
        client = try register.add(Organisation(name: "Klarälvens Energi AB", kind: .company, organisationNumber: "5567101232"), by: .shell)
        ngo = try register.add(Organisation(name: "Naturskyddsföreningen i Värmland", kind: .ngo), by: .shell)
        company = try register.add(Organisation(name: "Vänerhamn AB", kind: .company), by: .shell)
        issues = (try register.add(Issue(title: "Dubbelspår på Exempelbanan", summary: "Utbyggnad.", position: "För.", unit: units.board), by: .shell),
                  try register.add(Issue(title: "Färjeläget", summary: "Flytt.", position: "Emot.", unit: units.committee), by: .shell))

        let onBehalf = Counterpart(organisation: consultancy, onBehalfOf: client)
        let ngo = Counterpart(organisation: ngo)
        let withheldDirection = [MeetingField.direction: Withholding(ground: "OSL 19 kap. 3 §")]
        let withheldCounterparts = [MeetingField.counterparts: Withholding(ground: "OSL 19 kap. 3 §")]
        let railway = issues.railway, ferry = issues.ferry, anna = officials.anna, erik = officials.erik
        let written: [Meeting] = [
            meeting(day: 1, .inbound, [anna], [onBehalf], [railway]),                       // 1
            meeting(day: 2, .outbound, [anna], [ngo], [railway]),                           // 2
            meeting(day: 3, .inbound, [erik], [ngo, onBehalf], [railway]),                  // 3
            meeting(day: 4, .outbound, [anna], [ngo], [railway], withheld: withheldDirection), // 4
            meeting(day: 5, .inbound, [anna], [ngo], [railway], withheld: withheldCounterparts), // 5
            meeting(day: 6, .inbound, [erik], [onBehalf], [ferry]),                         // 6
            meeting(day: 7, .outbound, [anna, erik], [onBehalf], [railway, ferry]),         // 7
        ]
        for meeting in written {
            published.append(try register.recordAndPublishMeeting(meeting, by: .shell))
        }
        draft = try register.recordMeeting(meeting(day: 8, .inbound, [anna], [Counterpart(organisation: company)], [railway]), by: .shell)
        withdrawn = try register.recordAndPublishMeeting(meeting(day: 9, .inbound, [anna], [Counterpart(organisation: company)], [railway]), by: .shell)
        try register.withdrawMeeting(withdrawn, reason: "Registrerat av misstag.", by: .shell)
    }

    private func meeting(day: Int, _ direction: MeetingDirection, _ participants: [Int64], _ counterparts: [Counterpart],
                         _ issues: [Int64], withheld: [MeetingField: Withholding] = [:]) -> Meeting {
        Meeting(startsAt: Timestamp.parse(String(format: "2026-10-%02dT09:00:00Z", day))!, durationMinutes: 30, place: "Regionens hus",
                format: .inPerson, direction: direction, initiator: .counterpart, participants: participants,
                counterparts: counterparts, issues: issues, subject: "Möte \(day)", summary: "Samtal.", withheld: withheld)
    }
}

@Suite("The reads of the issue, official, organisation and unit pages")
struct SubjectQueryTests {
    @Test func issueFootprintCountsPublishedMeetingsPerOrganisationAndClientByDirection() throws {
        let fixture = try FootprintRegister()
        let footprint = try fixture.register.read { try $0.footprint(.issue(fixture.issues.railway)) }
        // railway: meetings 1, 2, 3, 4, 5, 7 published; the draft and the withdrawn one do not count.
        // Three meetings each: ties go by organisation id, a counterpart before a client.
        #expect(footprint.entries == [
            FootprintEntry(organisation: fixture.consultancy, role: .counterpart, meetings: 3, inbound: 2, outbound: 1), // 1, 3, 7
            FootprintEntry(organisation: fixture.client, role: .client, meetings: 3, inbound: 2, outbound: 1,
                           representedBy: [fixture.consultancy]),
            FootprintEntry(organisation: fixture.ngo, role: .counterpart, meetings: 3, inbound: 1, outbound: 1),   // 2, 3, 4 (direction withheld)
        ])
        #expect(footprint.meetingsWithWithheldCounterparts == 1)   // 5
        #expect(!footprint.entries.contains { $0.organisation == fixture.company })
    }

    @Test func footprintOrdersByMeetingsThenOrganisationAndHonoursTheLimit() throws {
        let fixture = try FootprintRegister()
        let footprint = try fixture.register.read { try $0.footprint(.official(fixture.officials.anna)) }
        // Anna: 1, 2, 4, 5, 7. ngo: 2, 4 → 2; consultancy: 1, 7 → 2 (in 1, out 1); client likewise.
        #expect(footprint.entries.map(\.organisation) == [fixture.consultancy, fixture.client, fixture.ngo])
        #expect(footprint.entries.map(\.meetings) == [2, 2, 2])
        #expect(footprint.entries[0].inbound == 1 && footprint.entries[0].outbound == 1)
        #expect(footprint.entries[2].inbound == 0 && footprint.entries[2].outbound == 1)
        let top = try fixture.register.read { try $0.footprint(.official(fixture.officials.anna), limit: 1) }
        #expect(top.entries.map(\.organisation) == [fixture.consultancy])
    }

    @Test func footprintCutAtATieBetweenACounterpartAndAClientKeepsTheCounterpartFirst() throws {
        let fixture = try FootprintRegister()
        let railway = try fixture.register.read { try $0.footprint(.issue(fixture.issues.railway), limit: 2) }
        #expect(railway.entries.map(\.organisation) == [fixture.consultancy, fixture.client])
        #expect(railway.entries[1].representedBy == [fixture.consultancy])
        let none = try fixture.register.read { try $0.footprint(.issue(fixture.issues.railway), limit: 0) }
        #expect(none.entries.isEmpty)
    }

    @Test func mergingCounterpartsAndClientsGivesTheOrderOfSortingThemTogether() {
        var generator = SplitMix64(seed: 12)
        func entries(_ role: FootprintEntry.Role, _ count: Int) -> [FootprintEntry] {
            let organisations = (1...40).map { Int64($0) }.shuffled(using: &generator).prefix(count)
            return organisations.map { FootprintEntry(organisation: $0, role: role, meetings: Int.random(in: 1...6, using: &generator),
                                                      inbound: 0, outbound: 0) }
                .sorted { ($0.meetings, -$0.organisation) > ($1.meetings, -$1.organisation) }
        }
        for _ in 0..<50 {
            let counterparts = entries(.counterpart, Int.random(in: 0...30, using: &generator))
            let clients = entries(.client, Int.random(in: 0...10, using: &generator))
            let sorted = (counterparts + clients).sorted { a, b in
                (a.meetings, -a.organisation, a.role == .counterpart ? 1 : 0) > (b.meetings, -b.organisation, b.role == .counterpart ? 1 : 0)
            }
            #expect(RegisterSnapshot.merged(counterparts, clients, limit: nil) == sorted)
            for limit in [0, 1, 5, 100] {
                #expect(RegisterSnapshot.merged(counterparts, clients, limit: limit) == Array(sorted.prefix(limit)))
            }
        }
    }

    @Test func footprintsAreReadFromTheirIndexesWithoutSortingTheTally() throws {
        let fixture = try FootprintRegister()
        try fixture.register.read { (snapshot: RegisterSnapshot) throws in
            for facet in ["counterpart", "client"] {
                let plan = try String.fetchAll(snapshot.db, sql: """
                    EXPLAIN QUERY PLAN SELECT item, meetings, inbound, outbound FROM tally
                    WHERE subject = 'issue' AND subject_id = 1 AND facet = '\(facet)' AND meetings > 0 ORDER BY meetings DESC, item LIMIT 201
                    """, adapter: SuffixRowAdapter(fromIndex: 3)).joined(separator: "\n")
                #expect(plan.contains("COVERING INDEX tally_\(facet)s_ranked") && !plan.contains("TEMP B-TREE"), "\(plan)")
            }
            let plan = try String.fetchAll(snapshot.db, sql: """
                EXPLAIN QUERY PLAN SELECT of_item, item FROM tally WHERE subject = 'issue' AND subject_id = 1 AND facet = 'represented'
                AND meetings > 0 AND of_item IN (2, 3) ORDER BY of_item, item
                """, adapter: SuffixRowAdapter(fromIndex: 3)).joined(separator: "\n")
            #expect(plan.contains("COVERING INDEX tally_representatives"), "\(plan)")
        }
    }

    @Test func meetingsOfASubjectAreThePublishedOnesNewestStartFirst() throws {
        let fixture = try FootprintRegister()
        let p = fixture.published
        try fixture.register.read { (snapshot: RegisterSnapshot) throws in
            #expect(try snapshot.publishedMeetings(.issue(fixture.issues.railway), limit: 10).map(\.id) == [p[6], p[4], p[3], p[2], p[1], p[0]])
            #expect(try snapshot.publishedMeetingCount(.issue(fixture.issues.railway)) == 6)
            #expect(try snapshot.publishedMeetings(.issue(fixture.issues.railway), offset: 2, limit: 2).map(\.id) == [p[3], p[2]])
            #expect(try snapshot.publishedMeetings(.official(fixture.officials.erik), limit: 10).map(\.id) == [p[6], p[5], p[2]])
            #expect(try snapshot.publishedMeetings(.counterpart(fixture.consultancy), limit: 10).map(\.id) == [p[6], p[5], p[2], p[0]])
            #expect(try snapshot.publishedMeetings(.client(fixture.client), limit: 10).map(\.id) == [p[6], p[5], p[2], p[0]])
            #expect(try snapshot.publishedMeetings(.client(fixture.consultancy), limit: 10).isEmpty)
            #expect(try snapshot.publishedMeetings(.organisation(fixture.ngo), limit: 10).map(\.id) == [p[3], p[2], p[1]])
            #expect(try snapshot.publishedMeetings(.unit(fixture.units.committee), limit: 10).map(\.id) == [p[6], p[5], p[2]])
            #expect(try snapshot.publishedMeetingCount(.unit(fixture.units.board)) == 5)
            #expect(try snapshot.publishedMeetings(.counterpart(fixture.company), limit: 10).isEmpty)
            #expect(try snapshot.publishedMeetingCount(.counterpart(fixture.company)) == 0)
        }
    }

    @Test func listedMeetingsAreThePublishedMeetingsAsAListShowsThem() throws {
        let fixture = try FootprintRegister()
        let subjects: [MeetingSubject] = [.issue(fixture.issues.railway), .issue(fixture.issues.ferry), .official(fixture.officials.anna),
                                          .official(fixture.officials.erik), .counterpart(fixture.consultancy), .client(fixture.client),
                                          .organisation(fixture.ngo), .unit(fixture.units.board), .counterpart(fixture.company)]
        try fixture.register.read { (snapshot: RegisterSnapshot) throws in
            for subject in subjects {
                for (offset, limit) in [(0, 10), (1, 2), (0, 100)] {
                    let whole = try snapshot.publishedMeetings(subject, offset: offset, limit: limit)
                    #expect(try snapshot.listedMeetings(subject, offset: offset, limit: limit) == whole.map(ListedMeeting.init), "\(subject)")
                }
            }
            // Meeting 5 withholds its counterparts, meeting 4 its direction.
            let listed = try snapshot.listedMeetings(.issue(fixture.issues.railway), limit: 10)
            #expect(listed.first { $0.id == fixture.published[4] }?.counterparts == nil)
            #expect(listed.first { $0.id == fixture.published[3] }.map { $0.direction == nil && $0.counterparts?.count == 1 } == true)
            #expect(listed.first { $0.id == fixture.published[0] }?.counterparts
                == [ListedMeeting.Counterpart(organisation: fixture.consultancy, onBehalfOf: fixture.client)])
        }
    }

    @Test func issuesAnOrganisationMetAboutCountBothItsRoles() throws {
        let fixture = try FootprintRegister()
        let railway = fixture.issues.railway, ferry = fixture.issues.ferry
        try fixture.register.read { (snapshot: RegisterSnapshot) throws in
            #expect(try snapshot.issueCounts(organisation: (fixture.client)) == [
                IssueCount(issue: railway, meetings: 3, inbound: 2, outbound: 1),   // 1, 3, 7
                IssueCount(issue: ferry, meetings: 2, inbound: 1, outbound: 1),     // 6, 7
            ])
            #expect(try snapshot.issueCounts(organisation: (fixture.company)).isEmpty)
            #expect(try snapshot.issueCounts(organisation: (fixture.ngo)) == [IssueCount(issue: railway, meetings: 3, inbound: 1, outbound: 1)])
        }
    }

    @Test func catalogueLookupsReadOneRecordOrTheRecordsOfAUnit() throws {
        let fixture = try FootprintRegister()
        try fixture.register.read { (snapshot: RegisterSnapshot) throws in
            #expect(try snapshot.issue(fixture.issues.ferry)?.title == "Färjeläget")
            #expect(try snapshot.issue(999) == nil)
            #expect(try snapshot.official(fixture.officials.erik)?.name == "Erik Berg")
            #expect(try snapshot.organisation(fixture.ngo)?.kind == .ngo)
            #expect(try snapshot.unit(fixture.units.committee)?.name == "Kulturnämnden")
            #expect(try snapshot.unit(0) == nil)
            #expect(try snapshot.organisations(ids: [fixture.company, fixture.client, 999]).map(\.id) == [fixture.client, fixture.company])
            #expect(try snapshot.officials(ofUnit: fixture.units.committee).map(\.id) == [fixture.officials.erik])
            #expect(try snapshot.issues(ofUnit: fixture.units.board).map(\.id) == [fixture.issues.railway])
        }
    }
}
