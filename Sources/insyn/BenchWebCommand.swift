import ArgumentParser
import Delivery
import Foundation
import Publishing
import RegisterCore
#if canImport(Glibc)
import Glibc
#endif

/// `insyn bench web`: the public site under concurrent load on the export benchmark's
/// register, measured with wrk in one run: the main feed from `insyn serve` and the
/// same bytes from nginx as a static file, and the latency of each kind of page.
struct BenchWebCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "web",
        abstract: "Load `insyn serve` with wrk: the main feed against nginx serving the same bytes, and p50/p99 of each page kind.",
        discussion: """
            The register at --db (default Data/bench-N.sqlite) is the one `insyn bench export` makes, generated or \
            completed here the same way. `insyn serve` runs as a child process on a free loopback port, nginx with a \
            temporary configuration on another, serving the main feed as our server sent it. Each target gets one \
            request first (a page that answers 404 is reported as not routed), then wrk -t T -c C -d S --latency. \
            Each page is loaded twice: the same URL again and again (answered from the pages the server keeps while the \
            register is unchanged), and with a query parameter of its own on every request, which the page ignores (so \
            each is built and rendered). Targets: the feed at no less than half of nginx's requests per second; every \
            page's p99 under 50 ms. \
            Needs wrk and nginx (apt-get install wrk nginx).
            """)

    /// The pages measured, one of each kind; the ids are of the benchmark register,
    /// whose issues each have thousands of meetings.
    static func pages(meeting: Int64) -> [(target: String, name: String, path: String)] { [
        ("meeting", "meeting", SiteURL.meeting(meeting).path),
        ("issue", "issue (thousands of meetings)", SiteURL.issue(1).path),
        ("organisation", "organisation", SiteURL.organisation(1).path),
        ("search", "search: text and two filters", SiteURL.meetings(query: "q=v%C3%A4tgas&issue=1&direction=inbound").path),
        ("statistics", "statistics", SiteURL.statistics.path),
    ] }
    static let targets = ["feed"] + pages(meeting: 1).map(\.target)
    static let feedPath = SiteURL.feed(.all).path

    @OptionGroup var global: GlobalOptions
    @Option(help: "How many published meetings the register holds.") var meetings = 1_000_000
    @Option(help: "How long wrk loads each target, in seconds.") var seconds = 10
    @Option(help: "wrk's threads.") var threads = 2
    @Option(help: "wrk's concurrent connections.") var connections = 16
    @Option(help: ArgumentHelp("The nginx program.", valueName: "path")) var nginx = "/usr/sbin/nginx"
    @Option(help: ArgumentHelp("Load only this target (repeatable): \(targets.joined(separator: ", ")). Default: all.",
                               valueName: "target")) var only: [String] = []

    func validate() throws {
        guard meetings > 0 else { throw ValidationError("--meetings must be at least 1") }
        guard seconds > 0 else { throw ValidationError("--seconds must be at least 1") }
        guard threads > 0, connections >= threads else { throw ValidationError("--connections must be at least --threads, and both at least 1") }
        if let unknown = only.first(where: { !Self.targets.contains($0) }) {
            throw ValidationError("--only \(unknown): not a target; the targets are \(Self.targets.joined(separator: ", "))")
        }
    }

    func includes(_ target: String) -> Bool { only.isEmpty || only.contains(target) }

    func run() throws {
        guard let wrk = Wrk.executable() else { throw CLIError("wrk is not installed; install it with `apt-get install wrk`") }
        guard FileManager.default.isExecutableFile(atPath: nginx) else {
            throw CLIError("\(nginx) not found: install it with `apt-get install nginx` or give --nginx PATH")
        }
        let path = global.db ?? "Data/bench-\(meetings).sqlite"
        let register = try Register.open(path: path)
        try BenchExportCommand.prepare(register, meetings: meetings, at: path)
        let (head, issueMeetings) = try register.read { snapshot in
            (try snapshot.ledgerHead(), try snapshot.publicMeetingCount(MeetingFilter(issue: 1)))
        }

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("insyn-bench-web-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o755])
        defer { try? FileManager.default.removeItem(at: directory) }

        let server = try ServedRegister(executable: try Self.executablePath(), database: path)
        defer { server.stop() }
        let client = CurlHTTPClient(configuration: .init(timeout: .seconds(120), maxResponseBodyBytes: 1 << 28))
        let feed = try client.send(HTTPRequest(url: server.url + Self.feedPath))
        guard feed.status == 200 else { throw CLIError("\(Self.feedPath) answered \(feed.status)") }
        let nginxServer = try StaticServer(nginx: nginx, directory: directory, document: feed.body, name: "meetings.atom")
        defer { nginxServer.stop() }

        let load = WrkLoad(executable: wrk, threads: threads, connections: connections, seconds: seconds)
        print("""
            insyn bench web: \(path): \(meetings) published meetings, \(head.sequence) ledger changes; issue 1 has \
            \(issueMeetings) meetings; wrk -t\(threads) -c\(connections) -d\(seconds)s --latency, all on 127.0.0.1
            """)
        if includes("feed") {
            let ours = try load.run(server.url + Self.feedPath)
            let theirs = try load.run(nginxServer.url + "/meetings.atom")
            let ratio = ours.requestsPerSecond / theirs.requestsPerSecond
            print(String(format: "  main feed (%.0f kB): insyn %.0f requests/s (p99 %@), nginx static %.0f requests/s (p99 %@), ratio %.2f (target ≥ 0.50): %@",
                         Double(feed.body.count) / 1000, ours.requestsPerSecond, Self.milliseconds(ours.p99), theirs.requestsPerSecond,
                         Self.milliseconds(theirs.p99), ratio, ratio >= 0.5 ? "met" : "NOT met") + ours.note + theirs.note)
        }
        let script = directory.appendingPathComponent("unique-query.lua").path
        try Data(WrkLoad.uniqueQueryScript.utf8).write(to: URL(fileURLWithPath: script))
        for page in Self.pages(meeting: Int64(meetings / 2)) where includes(page.target) {
            let label = "  \(page.name) \(page.path): "
            let probe = try client.send(HTTPRequest(url: server.url + page.path))
            guard probe.status != 404 else {
                print(label + "not routed")
                continue
            }
            guard probe.status == 200 else {
                print(label + "answered \(probe.status), not measured")
                continue
            }
            let repeated = try load.run(server.url + page.path)
            let unique = try load.run(server.url + page.path, script: script)
            print(label)
            print("    the same URL again (the kept page): " + Self.describe(repeated))
            print("    a new URL each time (built and rendered each time): " + Self.describe(unique))
        }
    }

    static func describe(_ result: WrkLoad.Result) -> String {
        String(format: "%.0f requests/s, p50 %@, p99 %@ (target p99 < 50 ms): %@", result.requestsPerSecond,
               milliseconds(result.p50), milliseconds(result.p99), result.p99 < 0.050 ? "met" : "NOT met") + result.note
    }

    static func milliseconds(_ seconds: Double) -> String {
        String(format: "%.2f ms", seconds * 1000)
    }

    static func executablePath() throws -> String {
        let path = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        guard FileManager.default.isExecutableFile(atPath: path) else { throw CLIError("cannot find the insyn executable at \(path)") }
        return path
    }

    /// A port the system chose as free on 127.0.0.1, released again for a server to take.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard fd >= 0, bound else { throw CLIError("cannot find a free port on 127.0.0.1") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// `insyn serve` over the benchmark register, as a child process, stopped with SIGINT.
final class ServedRegister {
    let url: String
    private let process = Process()

    init(executable: String, database: String) throws {
        let port = try BenchWebCommand.freePort()
        url = "http://127.0.0.1:\(port)"
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--db", database, "serve", "--no-push", "--host", "127.0.0.1", "--port", String(port)]
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var announced = ""
        while !announced.contains("Insyn is serving") {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { throw CLIError("insyn serve ended before serving: \(announced)") }
            announced += String(decoding: data, as: UTF8.self)
        }
    }

    func stop() {
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
    }
}

/// nginx serving one file from a temporary directory on a free loopback port, with a
/// configuration of its own (no access log, everything under that directory).
private final class StaticServer {
    let url: String
    private let process = Process()

    init(nginx: String, directory: URL, document: [UInt8], name: String) throws {
        let port = try BenchWebCommand.freePort()
        url = "http://127.0.0.1:\(port)"
        let root = directory.appendingPathComponent("www")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        try Data(document).write(to: root.appendingPathComponent(name))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: root.appendingPathComponent(name).path)
        let prefix = directory.path
        let configuration = """
            worker_processes auto;
            daemon off;
            pid \(prefix)/nginx.pid;
            error_log \(prefix)/error.log;
            events { worker_connections 1024; }
            http {
                access_log off;
                client_body_temp_path \(prefix)/client_body;
                proxy_temp_path \(prefix)/proxy;
                fastcgi_temp_path \(prefix)/fastcgi;
                uwsgi_temp_path \(prefix)/uwsgi;
                scgi_temp_path \(prefix)/scgi;
                types { application/atom+xml atom; }
                sendfile on;
                server {
                    listen 127.0.0.1:\(port);
                    root \(root.path);
                }
            }
            """
        let file = directory.appendingPathComponent("nginx.conf")
        try configuration.write(to: file, atomically: true, encoding: .utf8)
        process.executableURL = URL(fileURLWithPath: nginx)
        process.arguments = ["-e", "\(prefix)/error.log", "-p", prefix, "-c", file.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let client = CurlHTTPClient(configuration: .init(connectTimeout: .seconds(1), timeout: .seconds(5), maxResponseBodyBytes: 1 << 28))
        let deadline = ContinuousClock.now + .seconds(10)
        while true {
            if let response = try? client.send(HTTPRequest(url: url + "/" + name)), response.status == 200 {
                guard response.body == document else { throw CLIError("nginx does not serve the feed's bytes") }
                return
            }
            guard process.isRunning, ContinuousClock.now < deadline else {
                let log = (try? String(contentsOfFile: "\(prefix)/error.log", encoding: .utf8)) ?? ""
                stop()
                throw CLIError("nginx did not start:\n\(log)")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGQUIT)
        process.waitUntilExit()
    }
}

/// wrk under concurrent load with its latency distribution.
struct WrkLoad {
    struct Result {
        var requestsPerSecond: Double
        var p50: Double
        var p99: Double
        /// wrk's count of connect, read and write errors and timeouts, if there were any.
        var socketErrors: String?

        var note: String { socketErrors.map { " (socket errors: \($0))" } ?? "" }
    }

    let executable: String
    let threads: Int
    let connections: Int
    let seconds: Int

    /// A wrk script that gives every request a query parameter of its own
    /// (`uncached=THREAD-N`), which the pages ignore, so that no request is answered
    /// from the server's kept pages.
    static let uniqueQueryScript = """
        local threads = 0
        function setup(thread)
          threads = threads + 1
          thread:set("id", threads)
        end
        local count = 0
        function request()
          count = count + 1
          local separator = string.find(wrk.path, "?", 1, true) and "&" or "?"
          return wrk.format(nil, wrk.path .. separator .. "uncached=" .. id .. "-" .. count)
        end
        """

    /// Loads `url` with wrk; with `script`, each request is the one the script makes.
    func run(_ url: String, script: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-t\(threads)", "-c\(connections)", "-d\(seconds)s", "--latency"] + (script.map { ["-s", $0] } ?? []) + [url]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        func value(_ prefix: String) -> Substring? {
            lines.first { $0.hasPrefix(prefix) }.map { $0.dropFirst(prefix.count).drop { $0 == " " } }
        }
        guard process.terminationStatus == 0, let rate = value("Requests/sec:").flatMap({ Double($0) }),
              let p50 = value("50%").flatMap(Self.duration), let p99 = value("99%").flatMap(Self.duration) else {
            throw CLIError("wrk failed on \(url):\n\(text)")
        }
        if let failed = value("Non-2xx or 3xx responses:") {
            throw CLIError("\(url) answered \(failed) requests with an error status under load:\n\(text)")
        }
        return Result(requestsPerSecond: rate, p50: p50, p99: p99, socketErrors: value("Socket errors:").map(String.init))
    }

    /// A wrk duration such as "635.91us", "1.07ms" or "2.00s", in seconds.
    static func duration(_ text: Substring) -> Double? {
        for (unit, scale) in [("us", 1e-6), ("ms", 1e-3), ("m", 60.0), ("s", 1.0)] where text.hasSuffix(unit) {
            return Double(text.dropLast(unit.count)).map { $0 * scale }
        }
        return nil
    }
}
