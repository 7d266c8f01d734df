import Foundation
import Testing
@testable import RegisterCore

/// A register with one planted case of each gap the compliance report finds, and a
/// near case beside each that it must not find. "Today" is 2026-11-25 (Stockholm).
struct ComplianceScenario {
    let clock = ManualClock(Timestamp.parse("2026-11-01T08:00:00Z")!)
    let base: TestRegister
    var register: Register { base.register }
    var ids: [String: Int64] = [:]
    let otherUnit: Int64
    let otherOfficial: Int64
    let unnumberedCompany: Int64

    init(onFile: Bool = false) throws {
        let clock = clock
        base = try TestRegister(clock: { clock.now }, onFile: onFile)
        otherUnit = try base.register.add(Unit(name: "Kulturnämnden", kind: .board), by: .shell)
        otherOfficial = try base.register.add(Official(name: "Elin Forsberg", title: "Ordförande", kind: .elected, unit: otherUnit,
                                                       activeFrom: Day("2022-11-01")!), by: .shell)
        unnumberedCompany = try base.register.add(Organisation(name: "Utan Nummer AB", kind: .company), by: .shell)
        let unnumberedNGO = try base.register.add(Organisation(name: "Föreningen Utan Nummer", kind: .ngo), by: .shell)

        func meeting(_ start: String, subject: String = "Värmlandsbanan och godstrafiken", issues: Bool = true,
                     official: Int64? = nil, counterparts: [Counterpart]? = nil,
                     withheld: [MeetingField: Withholding] = [:]) -> Meeting {
            var meeting = base.meeting(withheld: withheld)
            meeting.startsAt = Timestamp.parse(start)!
            meeting.subject = subject
            if !issues { meeting.issues = [] }
            if let official { meeting.participants = [official] }
            if let counterparts { meeting.counterparts = counterparts }
            return meeting
        }
        func publish(_ name: String, _ meeting: Meeting, at time: String) throws {
            clock.now = Timestamp.parse(time)!
            ids[name] = try base.register.recordAndPublishMeeting(meeting, by: .shell)
        }
        // Meeting day 1 November; the deadline (14 days) is 15 November.
        try publish("onDeadline", meeting("2026-11-01T10:00:00Z"), at: "2026-11-15T21:00:00Z")
        try publish("dayLate", meeting("2026-11-01T10:00:00Z", official: otherOfficial), at: "2026-11-16T09:00:00Z")
        try publish("noIssue", meeting("2026-11-02T10:00:00Z", issues: false), at: "2026-11-03T09:00:00Z")
        try publish("vaguePhrase", meeting("2026-11-03T10:00:00Z", subject: "Allmän diskussion med Nordvind"), at: "2026-11-04T09:00:00Z")
        try publish("phraseInside", meeting("2026-11-03T10:00:00Z", subject: "Möte om dubbelspåret"), at: "2026-11-04T09:00:00Z")
        try publish("tooShort", meeting("2026-11-03T10:00:00Z", subject: "Budget 2027"), at: "2026-11-04T09:00:00Z")
        try publish("longEnough", meeting("2026-11-03T10:00:00Z", subject: "Budget för 2027"), at: "2026-11-04T09:00:00Z")
        try publish("unnumbered", meeting("2026-11-04T10:00:00Z", counterparts: [
            Counterpart(organisation: unnumberedCompany), Counterpart(organisation: unnumberedNGO), Counterpart(organisation: base.client),
        ]), at: "2026-11-05T09:00:00Z")
        // A year before 25 November 2026 is 25 November 2025.
        try publish("oldWithheld", meeting("2025-11-24T10:00:00Z", withheld: [
            .summary: Withholding(ground: "OSL 19 kap. 3 §"), .documents: Withholding(ground: "OSL 19 kap. 3 §", until: Day("2027-06-30")),
        ]), at: "2025-11-25T09:00:00Z")
        try publish("yearOldWithheld", meeting("2025-11-25T10:00:00Z", withheld: [.summary: Withholding(ground: "OSL 19 kap. 3 §")]),
                    at: "2025-11-26T09:00:00Z")
        clock.now = Timestamp.parse("2026-11-25T09:00:00Z")!
        ids["staleDraft"] = try base.register.recordMeeting(meeting("2026-11-10T10:00:00Z"), by: .shell)
        ids["draftOnDeadline"] = try base.register.recordMeeting(meeting("2026-11-11T10:00:00Z"), by: .shell)
    }

    func report(_ filter: ComplianceFilter = .all) throws -> ComplianceReport {
        try register.read { try $0.complianceReport(filter, today: Day("2026-11-25")!) }
    }
}

@Suite("The compliance report")
struct ComplianceReportTests {
    @Test func findsEachPlantedGapAndNotTheNearCaseBesideIt() throws {
        let scenario = try ComplianceScenario()
        let report = try scenario.report()
        func found(_ category: ComplianceCategory) -> [Int64] { report.findings(category).compactMap(\.meeting) }
        let ids = scenario.ids
        #expect(found(.latePublication) == [ids["dayLate"]!])
        #expect(report.findings(.latePublication).first?.days == 1)
        #expect(report.findings(.latePublication).first?.publishedDay == Day("2026-11-16"))
        #expect(found(.overdueDraft) == [ids["staleDraft"]!])
        #expect(report.findings(.overdueDraft).first?.days == 1)
        #expect(found(.noIssue) == [ids["noIssue"]!])
        #expect(found(.vagueSubject) == [ids["vaguePhrase"]!, ids["tooShort"]!])
        #expect(report.findings(.vagueSubject).map(\.phrase) == ["allmän diskussion", nil])
        #expect(report.findings(.vagueSubject).map(\.words) == [4, 2])
        #expect(report.findings(.missingOrganisationNumber).map(\.organisation) == [scenario.unnumberedCompany])
        #expect(report.findings(.missingOrganisationNumber).first?.meetings == 1)
        #expect(report.findings(.withheldWithoutEnd).map(\.meeting) == [ids["oldWithheld"]!])
        #expect(report.findings(.withheldWithoutEnd).map(\.field) == [.summary])
        #expect(report.deadlineDays == 14 && report.minimumSubjectWords == 3)
        #expect(report.findings.count == 7, "and nothing else")
    }

    @Test func theDeadlineAndTheVaguePhrasesAreSettings() throws {
        let scenario = try ComplianceScenario()
        var settings = try scenario.register.settings()
        try settings.set("publication-deadline-days", to: "13")
        try settings.set("vague-phrases", to: "godstrafiken")
        try settings.set("subject-minimum-words", to: "2")
        try scenario.register.update(settings: settings, by: .shell)
        let report = try scenario.report()
        #expect(report.findings(.latePublication).compactMap(\.meeting).contains(scenario.ids["onDeadline"]!))
        #expect(report.findings(.latePublication).first { $0.meeting == scenario.ids["dayLate"] }?.days == 2)
        #expect(report.findings(.vagueSubject).isEmpty, "one word of three is no dominant phrase, and two words are enough now")
        settings.vaguePhrases = "och godstrafiken"
        try scenario.register.update(settings: settings, by: .shell)
        #expect(try scenario.report().findings(.vagueSubject).count > 0, "two of three words are the phrase")
        try settings.set("publication-deadline-days", to: "fjorton")
        #expect(throws: ValidationError.self) { try scenario.register.update(settings: settings, by: .shell) }
    }

    @Test func filtersByUnitOfficialAndPeriod() throws {
        let scenario = try ComplianceScenario()
        let ids = scenario.ids
        let byUnit = try scenario.report(ComplianceFilter(unit: scenario.otherUnit))
        #expect(byUnit.findings.compactMap(\.meeting) == [ids["dayLate"]!])
        #expect(byUnit.findings.first?.units == ["Kulturnämnden"])
        let byOfficial = try scenario.report(ComplianceFilter(official: scenario.base.official))
        #expect(!byOfficial.findings.contains { $0.meeting == ids["dayLate"] })
        #expect(byOfficial.findings.contains { $0.meeting == ids["staleDraft"] })
        let period = try scenario.report(ComplianceFilter(from: Day("2026-11-02"), to: Day("2026-11-03")))
        #expect(Set(period.findings.compactMap(\.meeting)) == [ids["noIssue"]!, ids["vaguePhrase"]!, ids["tooShort"]!])
        #expect(period.findings(.missingOrganisationNumber).isEmpty, "the organisation's only meeting is outside the period")
    }

    @Test func aRecorderIsRefusedAndEveryReadIsLogged() async throws {
        let scenario = try ComplianceScenario()
        let recorder = Principal(kind: .account, id: 7, name: "Rut", role: .recorder, officials: [scenario.base.official])
        await #expect(throws: NotPermitted.self) { try await scenario.register.complianceReport(by: recorder) }
        let registrar = Principal(kind: .account, id: 8, name: "Rita", role: .registrar)
        _ = try await scenario.register.complianceReport(by: registrar)
        let log = try scenario.register.accessLog()
        #expect(log.map(\.what) == ["compliance report"])
        #expect(log.first?.reader.name == "Rita")
    }

    @Test func aSubjectIsVagueWhenItsPhrasesCoverHalfItsWords() {
        let rule = SubjectRule(minimumWords: 3, phrases: ["allmän diskussion", "avstämning", "dialog", "möte"])
        #expect(rule.verdict("MÖTE") == .vaguePhrase("möte"))
        #expect(rule.verdict("Allmän diskussion") == .vaguePhrase("allmän diskussion"))
        #expect(rule.verdict("Avstämning, dialog") == .vaguePhrase("avstämning"))
        #expect(rule.verdict("Dialog om vätgas i Värmland") == nil)
        #expect(rule.verdict("Allmän diskussionsklubb om tåg") == nil, "whole words only")
        #expect(rule.verdict("Vätgas") == .tooShort(words: 1))
        #expect(rule.verdict("  ") == .tooShort(words: 0))
    }
}

@Suite("Timeliness on the statistics")
struct TimelinessTests {
    @Test func countsTheShareInTimePerMonthAndUnitFromPublicValues() throws {
        let scenario = try ComplianceScenario()
        let timeliness = try scenario.register.read { try $0.publicationTimeliness() }
        let november = try #require(timeliness.perMonth.first { $0.label == "2026-11" })
        #expect(november.meetings == 8 && november.withinDeadline == 7)
        let culture = try #require(timeliness.perUnit.first { $0.label == "Kulturnämnden" })
        #expect(culture.meetings == 1 && culture.withinDeadline == 0)
        #expect(timeliness.overall.meetings == 10)
        // The two meetings of November 2025 were published the next day.
        #expect(timeliness.perMonth.first { $0.label == "2025-11" }?.withinDeadline == 2)
    }

    @Test func keepsItsCountsOnCorrectionWithdrawalAndAWithheldStart() throws {
        let scenario = try ComplianceScenario()
        let late = scenario.ids["dayLate"]!
        var meeting = try scenario.register.storedMeeting(late).meeting
        meeting.withheld[.startsAt] = Withholding(ground: "OSL 19 kap. 3 §")
        try scenario.register.correctMeeting(late, with: meeting, reason: "Tiden är sekretess", by: .shell)
        var timeliness = try scenario.register.read { try $0.publicationTimeliness() }
        #expect(timeliness.overall.meetings == 9, "a withheld start is not counted")
        #expect(timeliness.perUnit.first { $0.label == "Kulturnämnden" } == nil)
        try scenario.register.withdrawMeeting(scenario.ids["onDeadline"]!, reason: "Dubblett", by: .shell)
        timeliness = try scenario.register.read { try $0.publicationTimeliness() }
        #expect(timeliness.overall.meetings == 8 && timeliness.overall.withinDeadline == 8)
        let counted = try scenario.register.readDatabase { db in try Int.fetchOne(db, sql: "SELECT SUM(meetings) FROM timeliness WHERE unit_id = 0") }
        #expect(counted == 8)
    }
}
