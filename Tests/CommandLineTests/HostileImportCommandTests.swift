import Foundation
import Testing

/// The command line's other input files: calendar invitations (`meeting add
/// --from-ics`) and import files (`import --from FILE.csv|FILE.jsonl`), with the
/// hostile invitations of the upload page's tests, CSV and JSON Lines that are
/// malformed, invalid UTF-8, nested 10,000 deep or out of range, and input without
/// end. Each fails with a non-zero status, its message on standard error (an import
/// names every bad row on a line of its own, then ends with one "Error:" line),
/// nothing on standard output, and the register as it was.
@Suite("Hostile input: invitations and import files on the command line", .serialized)
struct HostileImportCommandTests {
    static func expectRefused(_ result: (status: Int32, output: String, error: String), _ label: String,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status != 0, "\(label) succeeded: \(result.output.prefix(200))", sourceLocation: sourceLocation)
        #expect(result.output.isEmpty, "\(label) printed \(result.output.prefix(200))", sourceLocation: sourceLocation)
        let lines = result.error.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.last?.hasPrefix("Error: ") == true && result.error.hasSuffix("\n"), "\(label): \(result.error.suffix(300))",
                sourceLocation: sourceLocation)
        for line in lines {
            #expect(!line.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\t" && $0 != "\r") || (0x80..<0xA0).contains($0.value)
                || (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) },
                    "\(label): a control character in \(line.debugDescription.prefix(300))", sourceLocation: sourceLocation)
        }
    }

    static func file(_ bytes: [UInt8], extension name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("insyn-hostile-\(UUID()).\(name)")
        try Data(bytes).write(to: url)
        return url
    }

    @Test func everyHostileInvitationFailsAndRecordsNothing() throws {
        let insyn = try HostileInputCommandTests.register()
        defer { insyn.cleanUp() }
        let before = try HostileInputCommandTests.state(insyn)
        for (index, (name, bytes)) in HostileCalendar.files.enumerated() {
            let result: (status: Int32, output: String, error: String)
            if index % 2 == 0 {
                result = try insyn.run(["meeting", "add", "--from-ics", "-", "--official", "1"], bytes: bytes)
            } else {
                let url = try Self.file(bytes, extension: "ics")
                defer { try? FileManager.default.removeItem(at: url) }
                result = try insyn.run(["meeting", "add", "--from-ics", url.path, "--official", "1"], bytes: nil)
            }
            Self.expectRefused(result, "--from-ics with \(name)")
        }
        for path in ["/dev/zero", "/"] {
            Self.expectRefused(try insyn.run(["meeting", "add", "--from-ics", path], bytes: nil), "--from-ics \(path)")
        }
        #expect(try HostileInputCommandTests.state(insyn) == before)
    }

    static var importFiles: [(name: String, extension: String, bytes: [UInt8])] {
        func text(_ string: String) -> [UInt8] { Array(string.utf8) }
        let line = InputErrorTests.meeting("")
        return [
            ("binary noise", "csv", [0x00, 0xFF, 0xFE, 0x22, 0x0A, 0x22, 0x2C]), ("an empty CSV", "csv", []),
            ("an unclosed quote", "csv", text("subject,startsAt\n\"Elnätet,2026-11-23T14:30\n")),
            ("invalid UTF-8", "csv", text("subject,startsAt\nEln") + [0xFF, 0xC0, 0xAF] + text(",2026-11-23T14:30\n")),
            ("10000 columns", "csv", text(String(repeating: "x,", count: 10_000) + "\n" + String(repeating: "1,", count: 10_000) + "\n")),
            ("markup for a header", "csv", text("<script>alert(7)</script>,\u{202E}x\n1,2\n")),
            ("a field of 2 MB", "csv", text("subject\n" + String(repeating: "x", count: 2_000_000) + "\n")),
            ("JSON Lines of noise", "jsonl", text("{\n[\nnull\n\"x\"\n")),
            ("JSON Lines nested 10000 deep", "jsonl", text(String(repeating: "[", count: 10_000) + "\n")),
            ("JSON Lines with invalid UTF-8", "jsonl", text(#"{"subject": "Eln"#) + [0xFF] + text("\"}\n")),
            ("a meeting in year 10000", "jsonl", text(line.replacingOccurrences(of: "2026-11-20T14:30", with: "10000-11-20T14:30") + "\n")),
            ("a meeting of -60 minutes", "jsonl", text(line.replacingOccurrences(of: #""durationMinutes": 60"#, with: #""durationMinutes": -60"#) + "\n")),
            ("a meeting of 1e309 minutes", "jsonl", text(line.replacingOccurrences(of: #""durationMinutes": 60"#, with: #""durationMinutes": 1e309"#) + "\n")),
            ("a good line and a bad one", "jsonl", text(line + "\n" + line.replacingOccurrences(of: "\"Rum\"", with: "\"a\\u0000b\"") + "\n")),
            ("a file of another kind", "txt", text(line)),
        ]
    }

    @Test func everyHostileImportFileFailsAndImportsNothing() throws {
        let insyn = try HostileInputCommandTests.register()
        defer { insyn.cleanUp() }
        let before = try HostileInputCommandTests.state(insyn)
        for (index, (name, ext, bytes)) in Self.importFiles.enumerated() {
            let url = try Self.file(bytes, extension: ext)
            defer { try? FileManager.default.removeItem(at: url) }
            let flag = index % 2 == 0 ? "--publish" : "--dry-run"
            Self.expectRefused(try insyn.run(["import", "--from", url.path, flag], bytes: nil), "import \(flag) of \(name)")
        }
        for path in ["/dev/zero", "/nonexistent.csv"] {
            Self.expectRefused(try insyn.run(["import", "--from", path], bytes: nil), "import --from \(path)")
        }
        #expect(try HostileInputCommandTests.state(insyn) == before)
    }
}
