import ArgumentParser
import Foundation
import Hummingbird
import Logging
import RegisterCore
import WebServer

/// `insyn serve`: the web server (feeds, landing page) over the register.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the register over HTTP: the feeds at /feeds/ and a landing page.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on.") var port = 8080
    @Flag(help: "If there is no register yet, create it with the fictitious demo data first.") var demo = false

    func run() async throws {
        if demo, !FileManager.default.fileExists(atPath: global.databasePath) {
            let register = try Register.open(path: global.databasePath)
            try DemoRegister.load(into: register)
            print("Created \(global.databasePath) with the fictitious demo data.")
        }
        let register = try global.openRegister()
        var logger = Logger(label: "insyn")
        logger.logLevel = .info
        let app = buildApplication(register: register, address: ServerAddress(host: host, port: port), logger: logger)
        print("Insyn is serving \(global.databasePath) at http://\(host):\(port)/ (Ctrl-C stops it)")
        try await app.runService()
    }
}
