import Foundation
import RegisterCore
import Testing
@testable import Publishing

/// A small register holding every kind of value the exports must handle: hostile
/// text, a withheld summary and place, a private person, a sole trader with a
/// personnummer, a consultancy acting for a client, a correction, a withdrawal and
/// a draft. The confidential values are distinctive strings to search outputs for.
struct ExportFixture {
    static let withheldSummary = "Anbudspriset är 4 812 000 kronor (HEMLIGT-Q7)"
    static let withheldPlace = "Hemliga adressen Gömvägen 12"
    static let privateName = "Rolf Hemligsson-Xyzzy"
    static let personnummer = "19800101-0001"
    static let personnummerForms = ["800101-0001", "8001010001", "19800101"]
    static let draftSubject = "Utkast som ingen får se (UTKAST-Z9)"
    static let hostileSubject = "Möte, \"citat\" och\r\nny rad; komma, å ä ö Å Ä Ö"
    static let hostileSummary = "Första raden\nandra raden med \"citat\", semikolon; och tab\there – ÅÄÖ åäö"
    static let ground = "OSL 19 kap. 3 §"

    let register: Register
    let clock: ManualClock
    let official: Int64
    let colleague: Int64
    let consultancy: Int64
    let client: Int64
    let soleTrader: Int64
    let issue: Int64
    let published: Int64
    let withdrawn: Int64
    let draft: Int64

    init(register: Register? = nil) throws {
        let clock = ManualClock(Timestamp.parse("2026-11-23T12:00:00Z")!)
        let register = try register.map { $0.withClock { clock.now } } ?? Register.inMemory(clock: { clock.now })
        self.register = register
        self.clock = clock
        let unit = try register.add(Unit(name: "Regionstyrelsen", kind: .board), by: .shell)
        official = try register.add(Official(name: "Anna Lindqvist", title: "Regionråd", kind: .elected, party: "S", unit: unit,
                                             activeFrom: Day("2022-11-01")!), by: .shell)
        colleague = try register.add(Official(name: "Örjan Åkesson", title: "Näringslivsstrateg", kind: .staff, unit: unit,
                                              activeFrom: Day("2020-01-01")!), by: .shell)
        consultancy = try register.add(Organisation(name: "Nordvind Kommunikation AB", kind: .consultancy, organisationNumber: "556802-3450"), by: .shell)
        client = try register.add(Organisation(name: "Klarälvens \"Energi\", AB", kind: .company, organisationNumber: "5567101232"), by: .shell)
        soleTrader = try register.add(Organisation(name: "Hantverk Åberg (enskild firma)", kind: .company, personnummer: Self.personnummer), by: .shell)
        issue = try register.add(Issue(title: "Dubbelspår på Exempelbanan", summary: "Utbyggnad, etapp 1.", position: "För.", unit: unit), by: .shell)

        published = try register.recordMeeting(Self.meeting(
            participants: [official, colleague],
            counterparts: [Counterpart(organisation: consultancy, onBehalfOf: client, people: [CounterpartPerson(name: "Ulrika Fors", role: "VD")]),
                           Counterpart(organisation: soleTrader, people: [CounterpartPerson(name: Self.privateName, role: "Boende", isPrivate: true)])],
            issues: [issue], subject: Self.hostileSubject, summary: Self.withheldSummary, place: Self.withheldPlace,
            withheld: [.summary: Withholding(ground: Self.ground, until: Day("2027-06-30")), .place: Withholding(ground: Self.ground)]), by: .shell)
        try register.publishMeeting(published, by: .shell)
        clock.advance(days: 1)
        withdrawn = try register.recordMeeting(Self.meeting(participants: [official], counterparts: [Counterpart(organisation: client)],
                                                            issues: [issue], subject: "Dubbelregistrerat möte", summary: Self.hostileSummary), by: .shell)
        try register.publishMeeting(withdrawn, by: .shell)
        clock.advance(days: 1)
        var corrected = Self.meeting(participants: [official], counterparts: [Counterpart(organisation: client)], issues: [issue],
                                     subject: "Dubbelregistrerat möte", summary: Self.hostileSummary)
        corrected.durationMinutes = 90
        try register.correctMeeting(withdrawn, with: corrected, reason: "Rättat mötets längd", by: .shell)
        clock.advance(days: 1)
        try register.withdrawMeeting(withdrawn, reason: "Mötet registrerades två gånger", by: .shell)
        clock.advance(days: 1)
        draft = try register.recordMeeting(Self.meeting(participants: [official], counterparts: [Counterpart(organisation: client)],
                                                        issues: [issue], subject: Self.draftSubject, summary: "Utkast."), by: .shell)
    }

    static func meeting(participants: [Int64], counterparts: [Counterpart], issues: [Int64], subject: String, summary: String,
                        place: String = "Regionens hus, rum 4:12", withheld: [MeetingField: Withholding] = [:]) -> Meeting {
        Meeting(startsAt: Timestamp.parse("2026-11-20T13:30:00Z")!, durationMinutes: 60, place: place, format: .inPerson,
                direction: .inbound, initiator: .counterpart, participants: participants, counterparts: counterparts,
                issues: issues, subject: subject, summary: summary,
                documents: [MeetingDocument(title: "Skrivelse, bilaga 1", direction: .received, url: "https://dokument.example/1.pdf")],
                withheld: withheld)
    }

    /// A plain meeting with the fixture's catalogue, for tests that add more.
    func meeting(subject: String) -> Meeting {
        Self.meeting(participants: [official], counterparts: [Counterpart(organisation: client)], issues: [issue],
                     subject: subject, summary: "Sammanfattning.")
    }
}

extension ManualClock {
    func advance(days: Int) {
        now = now.addingTimeInterval(TimeInterval(days * 86_400))
    }
}

/// The demo register, loaded once for every test that reads it.
enum DemoFixture {
    private static let loaded = Result<Register, any Error> {
        let register = try Register.inMemory()
        try DemoRegister.load(into: register)
        return register
    }

    static func register() throws -> Register { try loaded.get() }
}

enum Schemas {
    static var register: URL { Fixtures.repositoryRoot.appendingPathComponent("Data/schema/register.schema.json") }
    static var change: URL { Fixtures.repositoryRoot.appendingPathComponent("Data/schema/change.schema.json") }
    static var definitions: URL { Fixtures.repositoryRoot.appendingPathComponent("Data/schema/definitions.schema.json") }
}

enum Export {
    static let generatedAt = Timestamp.parse("2026-12-01T09:00:00Z")!

    static func json(_ register: Register, filter: MeetingFilter = .all) throws -> [UInt8] {
        let sink = BufferSink()
        try RegisterJSONExport(filter: filter, generatedAt: generatedAt).write(register, to: sink)
        return sink.bytes
    }

    static func lines(_ register: Register, after sequence: Int64) throws -> (lines: [[UInt8]], summary: ChangeLinesExport.Summary) {
        let sink = BufferSink()
        let summary = try ChangeLinesExport(after: sequence).write(register, to: sink)
        #expect(sink.bytes.last ?? UInt8(ascii: "\n") == UInt8(ascii: "\n"), "JSON Lines end with a newline")
        return (sink.bytes.split(separator: UInt8(ascii: "\n")).map(Array.init), summary)
    }

    static func csv(_ register: Register, _ entity: RegisterCSVExport.Entity) throws -> [UInt8] {
        let sink = BufferSink()
        try RegisterCSVExport().write(entity, register, to: sink)
        return sink.bytes
    }

    static func object(_ bytes: [UInt8]) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] ?? [:]
    }
}

/// Validates JSON Lines against a schema for one value, all lines in one run of the
/// validator: the lines become an array checked against `{"items": schema}`.
func validateJSONLines(_ lines: [[UInt8]], schema: URL) throws -> ValidationReport {
    let arraySchema: [String: Any] = ["$schema": "https://json-schema.org/draft/2020-12/schema", "type": "array",
                                      "items": ["$ref": schema.standardizedFileURL.absoluteString]]
    let schemaFile = try temporaryFile(Array(try JSONSerialization.data(withJSONObject: arraySchema)), suffix: ".schema.json")
    defer { try? FileManager.default.removeItem(at: schemaFile) }
    let array = [UInt8(ascii: "[")] + Array(lines.joined(separator: [UInt8(ascii: ",")])) + [UInt8(ascii: "]")]
    return try validateJSON(array, schema: schemaFile)
}

/// Reads CSV with Python's csv module (strict), as a second, independent reader.
func readCSVWithPython(_ bytes: [UInt8]) throws -> [[String]] {
    let python = try executable(named: "python3", install: "apt-get install python3")
    let file = try temporaryFile(bytes, suffix: ".csv")
    defer { try? FileManager.default.removeItem(at: file) }
    let script = """
        import csv, json, sys
        with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
            print(json.dumps(list(csv.reader(f, strict=True))))
        """
    let run = try runTool(python, ["-c", script, file.path])
    guard run.status == 0 else { throw MissingTool(description: "python3 could not read the CSV: \(run.standardError)") }
    return try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [[String]] ?? []
}
