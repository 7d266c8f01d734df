import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Publishing
import RegisterCore
import Testing
@testable import WebServer

/// One chart section of the statistics page as a reader gets it: the table's rows,
/// and the chart's bars or columns read back from its SVG.
private struct ChartSection {
    struct Row: Equatable {
        let label: String
        let count: Int
    }

    let rows: [Row]
    let svg: SVGShapes

    init(_ page: Page, id: String) throws {
        let start = try #require(page.body.range(of: "<section aria-labelledby=\"\(id)-heading\">"))
        let html = String(page.body[start.upperBound...].prefix { _ in true })
        let section = String(html[..<(try #require(html.range(of: "</section>")).lowerBound)])
        let svgStart = try #require(section.range(of: "<svg "))
        let svgEnd = try #require(section.range(of: "</svg>"))
        svg = try SVGShapes(String(section[svgStart.lowerBound..<svgEnd.upperBound]))
        let pattern = try Regex(#"<tr><th scope="row">(?:<a href="[^"]*">)?(.*?)(?:</a>)?</th><td>(.*?)</td></tr>"#)
        rows = section.matches(of: pattern).map { match in
            Row(label: String(match.output[1].substring ?? ""), count: Self.count(String(match.output[2].substring ?? "")))
        }
    }

    static func count(_ text: String) -> Int {
        Int(text.filter { $0.isASCII && $0.isNumber }) ?? -1
    }
}

/// The shapes of an SVG chart: each rectangle's size and each text, in order.
private struct SVGShapes {
    var rects: [(width: Double, height: Double)] = []
    var texts: [String] = []
    var root: [String: String] = [:]
    var titleId: String?

    init(_ text: String) throws {
        let reader = Reader()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = reader
        guard parser.parse() else { throw parser.parserError ?? CocoaError(.fileReadCorruptFile) }
        self = reader.shapes
    }

    private init() {}
    fileprivate static func empty() -> SVGShapes { SVGShapes() }

    private final class Reader: NSObject, XMLParserDelegate {
        var shapes = SVGShapes.empty()
        private var text: String?

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            switch name {
            case "svg": shapes.root = attributes
            case "title": shapes.titleId = attributes["id"]
            case "rect": shapes.rects.append((Double(attributes["width"] ?? "") ?? .nan, Double(attributes["height"] ?? "") ?? .nan))
            case "text": text = ""
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            text? += string
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "text", let text { shapes.texts.append(text) }
            text = nil
        }
    }
}

@Suite("The statistics page")
struct StatisticsPageTests {
    static let sections = ["statistics-months", "statistics-groups", "statistics-direction", "statistics-organisations", "statistics-issues"]

    @Test func rendersTheDemoInBothLanguages() async throws {
        try await buildApplication(register: try DemoFixture.get()).test(.router) { client in
            let swedish = try await client.page("/statistics")
            #expect(swedish.status == .ok)
            #expect(swedish.body.contains("<html lang=\"sv\">"))
            #expect(swedish.count("<h1") == 1)
            #expect(swedish.body.contains("<h2 id=\"statistics-months-heading\">Möten per månad</h2>"))
            #expect(swedish.count("<svg ") == Self.sections.count)
            #expect(swedish.count("role=\"img\"") == Self.sections.count)
            // Each chart's table, and the timeliness section's two (per month and per unit).
            #expect(swedish.count("<table>") == Self.sections.count + 2)
            #expect(swedish.count("<caption>") == Self.sections.count + 2)
            #expect(swedish.body.contains("<th scope=\"col\">Månad</th>"))
            #expect(!swedish.body.contains("style=") && !swedish.body.contains("<style") && !swedish.body.contains("<script"))

            let english = try await client.page("/statistics?lang=en")
            #expect(english.status == .ok)
            #expect(english.body.contains("<html lang=\"en\">"))
            #expect(english.body.contains("<h2 id=\"statistics-months-heading\">Meetings per month</h2>"))
            #expect(english.body.contains("<th scope=\"col\">Month</th>"))
            #expect(english.body.contains("Organisations with most meetings"))
        }
    }

    @Test func everyChartIsNamedAndDrawsTheNumbersOfItsTable() async throws {
        try await buildApplication(register: try DemoFixture.get()).test(.router) { client in
            let page = try await client.page("/statistics")
            for id in Self.sections {
                let section = try ChartSection(page, id: id)
                let svg = section.svg
                #expect(svg.root["role"] == "img" && svg.root["width"] == "100%" && svg.root["viewBox"] != nil)
                let labelledBy = try #require(svg.root["aria-labelledby"]).split(separator: " ").map(String.init)
                #expect(labelledBy.first == svg.titleId)
                #expect(!section.rows.isEmpty, "\(id) has rows")
                #expect(svg.rects.count == section.rows.count, "\(id): one shape per row")
                let largest = try #require(section.rows.map(\.count).max())
                let lengths = id == "statistics-months" ? svg.rects.map(\.height) : svg.rects.map(\.width)
                let longest = try #require(lengths.max())
                for (row, length) in zip(section.rows, lengths) {
                    #expect(abs(length / longest - Double(row.count) / Double(largest)) < 0.01, "\(id): \(row.label)")
                }
                if id != "statistics-months" {
                    // Each bar is labelled with its row's label and count, as the table has them.
                    #expect(svg.texts == section.rows.flatMap { [$0.label, String($0.count)] }, "\(id)")
                }
            }
        }
    }

    @Test func numbersAreThoseOfTheRegister() async throws {
        let register = try DemoFixture.get()
        let meetings = try register.publicMeetings(MeetingFilter(status: .published))
        let timeZone = try register.settings().timeZone
        var perMonth: [String: Int] = [:]
        for meeting in meetings {
            if let start = meeting.startsAt { perMonth[ArchiveMonth(Day(start, in: timeZone)).description, default: 0] += 1 }
        }
        var perIssue: [Int64: Int] = [:]
        for meeting in meetings {
            for issue in Set(meeting.issues ?? []) { perIssue[issue, default: 0] += 1 }
        }
        let (months, issueCounts) = (perMonth, perIssue)
        let issueTitles = Dictionary(uniqueKeysWithValues: try register.issues().map { ($0.id, $0.title) })
        try await buildApplication(register: register).test(.router) { client in
            let page = try await client.page("/statistics")
            #expect(page.body.contains(">\(meetings.count) publicerade möten.<"))
            let rows = try ChartSection(page, id: "statistics-months").rows
            #expect(rows.filter { $0.count > 0 }.map { "\($0.label) \($0.count)" }
                    == months.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" })
            let withheldStart = meetings.count { $0.startsAt == nil }
            #expect(rows.map(\.count).reduce(0, +) + withheldStart == meetings.count)
            let direction = try ChartSection(page, id: "statistics-direction").rows
            #expect(direction.map(\.count) == [meetings.count { $0.direction == .inbound }, meetings.count { $0.direction == .outbound }]
                    + (meetings.contains { $0.direction == nil } ? [meetings.count { $0.direction == nil }] : []))
            let issues = try ChartSection(page, id: "statistics-issues").rows
            let expected = issueCounts.sorted { ($0.value, -$0.key) > ($1.value, -$1.key) }.prefix(10)
            #expect(issues == expected.map { ChartSection.Row(label: issueTitles[$0.key]!, count: $0.value) })
        }
    }

    @Test func aFilterNarrowsEveryChart() async throws {
        let register = try DemoFixture.get()
        let meetings = try register.publicMeetings(MeetingFilter(status: .published))
        let inbound = meetings.filter { $0.direction == .inbound }
        let organisation = try #require(meetings.first?.counterparts?.compactMap(\.organisation).first)
        let withOrganisation = meetings.count { meeting in
            (meeting.counterparts ?? []).contains { $0.organisation == organisation || $0.onBehalfOf == organisation }
        }
        try await buildApplication(register: register).test(.router) { client in
            let page = try await client.page("/statistics?direction=inbound&from=&kind=")
            #expect(page.status == .ok)
            #expect(page.body.contains(">\(inbound.count) publicerade möten motsvarar filtren.<"))
            #expect(try ChartSection(page, id: "statistics-direction").rows.map(\.count) == [inbound.count, 0])
            #expect(try ChartSection(page, id: "statistics-months").rows.map(\.count).reduce(0, +) == inbound.count { $0.startsAt != nil })
            #expect(page.body.contains("<option value=\"inbound\" selected>"))
            // The filter is shown and can be removed.
            #expect(page.body.contains("(<a href=\"/statistics\">ta bort</a>)"))

            let byOrganisation = try await client.page("/statistics?org=\(organisation)")
            #expect(byOrganisation.body.contains(">\(withOrganisation) publicerade möten motsvarar filtren.<"))
            let top = try ChartSection(byOrganisation, id: "statistics-organisations").rows
            #expect(top.first?.count == withOrganisation)
            #expect(byOrganisation.body.contains("<input type=\"hidden\" name=\"org\" value=\"\(organisation)\">"))
        }
    }

    @Test(arguments: [
        ("from=2026-13-01", "from"), ("from=1.1.2026", "from"), ("to=igår", "to"), ("from=2026-02-01&to=2026-01-31", "to"),
        ("official=abc", "official"), ("official=99999", "official"), ("org=0", "org"), ("org=99999", "org"),
        ("issue=-1", "issue"), ("unit=1.5", "unit"), ("unit=01", "unit"), ("direction=sideways", "direction"),
        ("format=letter", "format"), ("kind=company,ngo", "kind"), ("direction=inbound&direction=outbound", "direction"),
    ])
    func aBadParameterIsA400NamingIt(_ query: String, _ name: String) async throws {
        try await buildApplication(register: try DemoFixture.get()).test(.router) { client in
            let page = try await client.page("/statistics?" + query)
            #expect(page.status == .badRequest)
            #expect(page.body.contains("Parametern \(name) har ett värde"), "\(query)")
            #expect(!page.body.contains("<svg"))
        }
    }

    @Test func countsFollowTheLedger() async throws {
        let register = try Register.inMemory()
        try DemoRegister.load(into: register)
        let before = try register.publicMeetings(MeetingFilter(status: .published))
        try await buildApplication(register: register).test(.router) { client in
            #expect(try await client.page("/statistics").body.contains(">\(before.count) publicerade möten.<"))
            try register.withdrawMeeting(before[0].id, reason: "Dubbelregistrerat", by: .shell)
            #expect(try await client.page("/statistics").body.contains(">\(before.count - 1) publicerade möten.<"))
        }
    }

    @Test func neverShowsWithheldValuesPrivateNamesOrDrafts() async throws {
        let register = try Register.inMemory()
        try DemoRegister.load(into: register)
        let unit = try register.add(Unit(name: "Kanarienämnden", kind: .committee), by: .shell)
        let official = try register.add(Official(name: "Kanarie Tjänsteperson", title: "Handläggare", kind: .staff, unit: unit,
                                                 activeFrom: Day("2024-01-01")!), by: .shell)
        let hidden = try register.add(Organisation(name: "Hemligkanariebolaget AB", kind: .company), by: .shell)
        let drafted = try register.add(Organisation(name: "Utkastkanarien AB", kind: .company), by: .shell)
        let issue = try register.add(Issue(title: "Kanariefrågan", summary: "Kanarie.", position: "Kanarie.", unit: unit), by: .shell)
        let secret = Withholding(ground: "OSL 19 kap. 3 §")
        func meeting(_ organisation: Int64, withheld: [MeetingField: Withholding]) -> Meeting {
            Meeting(startsAt: Timestamp.parse("2026-06-10T10:00:00Z")!, durationMinutes: 30, place: "Kanarieplatsen", format: .inPerson,
                    direction: .inbound, initiator: .counterpart, participants: [official],
                    counterparts: [Counterpart(organisation: organisation, people: [CounterpartPerson(name: "Kanarie Privatperson", isPrivate: true)])],
                    issues: [issue], subject: "Kanarieämnet", summary: "Kanariesammanfattning", withheld: withheld)
        }
        // (The issue, unit and official are public catalogue records, named in the form.)
        // Enough meetings that either organisation would lead the ranking if counted.
        for _ in 0..<40 {
            _ = try register.recordAndPublishMeeting(meeting(hidden, withheld: [.counterparts: secret, .issues: secret, .startsAt: secret]), by: .shell)
            _ = try register.recordMeeting(meeting(drafted, withheld: [:]), by: .shell)
        }
        try await buildApplication(register: register).test(.router) { client in
            for uri in ["/statistics", "/statistics?lang=en", "/statistics?unit=\(unit)", "/statistics?official=\(official)"] {
                let page = try await client.page(uri)
                #expect(page.status == .ok)
                for canary in ["Hemligkanariebolaget", "Utkastkanarien", "Kanarie Privatperson", "Kanarieplatsen", "Kanarieämnet",
                               "Kanariesammanfattning"] {
                    #expect(!page.body.contains(canary), "\(uri) shows \(canary)")
                }
            }
            let ours = try await client.page("/statistics?official=\(official)")
            #expect(ours.body.contains(">40 publicerade möten motsvarar filtren.<"))
            #expect(ours.body.contains("40 möten saknar månad eftersom tidpunkten är sekretessbelagd."))
            #expect(try ChartSection(ours, id: "statistics-groups").rows.last == ChartSection.Row(label: "Motparten är sekretessbelagd", count: 40))
        }
    }
}
