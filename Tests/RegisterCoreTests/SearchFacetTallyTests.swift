import Foundation
import GRDB
import Testing
@testable import RegisterCore

/// The facets are counted from the index's tags; they must count what the public
/// tables say, also after the catalogue records the tags come from have changed.
@Suite struct SearchFacetTallyTests {
    /// The counting queries the facets were first made with, over the public tables: value, name (or NULL), count.
    private static let reference: [MeetingSearch.Parameter: String] = [
        .direction: "SELECT direction, NULL, COUNT(*) AS n FROM meeting WHERE id IN ($IDS) AND direction IS NOT NULL GROUP BY 1 ORDER BY n DESC, 1",
        .format: "SELECT format, NULL, COUNT(*) AS n FROM meeting WHERE id IN ($IDS) AND format IS NOT NULL GROUP BY 1 ORDER BY n DESC, 1",
        .kind: """
            SELECT o.kind, NULL, COUNT(DISTINCT c.meeting_id) AS n FROM meeting_counterpart c
            JOIN organisation o ON o.id IN (c.organisation_id, c.on_behalf_of_id) WHERE c.meeting_id IN ($IDS) GROUP BY 1 ORDER BY n DESC, 1
            """,
        .official: """
            SELECT o.id, o.name, COUNT(DISTINCT p.meeting_id) AS n FROM meeting_participant p JOIN official o ON o.id = p.official_id
            WHERE p.meeting_id IN ($IDS) GROUP BY o.id ORDER BY n DESC, o.name, o.id
            """,
        .unit: """
            SELECT u.id, u.name, COUNT(DISTINCT p.meeting_id) AS n FROM meeting_participant p JOIN official o ON o.id = p.official_id
            JOIN unit u ON u.id = o.unit_id WHERE p.meeting_id IN ($IDS) GROUP BY u.id ORDER BY n DESC, u.name, u.id
            """,
        .organisation: """
            SELECT o.id, o.name, COUNT(DISTINCT c.meeting_id) AS n FROM meeting_counterpart c
            JOIN organisation o ON o.id IN (c.organisation_id, c.on_behalf_of_id) WHERE c.meeting_id IN ($IDS) GROUP BY o.id ORDER BY n DESC, o.name, o.id
            """,
        .issue: """
            SELECT i.id, i.title, COUNT(DISTINCT mi.meeting_id) AS n FROM meeting_issue mi JOIN issue i ON i.id = mi.issue_id
            WHERE mi.meeting_id IN ($IDS) GROUP BY i.id ORDER BY n DESC, i.title, i.id
            """,
    ]

    private func referenceValues(_ parameter: MeetingSearch.Parameter, ids: [Int64], in db: Database) throws -> [String] {
        let sql = Self.reference[parameter]!.replacingOccurrences(of: "$IDS", with: ids.map(String.init).joined(separator: ","))
        return try Row.fetchAll(db, sql: sql + " LIMIT \(SearchFacet.valueLimit)").map { row in
            let value: String = switch (row[0] as DatabaseValue).storage {
            case .int64(let id): String(id)
            case .string(let name): name
            default: ""
            }
            return "\(value) \((row[1] as String?) ?? "-") \(row[2] as Int)"
        }
    }

    private func tallied(_ parameter: MeetingSearch.Parameter, ids: [Int64], in db: Database) throws -> [String] {
        try SearchFacetTally(ids: ids, in: db).facet(parameter, selected: nil, isSampled: false, in: db).values
            .map { "\($0.value) \($0.name ?? "-") \($0.count)" }
    }

    private func expectSameCounts(_ register: Register, _ comment: Comment) throws {
        try register.readDatabase { db in
            let ids = try Int64.fetchAll(db, sql: "SELECT rowid FROM meeting_search ORDER BY rowid DESC")
            for parameter in SearchFacet.parameters {
                #expect(try tallied(parameter, ids: ids, in: db) == referenceValues(parameter, ids: ids, in: db), "\(parameter) \(comment)")
            }
        }
    }

    /// A register of 80 meetings with every format, direction and kind, several officials, units, organisations and issues.
    private struct Fixture {
        let register: Register
        var units: [Int64] = [], officials: [Int64] = [], organisations: [Int64] = [], issues: [Int64] = []

        init() throws {
            let base = try TestRegister()
            let register = base.register
            self.register = register
            units = [base.unit] + (try ["Östra nämnden", "Ärendeenheten", "Beredningen"].map {
                try register.add(Unit(name: $0, kind: .committee), by: .shell)
            })
            for index in 0..<12 {
                officials.append(try register.add(Official(name: ["Åsa", "Anna", "Örjan", "Bo", "Zlatan", "Ärla"][index % 6] + " \(index % 4)",
                                                           title: "Råd", kind: .elected, unit: units[index % units.count],
                                                           activeFrom: Day("2022-11-01")!), by: .shell))
            }
            for (index, kind) in OrganisationKind.allCases.enumerated() {
                for copy in 0..<2 {
                    organisations.append(try register.add(Organisation(name: "Org \(["É", "E", "Ö"][(copy + index) % 3]) \(index)", kind: kind), by: .shell))
                }
            }
            for index in 0..<14 {
                issues.append(try register.add(Issue(title: "Fråga \(index % 5)", summary: "S.", position: "P.", unit: base.unit), by: .shell))
            }
            var meetings: [Meeting] = []
            for index in 0..<80 {
                var meeting = base.meeting()
                meeting.subject = index % 2 == 0 ? "Vätgas i hamnen" : "Samråd om tidplanen"
                meeting.format = MeetingFormat.allCases[index % MeetingFormat.allCases.count]
                meeting.direction = index % 3 == 0 ? .outbound : .inbound
                meeting.participants = Array(Set([officials[index % officials.count], officials[(index * 7) % officials.count]])).sorted()
                meeting.counterparts = [Counterpart(organisation: organisations[index % organisations.count],
                                                    onBehalfOf: index % 4 == 0 ? organisations[(index * 5 + 1) % organisations.count] : nil)]
                meeting.issues = Array(Set([issues[index % issues.count], issues[(index * 3) % issues.count]])).sorted()
                meetings.append(meeting)
            }
            _ = try register.recordAndPublishMeetings(meetings, by: .shell)
        }
    }

    @Test func theTagsCountWhatThePublicTablesCount() throws {
        let fixture = try Fixture()
        let register = fixture.register
        try expectSameCounts(register, "as published")
        try register.update(fixture.officials[0], with: Official(name: "Åsa 0", title: "Råd", kind: .elected, unit: fixture.units[3],
                                                                 activeFrom: Day("2022-11-01")!), by: .shell)
        try register.update(fixture.organisations[0], with: Organisation(name: "Org A", kind: .union), by: .shell)
        try register.update(fixture.issues[0], with: Issue(title: "Fråga A", summary: "S.", position: "P.", unit: fixture.units[0]), by: .shell)
        try expectSameCounts(register, "after an official moved unit, an organisation changed kind and an issue its title")
    }

    /// A search with a selective filter checks its direction, format and kind on the rows: it finds, counts and facets as the index would.
    @Test(arguments: [
        [("issue", 2), ("direction", 0)], [("official", 1), ("format", 1)], [("org", 3), ("kind", 1), ("direction", 1)],
        [("q", 0), ("issue", 4), ("direction", 0), ("format", 0)], [("q", 1), ("official", 5), ("kind", 2)],
    ])
    func checkedFiltersFindWhatTheIndexFinds(filters: [(String, Int)]) throws {
        let fixture = try Fixture()
        func value(_ name: String, _ index: Int) -> String {
            switch name {
            case "q": ["vätgas", "samråd"][index]
            case "issue": String(fixture.issues[index])
            case "official": String(fixture.officials[index])
            case "org": String(fixture.organisations[index])
            case "direction": MeetingDirection.allCases[index].rawValue
            case "format": MeetingFormat.allCases[index].rawValue
            default: OrganisationKind.allCases[index].rawValue
            }
        }
        let search = try MeetingSearch(query: filters.map { (name: $0.0, value: value($0.0, $0.1)) })
        let result = try fixture.register.read { try $0.search(search) }
        try fixture.register.readDatabase { db in
            func matching(_ search: MeetingSearch) throws -> [Int64] {
                let match = try SearchPlan(search, timeZone: .gmt, in: db).match ?? ""
                return try Int64.fetchAll(db, sql: "SELECT rowid FROM meeting_search WHERE meeting_search MATCH ? ORDER BY rowid DESC", arguments: [match])
            }
            let all = try matching(search)
            #expect(!all.isEmpty)
            #expect(result.total == all.count)
            #expect(Set(result.meetings.map(\.meeting.id)).isSubset(of: all))
            for facet in result.facets {
                let ids = search.value(of: facet.parameter) == nil ? all : try matching(search.removing(facet.parameter))
                #expect(facet.values.map { "\($0.value) \($0.name ?? "-") \($0.count)" } == (try referenceValues(facet.parameter, ids: ids, in: db)),
                        "\(facet.parameter)")
            }
        }
    }

    /// The walk that checks tags reads the index rows in chunks: any size of chunk gives the same pages, counts and cursors.
    @Test func theWalkGivesTheSameResultsInChunksOfAnySize() throws {
        let fixture = try Fixture()
        var searches: [MeetingSearch] = []
        for text in ["vätgas", "samråd", "hamnen fråga"] {
            for issue in fixture.issues.prefix(3) {
                searches.append(MeetingSearch(text: text, issue: issue, direction: .inbound))
                searches.append(MeetingSearch(text: text, issue: issue, format: .video, kind: .company))
            }
            searches.append(MeetingSearch(text: text, official: fixture.officials[1], direction: .outbound))
            searches.append(MeetingSearch(text: text, organisation: fixture.organisations[2], format: .inPerson))
        }
        var found = 0
        for search in searches {
            var cursor: SearchCursor?, pages = 0
            repeat {
                var page = search
                page.after = cursor
                let whole = try fixture.register.read { try $0.search(page) }
                for chunk in [1, 2, 7, 50] {
                    #expect(try fixture.register.read { try $0.search(page, firstChunk: chunk) } == whole, "\(page.query) in chunks of \(chunk)")
                }
                cursor = whole.next
                pages += 1
                found += whole.meetings.count
            } while cursor != nil && pages < 5
        }
        #expect(found > 30, "the searches find meetings across several chunks")
    }
}
