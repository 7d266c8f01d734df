import Foundation
import Publishing
import RegisterCore
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The site as a person's browser shows it: the built `insyn serve --demo` on a free
/// loopback port, every kind of page loaded in headless Chromium in Swedish and
/// English at 1280 and 320 px wide, and axe-core's WCAG 2.1 A and AA rules run on each
/// (Browser/check_pages.py). Needs Debian's chromium and chromium-driver and a Python
/// with selenium and axe-playwright-python (`INSYN_TEST_PYTHON`, by default
/// `.build/venv/bin/python`); see the README's "Browser checks".
@Suite("Accessibility in a real browser")
struct BrowserAccessibilityTests {
    /// Every kind of page the site has, one of each; a prefix `STATUS:` gives the
    /// status the page must answer with (200 otherwise).
    static func pages(_ demo: DemoPages, passwordLink: String) -> [String] {
        [
            "/",
            "/meetings/\(demo.meeting)",
            "410:/meetings/\(demo.withdrawnMeeting)",
            "/meetings?q=v%C3%A4rm&direction=inbound",
            "/issues/\(demo.issue)",
            "/officials/\(demo.official)",
            "/organisations/\(demo.organisation)",
            "/units/\(demo.unit)",
            "/statistics",
            "/open-data",
            "/open-data/api",
            "/about",
            "/accessibility",
            "404:/no-such-page",
            "/feeds/meetings.atom",
            "/sign-in",
            "400:/sign-in!submit",
            passwordLink,
            "400:\(passwordLink)!submit",
            "410:/set-password/unknown",
        ]
    }

    @Test func everyKindOfPageHasNoAccessibilityViolationsInBothLanguagesAtBothWidths() throws {
        let tools = try BrowserTools.find()
        let server = try DemoServer()
        defer { server.stop() }
        let register = try Register.open(path: server.database)
        let account = try register.addAccount(NewAccount(name: "Rut Registrator", email: "rut@example.se", role: .registrar))
        let link = SiteURL.setPassword(try register.passwordResetLink(for: account.id).secret).path
        let pages = Self.pages(try DemoPages(register: register), passwordLink: link)
        var arguments = [tools.script, "--base-url", server.baseURL]
        if let directory = ProcessInfo.processInfo.environment["INSYN_SCREENSHOTS"] { arguments += ["--screenshots", directory] }
        let result = try run(tools.python, arguments + pages)
        #expect(result.status == 0, "check_pages.py found problems in \(pages.joined(separator: " ")):\n\(result.output)")
    }

    /// The signed-in pages, checked by a browser that signed in as a recorder.
    static let signedInPages = [
        "/my/meetings/from-calendar",
        "422:/my/meetings/from-calendar!submit",
    ]

    @Test func theSignedInPagesHaveNoAccessibilityViolationsInBothLanguagesAtBothWidths() async throws {
        let tools = try BrowserTools.find()
        let server = try DemoServer()
        defer { server.stop() }
        let register = try Register.open(path: server.database)
        let official = try DemoPages(register: register).official
        let account = try register.addAccount(NewAccount(name: "Anna Recorder", email: "anna@example.se", role: .recorder, officials: [official]))
        let password = "ett långt lösenord för webbläsaren"
        _ = try await register.setPassword(resetSecret: try register.passwordResetLink(for: account.id).secret, password: password)
        var arguments = [tools.script, "--base-url", server.baseURL, "--sign-in", "anna@example.se:\(password)"]
        if let directory = ProcessInfo.processInfo.environment["INSYN_SCREENSHOTS"] { arguments += ["--screenshots", directory] }
        let result = try run(tools.python, arguments + Self.signedInPages)
        #expect(result.status == 0, "check_pages.py found problems in \(Self.signedInPages.joined(separator: " ")):\n\(result.output)")
    }

    private func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// The ids of demo records that stand for each kind of page.
struct DemoPages {
    let meeting: Int64
    let withdrawnMeeting: Int64
    let issue: Int64
    let official: Int64
    let organisation: Int64
    let unit: Int64

    init(register: Register) throws {
        (meeting, withdrawnMeeting, issue, official, organisation, unit) = try register.read { snapshot in
            var published: Int64?
            try snapshot.forEachPublicMeeting { meeting in
                if published == nil, meeting.status == .published, meeting.correctionReason != nil { published = meeting.id }
            }
            guard let published, let withdrawn = try snapshot.withdrawnMeetings().first?.tombstone.id,
                  let issue = try snapshot.issues().first?.id, let official = try snapshot.officials().first?.id,
                  let organisation = try snapshot.organisations().first?.id, let unit = try snapshot.units().first?.id else {
                throw DemoServerError("the demo register lacks a corrected meeting, a withdrawn one or a catalogue record")
            }
            return (published, withdrawn, issue, official, organisation, unit)
        }
    }
}

/// Where the browser check's programs are, or an error saying how to install them.
struct BrowserTools {
    let python: String
    let script: String

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func find() throws -> BrowserTools {
        let environment = ProcessInfo.processInfo.environment
        let install = "install them with `.ci/run`, or: apt-get install chromium chromium-driver && "
            + "python3 -m venv .build/venv && .build/venv/bin/pip install selenium axe-playwright-python"
        for (name, path) in [("chromium", environment["CHROMIUM"] ?? "/usr/bin/chromium"),
                             ("chromedriver", environment["CHROMEDRIVER"] ?? "/usr/bin/chromedriver")]
        where !FileManager.default.isExecutableFile(atPath: path) {
            throw DemoServerError("\(name) is not at \(path): \(install)")
        }
        let python = environment["INSYN_TEST_PYTHON"] ?? packageRoot.appendingPathComponent(".build/venv/bin/python").path
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw DemoServerError("no Python at \(python) (set INSYN_TEST_PYTHON to one with selenium and axe-playwright-python): \(install)")
        }
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: python)
        probe.arguments = ["-c", "import selenium, axe_playwright_python"]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        try probe.run()
        probe.waitUntilExit()
        guard probe.terminationStatus == 0 else {
            throw DemoServerError("\(python) cannot import selenium and axe_playwright_python: \(install)")
        }
        return BrowserTools(python: python,
                            script: packageRoot.appendingPathComponent("Tests/WebServerTests/Browser/check_pages.py").path)
    }
}

/// The built `insyn serve --demo` on a free port of 127.0.0.1, over a new register
/// in a temporary directory; stopped with SIGINT.
final class DemoServer {
    let database: String
    let baseURL: String
    private let directory: URL
    private let process = Process()

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("insyn-browser-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        database = directory.appendingPathComponent("demo.sqlite").path
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("insyn")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw DemoServerError("the insyn executable is not at \(binary.path); build it with `swift build --build-tests`")
        }
        let port = try Self.freePort()
        baseURL = "http://127.0.0.1:\(port)"
        let output = Pipe()
        process.executableURL = binary
        process.arguments = ["--db", database, "serve", "--demo", "--no-push", "--host", "127.0.0.1", "--port", String(port)]
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var announced = ""
        while !announced.contains("Insyn is serving") {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { throw DemoServerError("insyn serve ended before serving: \(announced)") }
            announced += String(decoding: data, as: UTF8.self)
        }
    }

    func stop() {
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }

    /// A port the system chose as free, released again for the server to take.
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
        guard fd >= 0, bound else { throw DemoServerError("cannot find a free port on 127.0.0.1") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// Why the browser check could not run, said so that a person can fix it.
struct DemoServerError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
