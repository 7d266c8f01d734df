import ArgumentParser
import Foundation
import Publishing
import RegisterCore

/// `insyn account …`: the people who sign in, their roles, and the sign-in locks.
struct AccountCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "account", abstract: "Keep the accounts of the people who sign in.",
        subcommands: [Add.self, List.self, Disable.self, ResetPassword.self, Unlock.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an account; prints its id and a one-time link, valid for a day, where the person sets a password.",
            discussion: """
                A recorder records the meetings of the officials named with --official (an official's own account, \
                or an assistant acting for several); a registrar, an auditor or an admin takes no --official. \
                Passwords are at least 12 characters and never pass through the command line.
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "The person's name.") var name: String
        @Option(help: "The email the person signs in with (unique).") var email: String
        @Option(help: "recorder, registrar, auditor or admin.") var role: Role
        @Option(help: "An official a recorder acts for (id); repeat for several.") var official: [Int64] = []

        func validate() throws {
            guard email.contains("@") else { throw ValidationError("--email must be an email address like name@example.se") }
            try OfficialsArgument.check(role: role, officials: official)
        }

        func run() throws {
            let register = try global.openRegister()
            let account = try register.addAccount(NewAccount(name: name, email: email, role: role, officials: official))
            print(account.id)
            try ResetPassword.printLink(for: account, register: register)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the accounts (id, email, name, role, officials, state) and the sign-in locks in force.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let register = try global.openRegister()
            let locks = try register.signInLocks()
            let accounts = try register.accounts()
            for account in accounts {
                let officials = account.officials.isEmpty ? "–" : "officials " + account.officials.map(String.init).joined(separator: ",")
                var state = account.disabledAt.map { "disabled \(Timestamp.format($0))" } ?? (account.hasPassword ? "active" : "no password yet")
                if let lock = locks.first(where: { $0.subject == .email(account.email) }) {
                    state += ", locked until \(Timestamp.format(lock.until)) after \(lock.failures) failed sign-ins"
                }
                print([String(account.id), account.email, account.name, account.role.rawValue, officials, state].joined(separator: "\t"))
            }
            let others = locks.filter { lock in
                if case .email(let email) = lock.subject { return !accounts.contains { $0.email == email } }
                return true
            }
            for lock in others {
                let subject = switch lock.subject {
                case .email(let email): "email \(email) (no account)"
                case .address(let address): "address \(address)"
                }
                print("Locked: \(subject) until \(Timestamp.format(lock.until)) after \(lock.failures) failed sign-ins")
            }
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Disable an account: its sessions end at once and it can no longer sign in.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The account's id.") var id: Int64

        func run() throws {
            try global.openRegister().disableAccount(id)
            print("Disabled account \(id); its sessions have ended.")
        }
    }

    struct ResetPassword: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-password",
            abstract: "Print a one-time link, valid for a day, where the person sets a new password.",
            discussion: "An earlier unused link of the account stops working. Setting the password ends the account's sessions.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The account's id.") var id: Int64

        func run() throws {
            let register = try global.openRegister()
            try Self.printLink(for: try register.account(id), register: register)
        }

        static func printLink(for account: Account, register: Register) throws {
            let reset = try register.passwordResetLink(for: account.id)
            print(SiteURL.setPassword(reset.secret).url(base: try register.settings().base))
            FileHandle.standardError.write(Data("""
                Give this link to \(account.name) only; it works once, until \(Timestamp.format(reset.expiresAt)).\n
                """.utf8))
        }
    }

    struct Unlock: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Lift a sign-in lock: of an account (by id), or of a client address (--address).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The account's id.") var id: Int64?
        @Option(help: "A client address locked after failed sign-ins.") var address: String?

        func validate() throws {
            guard (id == nil) != (address == nil) else { throw ValidationError("give either an account id or --address") }
        }

        func run() throws {
            let register = try global.openRegister()
            let forgotten = try id.map { try register.unlockSignIn(account: $0) } ?? register.unlockSignIn(address: address!)
            print("Unlocked \(id.map { "account \($0)" } ?? "address \(address!)") (\(forgotten) failed sign-in\(forgotten == 1 ? "" : "s") forgotten).")
        }
    }
}
