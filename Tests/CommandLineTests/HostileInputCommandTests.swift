import Foundation
import GRDB
import PropertyBased
import RegisterCore
import Testing

/// The command line's JSON input, from a file and from standard input, for every
/// command that takes one: malformed and cut-short documents, nesting 10,000 deep,
/// invalid UTF-8, NUL, unknown and repeated members, members spoilt with values of
/// the wrong type or out of range, input without end (/dev/zero), and ids out of
/// range. Each fails with a non-zero status and one line on standard error, prints
/// nothing on standard output, and leaves the register as it was.
@Suite("Hostile input: the command line's JSON input", .serialized)
struct HostileInputCommandTests {
    /// A command that reads a JSON document, and a well-formed document for it.
    struct Command: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        let valid: String
        var testDescription: String { arguments.joined(separator: " ") }

        func with(from path: String) -> [String] {
            arguments.flatMap { $0 == "FILE" ? [path] : [$0] }
        }
    }

    static let unit = #"{"name": "Kulturnämnden", "kind": "board"}"#
    static let official = #"{"name": "Bo Berg", "title": "Regionråd", "kind": "elected", "party": "M", "unit": 1, "activeFrom": "2022-01-01"}"#
    static let organisation = #"{"name": "Klarälvens Energi AB", "kind": "company", "organisationNumber": "5567101232"}"#
    static let issue = #"{"title": "Dubbelspår", "summary": "Utbyggnad.", "position": "För.", "unit": 1}"#
    static let meeting = InputErrorTests.meeting("")

    static let commands: [Command] = [
        Command(arguments: ["unit", "add", "--from", "FILE"], valid: unit),
        Command(arguments: ["unit", "update", "1", "--from", "FILE"], valid: unit),
        Command(arguments: ["official", "add", "--from", "FILE"], valid: official),
        Command(arguments: ["official", "update", "1", "--from", "FILE"], valid: official),
        Command(arguments: ["org", "add", "--from", "FILE"], valid: organisation),
        Command(arguments: ["org", "update", "1", "--from", "FILE"], valid: organisation),
        Command(arguments: ["issue", "add", "--from", "FILE"], valid: issue),
        Command(arguments: ["issue", "update", "1", "--from", "FILE"], valid: issue),
        Command(arguments: ["meeting", "add", "--from", "FILE"], valid: meeting),
        Command(arguments: ["meeting", "add", "--from", "FILE", "--publish"], valid: meeting),
        Command(arguments: ["meeting", "edit", "2", "--from", "FILE"], valid: meeting),
        Command(arguments: ["meeting", "correct", "1", "--from", "FILE", "--reason", "Rättat"], valid: meeting),
    ]

    /// A register with a unit, an official, an organisation, an issue, a published
    /// meeting (1) and a draft (2): a copy of one made once.
    static func register() throws -> Insyn {
        let made = try template.get()
        let insyn = Insyn()
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: made.database + suffix) {
            try FileManager.default.copyItem(atPath: made.database + suffix, toPath: insyn.database + suffix)
        }
        return insyn
    }

    private static let template = Result { () throws -> Insyn in
        let insyn = try InputErrorTests.catalogued()
        _ = try insyn.run(["meeting", "add", "--from", "-", "--publish"], input: meeting)
        _ = try insyn.run(["meeting", "add", "--from", "-"], input: meeting)
        return insyn
    }

    /// The ledger's head and the number of rows in every table.
    static func state(_ insyn: Insyn) throws -> [String: Int] {
        var configuration = Configuration()
        configuration.readonly = true
        let database = try DatabaseQueue(path: insyn.database, configuration: configuration)
        return try database.read { db in
            var counts: [String: Int] = [:]
            for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'") {
                counts[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \"\(table)\"") ?? 0
            }
            counts["head: " + (try String.fetchOne(db, sql: "SELECT hash FROM change ORDER BY seq DESC LIMIT 1") ?? "")] = 0
            return counts
        }
    }

    /// The failure every hostile input must give.
    static func expectRefused(_ result: (status: Int32, output: String, error: String), _ label: String,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status != 0, "\(label) succeeded: \(result.output.prefix(200))", sourceLocation: sourceLocation)
        #expect(result.output.isEmpty, "\(label) printed \(result.output.prefix(200))", sourceLocation: sourceLocation)
        #expect(result.error.hasPrefix("Error: ") && result.error.hasSuffix("\n"), "\(label): \(result.error.prefix(300))",
                sourceLocation: sourceLocation)
        let line = result.error.dropLast()
        #expect(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) || (0x202A...0x202E).contains($0.value)
            || (0x2066...0x2069).contains($0.value) || $0 == "\u{2028}" || $0 == "\u{2029}" },
                "\(label): a control character in \(line.debugDescription.prefix(300))", sourceLocation: sourceLocation)
        #expect(line.utf8.count < 4_000, "\(label): a \(line.utf8.count)-byte message", sourceLocation: sourceLocation)
    }

    /// Runs `command` with `bytes` as its input: from a file, or from standard input.
    static func run(_ insyn: Insyn, _ command: Command, _ bytes: [UInt8], standardInput: Bool) throws -> (status: Int32, output: String, error: String) {
        if standardInput { return try insyn.run(command.with(from: "-"), bytes: bytes) }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("insyn-hostile-\(UUID()).json")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try insyn.run(command.with(from: file.path), bytes: nil)
    }

    /// A few of every kind of bad document, each from a file and from standard input.
    static let table = ["empty", "null", "an open brace", "text after the document", "10000 nested lists", "10000 nested objects",
                        "10000 unclosed lists", "byte FF", "an encoded surrogate", "a raw NUL", "an escaped NUL", "a lone surrogate escape",
                        "an unknown member", "a member named with a bidi override", "a member named with NUL", "a repeated member",
                        "UTF-16", "a huge unknown member"]

    /// Every case of the table for a meeting; two for every other command (the input is
    /// read by one function for all, into each command's type).
    @Test(arguments: commands)
    func everyMalformedDocumentFailsWithOneLineAndChangesNothing(command: Command) throws {
        let insyn = try Self.register()
        defer { insyn.cleanUp() }
        let before = try Self.state(insyn)
        let valid = Array(command.valid.utf8)
        let all = command.arguments.prefix(2) == ["meeting", "add"] && command.arguments.count == 4
        let names = all ? Self.table : ["byte FF", "an unknown member"]
        let cases = HostileInput.bodies(valid: valid).filter { names.contains($0.name) || (all && $0.name.hasPrefix("cut after")) }
        #expect(cases.count >= names.count)
        for (index, (name, bytes)) in cases.enumerated() {
            let fromStandardInput = index % 2 == 0
            let result = try Self.run(insyn, command, bytes, standardInput: fromStandardInput)
            Self.expectRefused(result, "\(command.testDescription) with \(name) \(fromStandardInput ? "on standard input" : "in a file")")
        }
        #expect(try Self.state(insyn) == before)
    }

    @Test(arguments: commands)
    func everyMemberSpoiledByAGeneratedValueFailsWithOneLineAndChangesNothing(command: Command) async throws {
        let insyn = try Self.register()
        defer { insyn.cleanUp() }
        let before = try Self.state(insyn)
        let document = try JSONValue.parse(Data(command.valid.utf8))
        let cases = JSONText.paths(document).flatMap { path in
            JSONText.spoilers(for: JSONText.value(document, at: path)!).map { (path: path, spoiler: $0) }
        }
        await propertyCheck(count: 2, input: Gen.int(in: 0...(cases.count - 1)), Gen.bool) { index, fromStandardInput in
            let (path, spoiler) = cases[index]
            let result = try Self.run(insyn, command, JSONText.render(document, replacing: path, with: spoiler.raw), standardInput: fromStandardInput)
            Self.expectRefused(result, "\(command.testDescription) with \(path.map(\.description).joined()) = \(spoiler.name)")
        }
        #expect(try Self.state(insyn) == before)
    }

    /// Input without end, a directory, a file that is not JSON (whose text must not be
    /// echoed), and a path that does not exist.
    @Test func inputWithoutEndOrThatIsNoDocumentFailsWithOneLine() throws {
        let insyn = try Self.register()
        defer { insyn.cleanUp() }
        let before = try Self.state(insyn)
        let command = Self.commands[8]
        for path in ["/dev/zero", "/dev/urandom", "/", "/etc/passwd", "/nonexistent/../../etc/shadow", "nonexistent\u{202E}.json"] {
            let result = try insyn.run(command.with(from: path), bytes: nil)
            Self.expectRefused(result, "--from \(path)")
            #expect(!result.error.contains("root:"), "--from \(path) echoed the file: \(result.error.prefix(200))")
        }
        let endless = try insyn.run(command.with(from: "-"), bytes: nil, standardInput: FileHandle(forReadingAtPath: "/dev/zero"))
        Self.expectRefused(endless, "--from - with /dev/zero on standard input")
        #expect(try Self.state(insyn) == before)
    }

    @Test(arguments: ["-1", "0", "9223372036854775808", "-9223372036854775809", "1e3", "0x1F", "1.0", "../1", "1;2", "NaN", "\u{202E}1", "١"])
    func anIdOutOfRangeOrNotANumberFailsWithOneLine(id: String) throws {
        let insyn = try Self.register()
        defer { insyn.cleanUp() }
        let before = try Self.state(insyn)
        for arguments in [["meeting", "withdraw", id, "--reason", "Dubblett"], ["unit", "update", id, "--from", "-"]] {
            Self.expectRefused(try insyn.run(arguments, input: Self.unit), arguments.joined(separator: " "))
        }
        #expect(try Self.state(insyn) == before)
    }
}
