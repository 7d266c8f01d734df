import ArgumentParser
import Foundation
import Publishing

import RegisterCore

/// `insyn ledger export`: every change as JSON Lines, public or auditor view.
struct LedgerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger", abstract: "Export the ledger of changes.", subcommands: [Export.self, Head.self])

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write every change as JSON Lines: the public view (commitments only) or the auditor's (with openings).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "public or auditor.") var view: LedgerView = .public
        @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var out: String?

        func run() throws {
            let register = try global.openRegister()
            let sink = try out.map { try FileSink(path: $0) } ?? FileSink.standardOutput()
            try register.forEachLedgerEntry { entry in
                try sink.write(entry.line(view: view) + [0x0A])
            }
            try sink.finish()
            if let out {
                let head = try register.ledgerHead()
                FileHandle.standardError.write(Data("Wrote \(head.sequence) changes to \(out); head \(head.hash)\n".utf8))
            }
        }
    }

    struct Head: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the ledger's head: its last sequence number and hash.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let head = try global.openRegister().ledgerHead()
            print("\(head.sequence) \(head.hash)")
        }
    }
}

extension LedgerView: ExpressibleByArgument {}

/// `insyn verify`: recomputes the hash chain of the stored ledger or of an exported file.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the ledger's hash chain (and, in the auditor's view, every commitment).",
        discussion: "Exits 0 when intact; otherwise names the first change that does not verify. The rule is in Data/docs/ledger-hashing.md.")
    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Verify this exported ledger (JSON Lines) instead of the database.", valueName: "file")) var ledger: String?
    @Option(help: ArgumentHelp("Also require the chain to end at this hash (from an export's head).", valueName: "hash")) var head: String?
    @Option(help: "With --ledger: the view the file was exported in; auditor requires an opening for every commitment.")
    var view: LedgerView = .public

    func run() throws {
        let result: (count: Int64, hash: String)
        if let ledger {
            result = try verifyFile(ledger)
        } else {
            let verified = try global.openRegister().verifyLedger()
            result = (verified.sequence, verified.hash)
        }
        if let head, head != result.hash {
            throw CLIError("the ledger ends at \(result.hash) (change \(result.count)), not at the expected head \(head): changes are missing at the end")
        }
        print("Ledger intact: \(result.count) changes, head \(result.hash).")
    }

    private func verifyFile(_ path: String) throws -> (Int64, String) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw CLIError("cannot read \(path)") }
        var verifier = LedgerVerifier(view: view)
        var lineNumber = 0
        try LineReader(handle).forEach { line in
            lineNumber += 1
            try verifier.check(line: line, lineNumber: lineNumber)
        }
        return (verifier.count, verifier.headHash)
    }
}

/// Reads a file line by line in constant memory.
struct LineReader {
    let handle: FileHandle

    init(_ handle: FileHandle) { self.handle = handle }

    func forEach(_ body: ([UInt8]) throws -> Void) throws {
        var pending: [UInt8] = []
        while let chunk = try handle.read(upToCount: 1 << 16), !chunk.isEmpty {
            pending.append(contentsOf: chunk)
            var start = 0
            while let newline = pending[start...].firstIndex(of: 0x0A) {
                try body(Array(pending[start..<newline]))
                start = newline + 1
            }
            pending.removeFirst(start)
        }
        if !pending.isEmpty { try body(pending) }
    }
}
