import Foundation
import RegisterCore
import Testing
@testable import Publishing

@Suite("No confidential value or draft in any export")
struct ExportConfidentialityTests {
    static let secrets = [ExportFixture.withheldSummary, ExportFixture.withheldPlace, ExportFixture.privateName,
                          ExportFixture.draftSubject] + ExportFixture.personnummerForms

    /// Every file `insyn export` can write for the fixture, by name.
    private func outputs(_ register: Register) throws -> [String: String] {
        var outputs = ["json": String(decoding: try Export.json(register), as: UTF8.self),
                       "jsonl": String(decoding: Array(try Export.lines(register, after: 0).lines.joined(separator: [0x0A])), as: UTF8.self)]
        for entity in RegisterCSVExport.Entity.allCases {
            outputs["\(entity.rawValue).csv"] = String(decoding: try Export.csv(register, entity), as: UTF8.self)
        }
        return outputs
    }

    @Test func withheldValuesPrivateNamesPersonnummerAndDraftsAreAbsent() throws {
        let fixture = try ExportFixture()
        for (name, text) in try outputs(fixture.register) {
            for secret in Self.secrets {
                #expect(!text.contains(secret), "\(name) leaks \(secret)")
            }
        }
    }

    @Test func theOutputsStillSayWhatIsWithheldAndWhy() throws {
        let fixture = try ExportFixture()
        let outputs = try outputs(fixture.register)
        for name in ["json", "jsonl", "meetings.csv"] {
            #expect(outputs[name]?.contains(ExportFixture.ground) == true, "\(name) names the legal ground")
            #expect(outputs[name]?.contains("Nordvind Kommunikation AB") == true, "\(name) names the counterpart")
        }
        #expect(outputs["organisations.csv"]?.contains("Hantverk Åberg (enskild firma),company,,true") == true)
    }

    @Test func aReleasedValueAppearsOnlyAfterItsRelease() throws {
        let fixture = try ExportFixture()
        #expect(try outputs(fixture.register).values.allSatisfy { !$0.contains(ExportFixture.withheldSummary) })
        fixture.clock.advance(days: 365)
        #expect(try fixture.register.releaseDueWithholdings(by: .shell) == [fixture.published])
        let released = try outputs(fixture.register)
        for name in ["json", "jsonl", "meetings.csv"] {
            #expect(released[name]?.contains(ExportFixture.withheldSummary) == true, "\(name) after the release")
            #expect(released[name]?.contains(ExportFixture.withheldPlace) == false, "\(name) keeps the place withheld")
        }
    }
}
