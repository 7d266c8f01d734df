import Delivery
import Foundation
import Testing
import RegisterCore

/// Runs the real `insyn` binary, as a user or another tool would.
struct Insyn {
    let database: String

    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("insyn")
    }

    init() {
        database = FileManager.default.temporaryDirectory.appendingPathComponent("insyn-cli-\(UUID()).sqlite").path
    }

    func run(_ arguments: [String], input: String? = nil) throws -> (status: Int32, output: String, error: String) {
        try run(arguments, bytes: input.map { Array($0.utf8) })
    }

    /// Runs with `bytes` on standard input, or with `standardInput` as it (a file such as /dev/zero).
    func run(_ arguments: [String], bytes: [UInt8]?, standardInput file: FileHandle? = nil) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["--db", database] + arguments
        let output = Pipe(), error = Pipe(), standardInput = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = file ?? standardInput
        try process.run()
        if let bytes { try? standardInput.fileHandleForWriting.write(contentsOf: bytes) }
        try standardInput.fileHandleForWriting.close()
        let out = try output.fileHandleForReading.readToEndRestartingOnInterrupt()
        let err = try error.fileHandleForReading.readToEndRestartingOnInterrupt()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    func cleanUp() {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
    }
}

@Suite("The command line's contract")
struct CommandLineTests {
    @Test func recordPublishCorrectWithdrawAndVerify() throws {
        let insyn = Insyn()
        defer { insyn.cleanUp() }
        #expect(try insyn.run(["init"]).status == 0)
        #expect(try insyn.run(["unit", "add", "--from", "-"], input: #"{"name": "Regionstyrelsen", "kind": "board"}"#).output == "1\n")
        #expect(try insyn.run(["official", "add", "--from", "-"],
                              input: #"{"name": "Anna", "title": "Regionråd", "kind": "elected", "unit": 1, "activeFrom": "2022-01-01"}"#).output == "1\n")
        #expect(try insyn.run(["org", "add", "--from", "-"], input: #"{"name": "Nordvind AB", "kind": "consultancy", "organisationNumber": "5568023450"}"#).output == "1\n")
        #expect(try insyn.run(["issue", "add", "--from", "-"], input: #"{"title": "Banan", "summary": "S", "position": "P", "unit": 1}"#).output == "1\n")
        let meeting = #"{"startsAt": "2026-11-20T14:30", "durationMinutes": 60, "place": "Rum", "format": "video", "direction": "inbound", "initiator": "us", "participants": [1], "counterparts": [{"organisation": 1}], "issues": [1], "subject": "Banan", "summary": "Samtal"}"#
        #expect(try insyn.run(["meeting", "add", "--from", "-"], input: meeting).output == "1\n")
        #expect(try insyn.run(["meeting", "publish", "1"]).status == 0)
        #expect(try insyn.run(["meeting", "correct", "1", "--from", "-", "--reason", "Rättat"], input: meeting).status == 0)
        #expect(try insyn.run(["meeting", "withdraw", "1", "--reason", "Dubblett"]).status == 0)
        let verified = try insyn.run(["verify"])
        #expect(verified.status == 0)
        #expect(verified.output.hasPrefix("Ledger intact: 8 changes"))
    }

    @Test func everyFailureIsOneLineAndChangesNothing() throws {
        let insyn = Insyn()
        defer { insyn.cleanUp() }
        #expect(try insyn.run(["init"]).status == 0)
        #expect(try insyn.run(["unit", "add", "--from", "-"], input: #"{"name": "Regionstyrelsen", "kind": "board"}"#).status == 0)
        let head = try insyn.run(["ledger", "head"]).output
        let cases: [([String], String, String)] = [
            (["org", "add", "--from", "-"], #"{"name": "Fel AB", "kind": "company", "organisationNumber": "556802-3451"}"#, "organisationNumber:"),
            (["org", "add", "--from", "-"], #"{"kind": "company"}"#, "name: is required"),
            (["official", "add", "--from", "-"], #"{"name": "A", "title": "B", "kind": "staff", "unit": 9, "activeFrom": "2022-01-01"}"#, "unit: no unit with id 9"),
            (["official", "add", "--from", "-"], #"{"name": "A", "title": "B", "kind": "staff", "unit": 1, "activeFrom": "2022-01-01", "activeTo": "2021-01-01"}"#, "activeTo: is before activeFrom"),
            (["unit", "add", "--from", "-"], #"{"name": "X", "kind": "parliament"}"#, "kind: 'parliament' is not one of board"),
            (["meeting", "publish", "7"], "", "id: no meeting with id 7"),
            (["meeting", "withdraw", "7", "--reason", " "], "", "reason: is required"),
            (["unit", "add", "--from", "-"], "not json", "the input is not valid JSON"),
        ]
        for (arguments, input, message) in cases {
            let result = try insyn.run(arguments, input: input)
            #expect(result.status != 0, "\(arguments) succeeded")
            #expect(result.error.contains(message), "\(arguments): \(result.error)")
            #expect(result.error.trimmingCharacters(in: .newlines).split(separator: "\n").count == 1, "\(arguments): \(result.error)")
        }
        #expect(try insyn.run(["ledger", "head"]).output == head)
    }

    @Test func missingRegisterIsNotCreatedByAccident() throws {
        let insyn = Insyn()
        defer { insyn.cleanUp() }
        let result = try insyn.run(["meeting", "list"])
        #expect(result.status != 0)
        #expect(result.error.contains("no register at"))
        #expect(!FileManager.default.fileExists(atPath: insyn.database))
    }
}
