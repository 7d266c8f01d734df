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

    func run() async throws {
        let register = try global.openRegister()
        var logger = Logger(label: "insyn")
        logger.logLevel = .info
        let app = buildApplication(register: register, address: ServerAddress(host: host, port: port), logger: logger)
        print("Insyn is serving \(global.databasePath) at http://\(host):\(port)/ (Ctrl-C stops it)")
        try await app.runService()
    }
}
