import ArgumentParser
import Foundation
import RegisterCore

/// `insyn token …`: the API tokens that programs write with.
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Keep the API tokens that programs use (Authorization: Bearer).",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an API token; prints it once (the register keeps only its hash).",
            discussion: """
                A recorder token records for the officials named with --official (one or more); the other roles \
                take none. --expires takes a date (the token works through that day, in the register's time zone) \
                or an instant such as 2027-06-30T12:00:00Z.
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "recorder, registrar, auditor or admin.") var role: Role
        @Option(help: "An official a recorder token records for (id); repeat for several.") var official: [Int64] = []
        @Option(help: ArgumentHelp("When the token stops working.", valueName: "date")) var expires: ExpiryArgument?
        @Option(help: "What the token is for, as `token list` shows it.") var name = "API token"

        func validate() throws { try OfficialsArgument.check(role: role, officials: official) }

        func run() throws {
            let register = try global.openRegister()
            let timeZone = try register.settings().timeZone
            let expiresAt = try expires.map { try $0.instant(timeZone: timeZone) }
            let created = try register.createToken(NewAPIToken(name: name, role: role, officials: official, expiresAt: expiresAt))
            print(created.secret)
            FileHandle.standardError.write(Data("""
                Token \(created.token.id) (\(created.token.role.rawValue)) created. It is shown only this once: \
                give it to the program, which sends it as "Authorization: Bearer <token>".\n
                """.utf8))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the tokens: id, name, role, officials, state, expiry and last use; never the secrets.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let register = try global.openRegister()
            let now = Date()
            for token in try register.tokens() {
                let state = token.revokedAt.map { "revoked \(Timestamp.format($0))" } ?? (token.isExpired(at: now) ? "expired" : "active")
                let officials = token.officials.isEmpty ? "–" : "officials " + token.officials.map(String.init).joined(separator: ",")
                print([String(token.id), token.name, token.role.rawValue, officials, state,
                       "expires " + (token.expiresAt.map(Timestamp.format) ?? "never"),
                       "last used " + (token.lastUsedAt.map(Timestamp.format) ?? "never")].joined(separator: "\t"))
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token: every later request bearing it gets 401.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The token's id.") var id: Int64

        func run() throws {
            try global.openRegister().revokeToken(id)
            print("Revoked token \(id).")
        }
    }
}

extension Role: ExpressibleByArgument {}

/// A recorder acts for one or more officials (--official), the other roles for none.
enum OfficialsArgument {
    static func check(role: Role, officials: [Int64]) throws {
        if role == .recorder && officials.isEmpty { throw ValidationError("a recorder needs --official ID (one or more)") }
        if role != .recorder && !officials.isEmpty { throw ValidationError("only a recorder takes --official; a \(role.rawValue) acts on any meeting") }
    }
}

/// `--expires`: a date (through the end of that day) or an instant with its offset.
struct ExpiryArgument: ExpressibleByArgument, Sendable {
    let text: String
    let day: Day?

    init?(argument: String) {
        text = argument
        day = Day(argument)
        guard day != nil || (argument.count > 10 && Timestamp.parse(argument) != nil) else { return nil }
    }

    func instant(timeZone: TimeZone) throws -> Date {
        guard let day else { return Timestamp.parse(text, timeZone: timeZone)! }
        guard let start = Timestamp.parse(day.description + "T00:00", timeZone: timeZone) else {
            throw CLIError("--expires: \(text) is not a date")
        }
        return Timestamp.parse(Day(start.addingTimeInterval(36 * 3600), in: timeZone).description + "T00:00", timeZone: timeZone)!
    }

    static var defaultCompletionKind: CompletionKind { .default }
}
