import Foundation
import Testing

@Suite("insyn import on the command line")
struct ImportCommandTests {
    private func demo() throws -> Insyn {
        let insyn = Insyn()
        #expect(try insyn.run(["demo"]).status == 0)
        return insyn
    }

    private func file(_ insyn: Insyn, _ name: String, _ text: String) throws -> String {
        let path = insyn.database + "-" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A meetings CSV: the header and rows of the columns the import needs.
    private static let header = "starts_at,duration_minutes,place,format,direction,initiator,participants,organisations,people,issues,subject,summary"
    private static let good = "2026-10-05T10:00:00+02:00,60,Regionens hus,in-person,inbound,counterpart,Anna Lindqvist,Nordvind Kommunikation AB,Ulrika Fors (VD),,Godstrafiken,Vi talade om godstrafiken."

    @Test func aDryRunReportsEveryBadRowByLineAndColumnAndChangesNothing() throws {
        let insyn = try demo()
        defer { insyn.cleanUp() }
        let path = try file(insyn, "bad.csv", [
            Self.header, Self.good,
            "i går,60,Regionens hus,in-person,inbound,counterpart,Anna Lindqvist,Nordvind Kommunikation AB,,,Ämne,Text.",
            "2026-10-05T10:00:00+02:00,sextio,Regionens hus,brevduva,inbound,counterpart,Anna Lindqvist,,Ulrika Fors,,Ämne,Text.",
            Self.good,
            "2026-10-05T10:00:00+02:00,60,Regionens hus,video,inbound,counterpart,Anna Lindqvist,Nordvind Kommunikation AB,,,,Text.",
        ].joined(separator: "\n") + "\n")
        let head = try insyn.run(["ledger", "head"]).output
        let result = try insyn.run(["import", "--from", path, "--dry-run"])
        #expect(result.status == 1)
        let lines = result.error.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("line 3, starts_at: 'i går' is not a date and time") })
        #expect(lines.contains { $0.hasPrefix("line 4, duration_minutes: 'sextio' is not a whole number") })
        #expect(lines.contains { $0.hasPrefix("line 4, format: 'brevduva' is not one of") })
        #expect(lines.contains { $0.hasPrefix("line 6, subject: is required") })
        #expect(lines.last == "Error: 4 problems in 3 rows; nothing was imported")
        #expect(try insyn.run(["ledger", "head"]).output == head)
    }

    @Test func aRealRunWithOneBadRowChangesNothing() throws {
        let insyn = try demo()
        defer { insyn.cleanUp() }
        let path = try file(insyn, "one-bad.csv", [Self.header, Self.good, Self.good.replacingOccurrences(of: "in-person", with: "telepati")].joined(separator: "\r\n"))
        let head = try insyn.run(["ledger", "head"]).output
        let result = try insyn.run(["import", "--from", path, "--publish"])
        #expect(result.status == 1)
        #expect(result.error.hasPrefix("line 3, format: 'telepati' is not one of"))
        #expect(try insyn.run(["ledger", "head"]).output == head)
    }

    @Test func matchesAndCreationsAreReportedAndPublishPublishes() throws {
        let insyn = try demo()
        defer { insyn.cleanUp() }
        let path = try file(insyn, "new.csv", [Self.header, Self.good.replacingOccurrences(of: "Nordvind Kommunikation AB", with: "Nordvind Kommunikation AB; Alldeles Ny Förening")].joined(separator: "\n"))
        let before = try insyn.run(["export", "--format", "json"]).output
        let dry = try insyn.run(["import", "--from", path, "--publish", "--dry-run"])
        #expect(dry.status == 0, "\(dry.error)")
        #expect(dry.output.contains("Would import 1 meeting, published."))
        #expect(dry.output.contains("Would create organisation 'Alldeles Ny Förening'"))
        #expect(try insyn.run(["export", "--format", "json"]).output == before)

        let result = try insyn.run(["import", "--from", path, "--publish"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.hasPrefix("Imported 1 meeting, published (ids 321–321)."))
        #expect(result.output.contains(#/Created organisation \d+ 'Alldeles Ny Förening'/#))
        #expect(result.output.contains(#/Matched official \d+ 'Anna Lindqvist' by name/#))
        #expect(result.output.contains(#/Matched organisation \d+ 'Nordvind Kommunikation AB' by name/#))
        #expect(try insyn.run(["export", "--format", "csv"]).output.contains("Anna Lindqvist,1,Nordvind Kommunikation AB; Alldeles Ny Förening"))
        #expect(try insyn.run(["verify"]).status == 0)
    }

    @Test func jsonLinesImportAsDraftsByTheRegistersIds() throws {
        let insyn = try demo()
        defer { insyn.cleanUp() }
        let meeting = #"{"startsAt": "2026-11-23T14:30", "durationMinutes": 60, "place": "Regionens hus", "format": "in-person", "direction": "inbound", "initiator": "counterpart", "participants": [1], "counterparts": [{"organisation": 2, "people": [{"name": "Ulrika Fors", "role": "VD"}]}], "issues": [1], "subject": "Från JSON Lines", "summary": "Importerat."}"#
        let path = try file(insyn, "meetings.jsonl", meeting + "\n\n" + meeting + "\n")
        let result = try insyn.run(["import", "--from", path])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.hasPrefix("Imported 2 meetings as drafts (ids 321–322)."))
        #expect(try insyn.run(["meeting", "show", "322"]).output.contains("Från JSON Lines"))
        #expect(!(try insyn.run(["export", "--format", "csv"]).output.contains("Från JSON Lines")), "drafts are not public")

        let bad = try file(insyn, "bad.jsonl", meeting + "\n" + meeting.replacingOccurrences(of: "\"participants\": [1]", with: "\"participants\": [999]") + "\n{\n")
        let refused = try insyn.run(["import", "--from", bad])
        #expect(refused.status == 1)
        #expect(refused.error.contains("line 2, participants[0]: no official with id 999"))
        #expect(refused.error.contains("line 3"))
    }

    @Test func anExportDirectoryImportsIntoAnEmptyRegister() throws {
        let insyn = try demo()
        defer { insyn.cleanUp() }
        let directory = insyn.database + "-csv"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(try insyn.run(["export", "--format", "csv", "--out-dir", directory]).status == 0)
        let fresh = Insyn()
        defer { fresh.cleanUp() }
        #expect(try fresh.run(["init"]).status == 0)
        let result = try fresh.run(["import", "--from", directory, "--publish"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.hasPrefix("Imported 310 meetings, published"))
        #expect(result.output.contains("Skipped 2 withdrawn meetings"))
        #expect(try fresh.run(["verify"]).status == 0)
    }
}
