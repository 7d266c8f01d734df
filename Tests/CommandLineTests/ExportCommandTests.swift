import Foundation
import Testing

@Suite("insyn export on the command line")
struct ExportCommandTests {
    private func demo() throws -> Insyn {
        let insyn = Insyn()
        #expect(try insyn.run(["demo"]).status == 0)
        return insyn
    }

    @Test func jsonFileCarriesTheLedgerHead() throws {
        let insyn = try demo()
        defer { insyn.cleanUp() }
        let file = insyn.database + ".json"
        defer { try? FileManager.default.removeItem(atPath: file) }
        let result = try insyn.run(["export", "--format", "json", "--out", file])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.isEmpty)
        let head = try insyn.run(["ledger", "head"]).output.split(separator: " ").map(String.init)
        #expect(result.error.hasPrefix("Wrote 312 meetings to \(file); ledger head \(head[0]) "))
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any]
        let ledger = document?["ledger"] as? [String: Any]
        #expect(ledger?["sequence"] as? Int == Int(head[0]))
        #expect(ledger?["hash"] as? String == head[1].trimmingCharacters(in: .newlines))
    }

    @Test func jsonLinesSayWhereToResume() throws {
        let insyn = try demo()
        defer { insyn.cleanUp() }
        let head = try insyn.run(["ledger", "head"]).output.split(separator: " ")[0]
        let all = try insyn.run(["export", "--format", "jsonl"])
        #expect(all.status == 0)
        #expect(all.error.hasSuffix("resume with --since \(head)\n"))
        let lines = all.output.split(separator: "\n")
        #expect(lines.count > 300)
        #expect(lines.allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) != nil })
        let none = try insyn.run(["export", "--format", "jsonl", "--since", String(head)])
        #expect(none.status == 0 && none.output.isEmpty)
        #expect(none.error == "Wrote 0 public changes after \(head); resume with --since \(head)\n")
    }

    @Test func csvDirectoryHoldsEveryEntity() throws {
        let insyn = try demo()
        defer { insyn.cleanUp() }
        let directory = insyn.database + "-csv"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(try insyn.run(["export", "--format", "csv", "--out-dir", directory]).status == 0)
        for name in ["units", "officials", "organisations", "issues", "meetings"] {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: "\(directory)/\(name).csv"))
            #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF], "\(name).csv starts with the UTF-8 byte order mark")
        }
    }

    @Test func misuseIsOneLineAndNonZero() throws {
        let insyn = try demo()
        defer { insyn.cleanUp() }
        let cases: [([String], String)] = [
            (["export", "--format", "json", "--since", "3"], "--since is only for --format jsonl"),
            (["export", "--entity", "units"], "--entity is only for --format csv"),
            (["export", "--format", "csv", "--out-dir", "x", "--entity", "units"], "--out-dir writes every entity"),
            (["export", "--status", "draft"], "drafts are not public"),
            (["export", "--format", "jsonl", "--official", "1"], "meeting filters are for json and csv"),
            (["export", "--format", "jsonl", "--since", "999999"], "since: 999999 is beyond the ledger's last change"),
            (["export", "--format", "xml"], "xml"),
        ]
        for (arguments, message) in cases {
            let result = try insyn.run(arguments)
            #expect(result.status != 0, "\(arguments) succeeded")
            #expect(result.error.contains(message), "\(arguments): \(result.error)")
            #expect(result.output.isEmpty, "\(arguments) wrote to standard output")
        }
    }
}
