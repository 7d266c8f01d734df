import Foundation
import Testing
@testable import RegisterCore

/// A register for searching: the `TestRegister` catalogue plus a second official in
/// another unit, a second organisation of another kind and a second issue.
private struct SearchFixture {
    let base: TestRegister
    var register: Register { base.register }
    let otherUnit: Int64
    let otherOfficial: Int64
    let union: Int64
    let otherIssue: Int64
    private let day = Timestamp.parse("2026-11-02T09:00:00Z")!

    init() throws {
        base = try TestRegister()
        otherUnit = try base.register.add(Unit(name: "Kulturnämnden", kind: .committee), by: .shell)
        otherOfficial = try base.register.add(Official(name: "Örjan Sjöberg", title: "Ordförande", kind: .elected, party: "C",
                                                       unit: otherUnit, activeFrom: Day("2022-11-01")!), by: .shell)
        union = try base.register.add(Organisation(name: "Vårdförbundet Värmland", kind: .union), by: .shell)
        otherIssue = try base.register.add(Issue(title: "Regional kulturstrategi", summary: "Strategi.", position: "Bred.",
                                                 unit: otherUnit), by: .shell)
    }

    /// A meeting on day `day` of November 2026 (at 09:00 UTC).
    func meeting(day: Int = 2, subject: String = "Samråd", summary: String = "Vi diskuterade tidplanen.",
                 official: Int64? = nil, organisation: Int64? = nil, onBehalfOf: Int64? = nil, issue: Int64? = nil,
                 direction: MeetingDirection = .inbound, format: MeetingFormat = .inPerson,
                 people: [CounterpartPerson] = [], withheld: [MeetingField: Withholding] = [:]) -> Meeting {
        Meeting(startsAt: self.day.addingTimeInterval(Double(day - 2) * 86_400), durationMinutes: 60, place: "Regionens hus",
                format: format, direction: direction, initiator: .counterpart, participants: [official ?? base.official],
                counterparts: [Counterpart(organisation: organisation ?? base.organisation, onBehalfOf: onBehalfOf, people: people)],
                issues: [issue ?? base.issue], subject: subject, summary: summary, withheld: withheld)
    }

    @discardableResult
    func publish(_ meeting: Meeting) throws -> Int64 {
        try register.recordAndPublishMeeting(meeting, by: .shell)
    }

    func search(_ query: [(String, String)]) throws -> MeetingSearchResult {
        let search = try MeetingSearch(query: query.map { (name: $0.0, value: $0.1) })
        return try register.read { try $0.search(search) }
    }

    func ids(_ query: [(String, String)]) throws -> [Int64] {
        try search(query).meetings.map(\.meeting.id)
    }
}

@Suite struct MeetingSearchTests {
    @Test func åÄAndÖAreLettersOfTheirOwnAndCaseDoesNotMatter() throws {
        let fixture = try SearchFixture()
        let hydrogen = try fixture.publish(fixture.meeting(subject: "Vätgas i Åmål"))
        let plain = try fixture.publish(fixture.meeting(subject: "Vatgas i Amal"))
        #expect(try fixture.ids([("q", "vätgas")]) == [hydrogen])
        #expect(try fixture.ids([("q", "ÅMÅL")]) == [hydrogen])
        #expect(try fixture.ids([("q", "amal")]) == [plain])
    }

    @Test func eachWordIsAPrefixAndEveryWordIsRequired() throws {
        let fixture = try SearchFixture()
        let railway = try fixture.publish(fixture.meeting(subject: "Värmlandsbanan och godstrafiken"))
        _ = try fixture.publish(fixture.meeting(subject: "Värmlandsbanan och persontrafiken"))
        #expect(try fixture.ids([("q", "värm gods")]) == [railway])
        #expect(try fixture.ids([("q", "banan")]).isEmpty, "a word matches the beginning of an indexed word, not its middle")
    }

    @Test func namesOfCounterpartsPeopleIssuesAndOfficialsAreFound() throws {
        let fixture = try SearchFixture()
        let meeting = try fixture.publish(fixture.meeting(organisation: fixture.union, issue: fixture.otherIssue,
                                                          people: [CounterpartPerson(name: "Ulrika Fors", role: "VD")]))
        let other = try fixture.publish(fixture.meeting(official: fixture.otherOfficial))
        #expect(try fixture.ids([("q", "vårdförbundet")]) == [meeting])
        #expect(try fixture.ids([("q", "ulrika")]) == [meeting])
        #expect(try fixture.ids([("q", "kulturstrategi")]) == [meeting])
        #expect(try fixture.ids([("q", "sjöberg")]) == [other])
    }

    @Test func renamingAnOfficialChangesWhatFindsTheirMeetings() throws {
        let fixture = try SearchFixture()
        let meeting = try fixture.publish(fixture.meeting(official: fixture.otherOfficial))
        try fixture.register.update(fixture.otherOfficial, with: Official(
            name: "Örjan Ekström", title: "Ordförande", kind: .elected, party: "C", unit: fixture.otherUnit, activeFrom: Day("2022-11-01")!), by: .shell)
        #expect(try fixture.ids([("q", "sjöberg")]).isEmpty)
        #expect(try fixture.ids([("q", "ekström")]) == [meeting])
    }

    @Test func wordsAreRankedByBm25AndWithoutWordsTheNewestStartComesFirst() throws {
        let fixture = try SearchFixture()
        let inSummary = try fixture.publish(fixture.meeting(day: 9, subject: "Samråd", summary: "Kort om vätgas och mycket annat som togs upp under mötet."))
        let inSubject = try fixture.publish(fixture.meeting(day: 3, subject: "Vätgas vätgas", summary: "Vätgasstationen vid hamnen."))
        let neither = try fixture.publish(fixture.meeting(day: 5))
        #expect(try fixture.ids([("q", "vätgas")]) == [inSubject, inSummary])
        #expect(try fixture.ids([]) == [inSummary, neither, inSubject])
    }

    @Test func eachFilterNarrowsTheResults() throws {
        let fixture = try SearchFixture()
        let first = try fixture.publish(fixture.meeting(day: 2))
        let second = try fixture.publish(fixture.meeting(day: 10, official: fixture.otherOfficial, organisation: fixture.union,
                                                         issue: fixture.otherIssue, direction: .outbound, format: .video))
        let client = try fixture.publish(fixture.meeting(day: 20, organisation: fixture.union, onBehalfOf: fixture.base.client))
        #expect(try fixture.ids([("from", "2026-11-10")]) == [client, second])
        #expect(try fixture.ids([("to", "2026-11-10")]) == [second, first], "to is inclusive")
        #expect(try fixture.ids([("from", "2026-11-03"), ("to", "2026-11-19")]) == [second])
        #expect(try fixture.ids([("official", "\(fixture.otherOfficial)")]) == [second])
        #expect(try fixture.ids([("unit", "\(fixture.otherUnit)")]) == [second])
        #expect(try fixture.ids([("org", "\(fixture.base.client)")]) == [client], "an organisation is found as a client too")
        #expect(try fixture.ids([("org", "\(fixture.union)")]) == [client, second])
        #expect(try fixture.ids([("issue", "\(fixture.otherIssue)")]) == [second])
        #expect(try fixture.ids([("direction", "outbound")]) == [second])
        #expect(try fixture.ids([("format", "video")]) == [second])
        #expect(try fixture.ids([("kind", "company")]) == [client])
        #expect(try fixture.ids([("kind", "consultancy")]) == [first])
        #expect(try fixture.ids([("kind", "union"), ("direction", "inbound"), ("q", "samråd")]) == [client])
    }

    @Test func aFacetCountsItsValuesUnderTheOtherFilters() throws {
        let fixture = try SearchFixture()
        for day in 2...4 { try fixture.publish(fixture.meeting(day: day, direction: .inbound)) }
        try fixture.publish(fixture.meeting(day: 5, official: fixture.otherOfficial, direction: .outbound))
        try fixture.publish(fixture.meeting(day: 6, official: fixture.otherOfficial, direction: .inbound, format: .phone))

        let result = try fixture.search([("direction", "inbound")])
        #expect(result.total == 4)
        let direction = try #require(result.facets.first { $0.parameter == .direction })
        #expect(direction.values.map { "\($0.value) \($0.count) \($0.isSelected)" } == ["inbound 4 true", "outbound 1 false"])
        let officials = try #require(result.facets.first { $0.parameter == .official })
        #expect(officials.values.map { "\($0.name ?? "") \($0.count)" } == ["Anna Lindqvist 3", "Örjan Sjöberg 1"])
        let units = try #require(result.facets.first { $0.parameter == .unit })
        #expect(units.values.map { "\($0.value) \($0.count)" } == ["\(fixture.base.unit) 3", "\(fixture.otherUnit) 1"])
        let formats = try #require(result.facets.first { $0.parameter == .format })
        #expect(formats.values.map { "\($0.value) \($0.count)" } == ["in-person 3", "phone 1"])
        #expect(!direction.isSampled)
        #expect(result.names.isEmpty)
        #expect(try fixture.search([("official", "\(fixture.otherOfficial)")]).names == [.official: "Örjan Sjöberg"])
    }

    @Test(arguments: [[("q", "samråd")], []])
    func cursorsVisitEveryResultOnceWhileMeetingsAreAdded(query: [(String, String)]) throws {
        let fixture = try SearchFixture()
        var original: Set<Int64> = []
        for index in 0..<45 {
            let summary = String(repeating: "Samråd om tidplanen. ", count: 1 + index % 4)
            original.insert(try fixture.publish(fixture.meeting(day: 2 + index % 20, subject: "Samråd \(index)", summary: summary)))
        }
        var seen: [Int64] = []
        var page = try fixture.search(query)
        #expect(page.total == 45)
        seen += page.meetings.map(\.meeting.id)
        var added = 0
        while let next = page.next {
            for index in 0..<3 {
                let summary = String(repeating: "Samråd om tidplanen. ", count: 1 + index)
                try fixture.publish(fixture.meeting(day: 2 + (added + index) * 7 % 25, subject: "Samråd, nytt", summary: summary))
            }
            added += 3
            page = try fixture.search(query + [("after", next.description)])
            #expect(page.meetings.count <= MeetingSearch.pageSize)
            seen += page.meetings.map(\.meeting.id)
        }
        #expect(seen.count == Set(seen).count, "no meeting shown twice")
        #expect(original.isSubset(of: Set(seen)), "every meeting that matched from the start is shown")
    }

    @Test func rankedPagesCrossBlocksAndVisitEveryMatchOnce() throws {
        let fixture = try SearchFixture()
        let count = MeetingSearch.rankedBlock + 30
        let original = Set(try fixture.register.recordAndPublishMeetings((0..<count).map { index in
            fixture.meeting(day: 2 + index % 20, subject: "Samråd \(index)",
                            summary: String(repeating: "Samråd om tidplanen. ", count: 1 + index % 5))
        }, by: .shell))
        var seen: [Int64] = []
        var cursor: SearchCursor?
        var blocks = 0
        repeat {
            let page = try fixture.search([("q", "samråd")] + (cursor.map { [("after", $0.description)] } ?? []))
            seen += page.meetings.map(\.meeting.id)
            if case .block = page.next { blocks += 1 }
            try fixture.publish(fixture.meeting(subject: "Samråd, nytt"))
            cursor = page.next
        } while cursor != nil
        #expect(blocks == 1)
        #expect(seen.count == Set(seen).count, "no meeting shown twice")
        #expect(original.isSubset(of: Set(seen)), "every meeting that matched from the start is shown")
    }

    @Test func aSnippetIsPlainTextWithTheMatchesMarked() throws {
        let fixture = try SearchFixture()
        let hostile = "<script>alert('x')</script> & \"vätgas\" \u{E000}fake\u{E001} \u{202E}kcilc"
        try fixture.publish(fixture.meeting(summary: hostile))
        let snippet = try #require(try fixture.search([("q", "vätgas")]).meetings.first?.snippet)
        #expect(snippet.text == hostile)
        #expect(snippet.parts.filter(\.isMatch).map(\.text) == ["vätgas"])
        #expect(snippet.parts.first == SearchSnippet.Part(text: "<script>alert('x')</script> & \"", isMatch: false))
        #expect(try fixture.search([]).meetings.first?.snippet == nil, "no words, no snippet")
    }

    @Test func withheldValuesPrivateNamesAndDraftsAreNotFound() throws {
        let fixture = try SearchFixture()
        try fixture.publish(fixture.meeting(summary: "Kanariefågel hemlig summering",
                                            withheld: [.summary: Withholding(ground: "OSL 19 kap. 3 §")]))
        try fixture.publish(fixture.meeting(people: [CounterpartPerson(name: "Kanarieperson Privat", isPrivate: true)]))
        try fixture.register.recordMeeting(fixture.meeting(subject: "Kanarieutkast"), by: .shell)
        let withdrawn = try fixture.publish(fixture.meeting(subject: "Kanarieåterkallad"))
        try fixture.register.withdrawMeeting(withdrawn, reason: "Fel möte.", by: .shell)
        for word in ["kanariefågel", "hemlig", "kanarieperson", "kanarieutkast", "kanarieåterkallad", "kanarie"] {
            #expect(try fixture.ids([("q", word)]).isEmpty, "\(word)")
        }
        #expect(try fixture.search([]).total == 2)
    }

    @Test func aBadParameterIsRefusedByName() throws {
        func problem(_ query: [(String, String)]) -> String? {
            do {
                _ = try MeetingSearch(query: query.map { (name: $0.0, value: $0.1) })
                return nil
            } catch {
                return error.description
            }
        }
        #expect(problem([("from", "x")]) == "from: 'x' is not a date like 2026-11-23")
        #expect(problem([("to", "2026-02-30")]) == "to: '2026-02-30' is not a date like 2026-11-23")
        #expect(problem([("from", "2026-11-23"), ("to", "2026-11-01")]) == "to: '2026-11-01' is before from (2026-11-23)")
        #expect(problem([("official", "abc")]) == "official: 'abc' is not an id (a whole number, 1 or more, without leading zeros)")
        #expect(problem([("direction", "sideways")]) == "direction: 'sideways' is not one of inbound, outbound")
        #expect(problem([("kind", "x")]) == "kind: 'x' is not one of company, trade-association, ngo, union, public-authority, consultancy, other")
        #expect(problem([("after", "nonsense")]) == "after: 'nonsense' is not a position in these results; follow the page links")
        #expect(problem([("q", "a"), ("q", "b")]) == "q: is given more than once; give it once")
        #expect(problem([("q", "a\u{0}b")]) == "q: 'a\\u{0}b' is longer than 200 characters or holds U+0000")
        #expect(problem([("lang", "en"), ("utm_source", "x"), ("official", ""), ("q", "  ")]) == nil,
                "unknown parameters and empty values are no filter")

        let fixture = try SearchFixture()
        #expect(throws: SearchParameterError(.official, value: "999", expected: .record("official"))) { try fixture.search([("official", "999")]) }
        #expect(throws: SearchParameterError(.after, value: "2026-11-02T09:00:00Z_1", expected: .cursor)) {
            try fixture.search([("q", "samråd"), ("after", "2026-11-02T09:00:00Z_1")])
        }
    }

    @Test func aSearchHasOneURLAndRemovingAFilterStartsAgain() throws {
        let search = try MeetingSearch(query: [("kind", "ngo"), ("q", "vätgas"), ("lang", "en"), ("from", "2026-01-01"),
                                               ("after", "r-1.5_7_0_-")])
        #expect(search.query.map { "\($0.name)=\($0.value)" } == ["q=vätgas", "from=2026-01-01", "kind=ngo", "after=r-1.5_7_0_-"])
        #expect(search.narrowing == [.text, .from, .kind])
        #expect(search.removing(.kind).query.map(\.name) == ["q", "from"])
        #expect(try MeetingSearch(query: search.query) == search)
        for cursor in [SearchCursor.ranked(rank: -0.1 - 0.2, id: 3, floor: 0, ceiling: nil), .ranked(rank: -2, id: 9, floor: 4, ceiling: 12),
                       .block(ceiling: 40), .newest(startsAt: "2026-11-20T13:30:00Z", id: 5)] {
            #expect(SearchCursor(cursor.description) == cursor)
        }
        #expect(SearchCursor("-_12") == .newest(startsAt: nil, id: 12))
    }
}
