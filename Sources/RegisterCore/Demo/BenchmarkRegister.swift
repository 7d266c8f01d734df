import Foundation
import Synchronization

/// A large synthetic register for the export benchmark: a catalogue of a big region
/// and any number of published meetings with realistic field sizes (subject about
/// 60 characters, summary about 400, one to three participants, one or two
/// counterparts with people, one or two issues, some documents, a few withheld
/// fields and private persons). Meetings go through the ordinary write path, a batch
/// per transaction. Meeting `i` is generated from seed `i` alone, so an interrupted
/// generation resumes where it stopped and yields the same register.
public enum BenchmarkRegister {
    /// The body name that marks a register as synthetic; no other register is touched.
    public static let bodyName = "Benchmark (synthetic data)"
    static let officialCount = 200
    static let organisationCount = 2000
    static let issueCount = 120
    static let start = Timestamp.parse("2024-01-01T07:00:00Z")!
    /// Meeting `i` starts `i` times this after `start` (a million meetings span three years).
    static let spacing: TimeInterval = 95

    /// Brings `register` to exactly `count` published meetings, creating the catalogue
    /// if the register is empty. Calls `progress` with the number of meetings after
    /// each batch. Returns how many meetings it added.
    @discardableResult
    public static func fill(_ register: Register, meetings count: Int, batchSize: Int = 2000,
                            progress: (Int) -> Void = { _ in }) throws -> Int {
        if try register.isEmpty() {
            try createCatalogue(register)
        } else if try register.settings().bodyName != bodyName {
            throw ValidationError("database", "is not a benchmark register (its body name is not \"\(bodyName)\"); give another --db")
        }
        let existing = try register.read { try $0.publicMeetingCount() }
        guard existing <= count else {
            throw ValidationError("meetings", "the register already holds \(existing) meetings, more than \(count)")
        }
        let catalogue = try Catalogue(of: register)
        let clock = SteppingClock(start: start.addingTimeInterval(Double(existing) * spacing), step: spacing / 2)
        let writer = register.withClock { clock.next() }
        var done = existing
        while done < count {
            let batch = (done..<min(done + batchSize, count)).map { meeting($0, catalogue: catalogue) }
            try writer.recordAndPublishMeetings(batch, by: .shell)
            done += batch.count
            progress(done)
        }
        return count - existing
    }

    static func createCatalogue(_ register: Register) throws {
        var settings = try register.settings()
        settings.bodyName = bodyName
        try register.update(settings: settings, by: .shell)
        var random = SplitMix64(seed: 1)
        let units = try [
            Unit(name: "Regionstyrelsen", kind: .board), Unit(name: "Regionala utvecklingsnämnden", kind: .committee),
            Unit(name: "Hälso- och sjukvårdsnämnden", kind: .committee), Unit(name: "Kulturnämnden", kind: .committee),
            Unit(name: "Kollektivtrafiken AB", kind: .company), Unit(name: "Regionledningsförvaltningen", kind: .department),
        ].map { try register.add($0, by: .shell) }
        for index in 0..<officialCount {
            let elected = index % 3 != 2
            try register.add(Official(
                name: "\(SyntheticText.pick(SyntheticText.givenNames, &random)) \(SyntheticText.pick(SyntheticText.familyNames, &random))",
                title: elected ? "Ledamot, \(SyntheticText.pick(SyntheticText.committees, &random))" : SyntheticText.pick(SyntheticText.staffTitles, &random),
                kind: elected ? .elected : .staff, party: elected ? SyntheticText.pick(SyntheticText.parties, &random) : nil,
                unit: units[index % units.count], activeFrom: Day("2020-01-01")!), by: .shell)
        }
        for index in 0..<organisationCount {
            let kind = OrganisationKind.allCases[index % OrganisationKind.allCases.count]
            let base = String(format: "556%06d", index)
            try register.add(Organisation(
                name: "\(SyntheticText.pick(SyntheticText.familyNames, &random)) \(SyntheticText.pick(SyntheticText.businesses, &random)) \(index)",
                kind: kind, organisationNumber: base + String(DemoRegister.luhnCheckDigit(base)),
                euTransparencyId: index % 7 == 0 ? String(format: "%012d-%02d", 100_000_000 + index, index % 100) : nil,
                website: "https://org\(index).example.se"), by: .shell)
        }
        for index in 0..<issueCount {
            try register.add(Issue(
                title: "\(SyntheticText.pick(SyntheticText.topics, &random)) i \(SyntheticText.pick(SyntheticText.places, &random)) (\(index + 1))",
                summary: SyntheticText.sentences(3, &random), position: SyntheticText.sentences(2, &random),
                status: index % 10 == 0 ? .closed : .active, caseNumber: "RS/2024:\(index + 100)",
                policyAreas: [SyntheticText.pick(SyntheticText.policyAreas, &random)], unit: units[index % units.count]), by: .shell)
        }
    }

    struct Catalogue {
        var officials: [Int64]
        var organisations: [Int64]
        var consultancies: [Int64]
        var clients: [Int64]
        var issues: [Int64]

        init(of register: Register) throws {
            let (officials, organisations, issues) = try register.read { snapshot in
                (try snapshot.officials().map(\.id), try snapshot.organisations(), try snapshot.issues().map(\.id))
            }
            self.officials = officials
            self.organisations = organisations.map(\.id)
            consultancies = organisations.filter { $0.kind == .consultancy }.map(\.id)
            clients = organisations.filter { $0.kind == .company }.map(\.id)
            self.issues = issues
        }
    }

    static func meeting(_ index: Int, catalogue: Catalogue) -> Meeting {
        var random = SplitMix64(seed: UInt64(index) &+ 0x5EED)
        func below(_ bound: Int) -> Int { Int.random(in: 0..<bound, using: &random) }
        func distinct(_ from: [Int64], _ count: Int) -> [Int64] {
            var chosen: [Int64] = []
            while chosen.count < count {
                let candidate = from[below(from.count)]
                if !chosen.contains(candidate) { chosen.append(candidate) }
            }
            return chosen
        }
        let participants = distinct(catalogue.officials, 1 + below(3))
        let issues = distinct(catalogue.issues, 1 + below(2))
        var counterparts: [Counterpart] = []
        for organisation in distinct(catalogue.organisations, 1 + below(2)) {
            let people = (0..<(1 + below(2))).map { _ in
                below(20) == 0
                    ? CounterpartPerson(name: SyntheticText.name(&random), role: "Privatperson", isPrivate: true)
                    : CounterpartPerson(name: SyntheticText.name(&random), role: SyntheticText.pick(SyntheticText.roles, &random))
            }
            if below(5) == 0 {
                counterparts.append(Counterpart(organisation: catalogue.consultancies[below(catalogue.consultancies.count)],
                                                onBehalfOf: catalogue.clients[below(catalogue.clients.count)], people: people))
            } else {
                counterparts.append(Counterpart(organisation: organisation, people: people))
            }
        }
        let documents = (0..<[0, 0, 0, 1, 1, 2][below(6)]).map { number in
            MeetingDocument(title: "\(SyntheticText.pick(SyntheticText.documentKinds, &random)) om \(SyntheticText.pick(SyntheticText.topics, &random).lowercased())",
                            direction: below(2) == 0 ? .received : .given,
                            url: below(2) == 0 ? "https://dokument.example.se/\(index)-\(number).pdf" : nil)
        }
        var withheld: [MeetingField: Withholding] = [:]
        switch below(100) {
        case 0..<3: withheld[.summary] = Withholding(ground: "OSL 19 kap. 3 §", until: Day("2031-06-30"))
        case 3: withheld[.documents] = Withholding(ground: "OSL 31 kap. 16 §")
        default: break
        }
        let startsAt = start.addingTimeInterval((Double(index) * spacing / 1800).rounded(.down) * 1800)
        let format = MeetingFormat.allCases[below(MeetingFormat.allCases.count)]
        return Meeting(
            startsAt: startsAt, durationMinutes: [30, 45, 60, 60, 90, 120][below(6)],
            place: format == .inPerson ? "\(SyntheticText.pick(SyntheticText.venues, &random)), \(SyntheticText.pick(SyntheticText.places, &random))" : format.rawValue,
            format: format, direction: below(3) == 0 ? .outbound : .inbound, initiator: below(3) == 0 ? .us : .counterpart,
            participants: participants, counterparts: counterparts, issues: issues,
            subject: "\(SyntheticText.pick(SyntheticText.topics, &random)) – \(SyntheticText.pick(SyntheticText.subjectEndings, &random)) \(SyntheticText.pick(SyntheticText.places, &random))",
            summary: SyntheticText.sentences(4, &random), documents: documents, withheld: withheld)
    }
}

/// The benchmark's clock: each reading is `step` later than the one before, so that
/// meeting `i` is recorded and published just after it starts, whatever the batches.
final class SteppingClock: Sendable {
    private let state: Mutex<Date>
    private let step: TimeInterval

    init(start: Date, step: TimeInterval) {
        state = Mutex(start)
        self.step = step
    }

    func next() -> Date {
        state.withLock { now in
            defer { now.addTimeInterval(step) }
            return now
        }
    }
}
