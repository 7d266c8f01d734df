import Foundation
import Synchronization

/// Loads the fictitious demo register: the catalogue of `DemoCatalogue` and a few
/// hundred meetings over two years, recorded, published, corrected, withdrawn and
/// released through the ordinary write path with a clock that follows the story.
/// It is deterministic: the same data and the same ledger contents every time,
/// but for the random salts of the commitments.
public enum DemoRegister {
    public static let meetingCount = 320
    static let start = Timestamp.parse("2024-11-04T08:00:00Z")!
    static let end = Timestamp.parse("2026-11-16T08:00:00Z")!

    /// Fills an empty register, in one transaction: a demo that fails or is killed
    /// part-way leaves the register as it was. Throws if it already holds changes.
    public static func load(into register: Register) throws {
        let clock = ManualClock(start.addingTimeInterval(-40 * 86_400))
        try register.withClock { clock.now }.inOneTransaction { demo in
            guard try demo.isEmpty() else {
                throw ValidationError("database", "the register is not empty; the demo loads only into an empty one")
            }
            try tell(into: demo, clock: clock)
        }
    }

    private static func tell(into demo: Register, clock: ManualClock) throws {
        var settings = try demo.settings()
        settings.bodyName = "Exempelregionen (fiktiva demodata)"
        try demo.update(settings: settings, by: .shell)

        let units = try DemoCatalogue.units.map { try demo.add($0, by: .shell) }
        let officials = try DemoCatalogue.officials.map { name, title, party, unit, elected, from, to in
            try demo.add(Official(name: name, title: title, kind: elected ? .elected : .staff, party: party, unit: units[unit],
                                  activeFrom: Day(from)!, activeTo: to.flatMap(Day.init)), by: .shell)
        }
        let organisations = try DemoCatalogue.organisations.map { name, kind, base, euId, website in
            try demo.add(Organisation(
                name: name, kind: kind, organisationNumber: base.map { $0 + String(luhnCheckDigit($0)) },
                personnummer: base == nil ? DemoCatalogue.soleTraderPersonnummer : nil, euTransparencyId: euId, website: website), by: .shell)
        }
        let issues = try DemoCatalogue.issues.map { title, summary, position, closed, caseNumber, areas, unit in
            try demo.add(Issue(title: title, summary: summary, position: position, status: closed ? .closed : .active,
                               caseNumber: caseNumber, policyAreas: areas, unit: units[unit]), by: .shell)
        }

        var random = SplitMix64(seed: 2026)
        var events = DemoStory.events(count: meetingCount, start: start, end: end, officials: officials,
                                      organisations: organisations, issues: issues, random: &random)
        events.sort { $0.at < $1.at }
        var ids: [Int: Int64] = [:]
        for event in events {
            clock.now = event.at
            switch event.action {
            case .record(let meeting): ids[event.meeting] = try demo.recordMeeting(meeting, by: .shell)
            case .publish: try demo.publishMeeting(ids[event.meeting]!, by: .shell)
            case .correct(let meeting, let reason): try demo.correctMeeting(ids[event.meeting]!, with: meeting, reason: reason, by: .shell)
            case .withdraw(let reason): try demo.withdrawMeeting(ids[event.meeting]!, reason: reason, by: .shell)
            }
        }
        clock.now = max(events.last?.at ?? end, end).addingTimeInterval(86_400)
        try demo.releaseDueWithholdings(by: .shell)
        if let mistaken = ids[100], try demo.publicMeeting(mistaken)?.status == .published {
            clock.now = clock.now.addingTimeInterval(3_600)
            try demo.redactMeeting(mistaken, .field(.place), ground: "OSL 21 kap. 3 §",
                                   reason: "Platsen var en privatpersons bostadsadress och publicerades av misstag", by: .shell)
        }
    }

    static func luhnCheckDigit(_ digits: String) -> Int {
        var sum = 0
        for (index, character) in digits.enumerated() {
            let weighted = (character.wholeNumberValue ?? 0) * (index % 2 == 0 ? 2 : 1)
            sum += weighted > 9 ? weighted - 9 : weighted
        }
        return (10 - sum % 10) % 10
    }
}

/// A clock its owner sets: the demo's story moves it, and tests use it to write
/// changes at chosen times. Pass `{ clock.now }` as a register's clock.
public final class ManualClock: Sendable {
    private let current: Mutex<Date>

    public init(_ date: Date) { current = Mutex(date) }

    public var now: Date {
        get { current.withLock { $0 } }
        set { current.withLock { $0 = newValue } }
    }
}

/// A small deterministic random number generator, so the demo is the same every time.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
