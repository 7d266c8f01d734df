import ArgumentParser
import Foundation
import Publishing
import RegisterCore

/// `insyn publish`: writes the static feed set for a web server or CDN.
struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Write the Atom feeds (main feed, archive pages, per issue, official and organisation) into Feeds/.",
        discussion: """
            Withheld fields whose date has come are released first. The feeds' addresses and ids come from the base URL \
            and tag authority stored in the register (`insyn config`); --base-url or $INSYN_BASE_URL changes the stored base URL.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("The directory to write into.", valueName: "dir")) var out: String = "Feeds"
    @Option(help: ArgumentHelp("The public address the feeds are served from, e.g. https://insyn.region.example.se/ (stored in the register).", valueName: "url"))
    var baseURL: String?
    @Flag(help: "Render the full archive pages again even where their files exist (after `insyn config set` changed the name, base URL, licence, language or time zone).")
    var rewriteArchives = false

    func run() throws {
        let register = try global.openRegister()
        var rewrite = rewriteArchives
        if let baseURL = baseURL ?? ProcessInfo.processInfo.environment["INSYN_BASE_URL"].flatMap({ $0.isEmpty ? nil : $0 }) {
            var settings = try register.settings()
            if settings.baseURL != baseURL {
                settings.baseURL = baseURL
                try register.update(settings: settings, by: .shell)
                rewrite = true
            }
        }
        let released = try register.releaseDueWithholdings(by: .shell)
        if !released.isEmpty { print("Released withheld fields of meetings \(released.map(String.init).joined(separator: ", ")).") }
        let report = try StaticPublisher(register: register, rewriteArchives: rewrite).publish(to: URL(fileURLWithPath: out))
        let head = try register.ledgerHead()
        if !report.removedTemporaryFiles.isEmpty {
            print("Removed \(report.removedTemporaryFiles.count) temporary files left by an unfinished run: \(report.removedTemporaryFiles.joined(separator: ", ")).")
        }
        print("Published to \(out)/: \(report.written.count) files written, \(report.unchanged) unchanged (ledger head \(head.sequence)).")
    }
}
