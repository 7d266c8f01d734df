import ArgumentParser
import Delivery
import Foundation
import Hummingbird
import Logging
import Metrics
import NIOCore
import RegisterCore
import WebServer

/// `insyn serve`: the web server (public pages, feeds, downloads) over the register.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the register over HTTP (the public pages in Swedish and English, the feeds at /feeds/, the downloads at /data/, the schemas at /schema/) and push its changes.",
        discussion: """
            Before it takes a request it refuses a register made by a newer Insyn, runs SQLite's quick_check and \
            recomputes the ledger's newest changes, and exits with one line saying why if any fails. SIGTERM or \
            SIGINT stops it: no new connections, the requests and the delivery in flight are finished, the register \
            is closed, exit 0. Unless --no-push, the push worker runs beside the server with the options of `insyn push`.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on.") var port = 8080
    @Option(help: ArgumentHelp("Close a connection that sends nothing, or too little to finish a request, for this long (e.g. 30s, 500ms).",
                               valueName: "duration"))
    var idleTimeout = DurationArgument("30s", ServerAddress.defaultIdleTimeout)
    @Option(help: ArgumentHelp("A theme directory: NAME.mustache files replace the templates of that name, other files (site.css, logo.svg, images) the assets under /assets/.",
                               valueName: "dir"))
    var theme: String?
    @Flag(help: "If there is no register yet, create it with the fictitious demo data first.") var demo = false
    @Flag(help: "Do not push changes to the endpoints from this process.") var noPush = false
    @Option(help: "text (the server's messages as lines on standard error, no access lines), or json (one JSON object per line on standard output, with an access line per request: method, route, status, duration).")
    var logFormat: LogFormat = .text
    @OptionGroup var push: PushOptions

    func validate() throws {
        guard idleTimeout.duration > .zero else { throw ValidationError("--idle-timeout must be longer than 0") }
    }

    /// How the server's log lines are written.
    enum LogFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    /// A line for the operator: on standard output, or standard error when standard
    /// output carries the JSON log.
    private func announce(_ line: String) {
        (logFormat == .json ? FileHandle.standardError : FileHandle.standardOutput).write(Data((line + "\n").utf8))
    }

    func run() async throws {
        let format = logFormat
        LoggingSystem.bootstrap { label in
            var handler = ServeLogHandler(label: label, format: format)
            handler.logLevel = .info
            return handler
        }
        let metrics = ServerMetrics()
        MetricsSystem.bootstrap(metrics.factory)
        ServerMetrics.declareCounters()
        if demo, !FileManager.default.fileExists(atPath: global.databasePath) {
            let register = try Register.open(path: global.databasePath)
            try DemoRegister.load(into: register)
            print("Created \(global.databasePath) with the fictitious demo data.")
        }
        let renderer: PageRenderer
        do {
            renderer = try PageRenderer(theme: Theme.load(directory: theme))
        } catch let error as ThemeError {
            throw ServeFailure(error.description)
        }
        if let theme, !renderer.theme.overridden.isEmpty {
            print("Theme \(theme): \(renderer.theme.overridden.joined(separator: ", "))")
        }
        let register = try global.openRegister()
        let check = try register.checkBeforeServing()
        announce("Checked \(global.databasePath): schema \(check.schema), quick_check ok, ledger head \(check.head.sequence) "
                 + "verified (the newest \(check.checkedChanges) changes recomputed; `insyn verify` checks them all)")
        var logger = Logger(label: "insyn")
        logger.logLevel = .info
        let worker = noPush ? nil : PushWorker(register: register, configuration: push.configuration)
        let endpoints = try register.endpoints().filter(\.enabled).count
        let announcement = "Insyn is serving \(global.databasePath) at http://\(host):\(port)/\(noPush ? "" : ", pushing to \(endpoints) endpoints") (Ctrl-C stops it)"
        let app = buildApplication(register: register, address: ServerAddress(host: host, port: port, idleTimeout: idleTimeout.duration),
                                   renderer: renderer, pushWorker: worker, logger: logger, metrics: metrics,
                                   accessLog: logFormat == .json ? Logger(label: "insyn.access") : nil) { _ in
            announce(announcement)
        }
        do {
            try await app.runService()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw ServeFailure("\(host):\(port) is already in use by another program; choose another with --port")
        } catch let error as IOError {
            throw ServeFailure("cannot listen on \(host):\(port): \(error.description)")
        }
        try register.close()
        FileHandle.standardError.write(Data("Stopped: the requests and deliveries in flight were finished and the register closed.\n".utf8))
    }
}

/// Why the server could not start, said in one line.
struct ServeFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
