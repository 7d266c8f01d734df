import ArgumentParser
import Foundation
import RegisterCore

/// `insyn init`: creates an empty register.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Create an empty register.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "The public address the register is published at (stored in the register).")
    var baseURL: String?

    @Option(help: "The domain used in the entries' tag URIs, e.g. region.example.se; fixed once meetings are published.")
    var tagAuthority: String?

    @Option(help: "The body's name, e.g. \"Region Exempel\".")
    var bodyName: String?

    func run() throws {
        let existed = FileManager.default.fileExists(atPath: global.databasePath)
        let register = try Register.open(path: global.databasePath)
        var settings = try register.settings()
        if let baseURL { settings.baseURL = baseURL }
        if let tagAuthority { settings.tagAuthority = tagAuthority }
        if let bodyName { settings.bodyName = bodyName }
        if !existed || baseURL != nil || tagAuthority != nil || bodyName != nil {
            if !existed { settings.tagDate = String(Day(Date(), in: settings.timeZone).year) }
            try register.update(settings: settings, by: .shell)
        }
        let head = try register.ledgerHead()
        print(existed ? "The register at \(global.databasePath) already exists (\(head.sequence) changes); its schema is up to date."
                      : "Created an empty register at \(global.databasePath).")
    }
}

/// `insyn demo`: loads fictitious demo data into an empty register.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Load fictitious demo data (Exempelregionen) into an empty register, creating it if needed.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let register = try Register.open(path: global.databasePath)
        try DemoRegister.load(into: register)
        let head = try register.ledgerHead()
        let meetings = try register.storedMeetings()
        print("Loaded the demo into \(global.databasePath): \(meetings.count) meetings, \(head.sequence) changes, ledger head \(head.hash.prefix(16))…")
    }
}

/// `insyn config`: shows and changes the register's settings.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Show or change the register's settings (base URL, tag authority, time zone, licence…).",
        subcommands: [Show.self, Set.self], defaultSubcommand: Show.self)

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show every setting.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let settings = try global.openRegister().settings()
            for name in RegisterSettings.names { print("\(name) = \(settings.value(of: name) ?? "")") }
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change one setting: \(RegisterSettings.names.joined(separator: ", ")).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The setting's name.") var name: String
        @Argument(help: "Its new value.") var value: String

        func run() throws {
            let register = try global.openRegister()
            var settings = try register.settings()
            try settings.set(name, to: value)
            try register.update(settings: settings, by: .shell)
            print("\(name) = \(value)")
        }
    }
}
