import Foundation

/// Runs wrk, the HTTP load tool, as `bench push`'s yardstick: one thread, one kept-alive
/// connection, POSTing a body and headers of the size push sends.
enum Wrk {
    static func executable() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/wrk" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Requests per second over `seconds`, and wrk's own report.
    static func rate(executable: String, url: String, headers: [(name: String, value: String)], bodySize: Int,
                     seconds: Int, in directory: URL) throws -> (perSecond: Double, output: String) {
        let script = directory.appendingPathComponent("push-bench.lua")
        var lua = "wrk.method = \"POST\"\nwrk.body = string.rep(\"x\", \(bodySize))\n"
        for (name, value) in headers { lua += "wrk.headers[\"\(name)\"] = \"\(value)\"\n" }
        try lua.write(to: script, atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-t1", "-c1", "-d\(seconds)s", "-s", script.path, url]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: try output.fileHandleForReading.readToEndRestartingOnInterrupt(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Requests/sec:") }),
              let rate = Double(line.dropFirst("Requests/sec:".count).trimmingCharacters(in: .whitespaces))
        else { throw CLIError("wrk failed:\n\(text)") }
        return (rate, text)
    }
}
