import Foundation

/// A validator or tool the tests depend on is not installed. Thrown, never skipped,
/// so a machine without it fails the test instead of passing it silently.
struct MissingTool: Error, CustomStringConvertible {
    let description: String
}

/// What jing, the JSON Schema validator or the XSLT processor reported.
struct ValidationReport: CustomStringConvertible {
    let isValid: Bool
    let messages: [String]

    var description: String {
        (isValid ? "valid" : "invalid") + (messages.isEmpty ? "" : ":\n" + messages.joined(separator: "\n"))
    }
}

/// The output of a finished external process.
struct ToolRun {
    let status: Int32
    let standardOutput: String
    let standardError: String
}

enum Fixtures {
    static func url(_ name: String) throws -> URL {
        let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
        guard let url = Bundle.module.url(forResource: parts[0], withExtension: parts.count > 1 ? parts[1] : nil, subdirectory: "Fixtures") else {
            throw MissingTool(description: "test fixture Fixtures/\(name) is not in the test bundle")
        }
        return url
    }

    /// The repository's root, found from this source file's location.
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent()
    }
}

let jingPath = "/usr/bin/jing"

/// Validates an Atom document against the RFC 4287 RELAX NG schema with jing.
func validateAtom(_ bytes: [UInt8]) throws -> ValidationReport {
    guard FileManager.default.isExecutableFile(atPath: jingPath) else {
        throw MissingTool(description: "\(jingPath) not found: install it with `apt-get install jing` to validate Atom feeds")
    }
    let schema = try Fixtures.url("atom.rnc")
    let document = try temporaryFile(bytes, suffix: ".atom")
    defer { try? FileManager.default.removeItem(at: document) }
    let run = try runTool(jingPath, ["-c", schema.path, document.path])
    let messages = run.standardOutput.split(separator: "\n").map(String.init)
    let problems = javaProblems(run.standardError)
    if run.status != 0 && messages.isEmpty {
        throw MissingTool(description: "jing failed without reporting validation errors (status \(run.status)):\n\(problems.joined(separator: "\n"))")
    }
    return ValidationReport(isValid: run.status == 0, messages: messages)
}

/// Validates a JSON document against a JSON Schema (Draft 2020-12) with python3's
/// `jsonschema`, through Fixtures/validate_json.py.
func validateJSON(_ bytes: [UInt8], schema: URL) throws -> ValidationReport {
    let python = try executable(named: "python3", install: "apt-get install python3 python3-jsonschema")
    let script = try Fixtures.url("validate_json.py")
    let document = try temporaryFile(bytes, suffix: ".json")
    defer { try? FileManager.default.removeItem(at: document) }
    let run = try runTool(python, [script.path, schema.path, document.path])
    switch run.status {
    case 0, 1:
        return ValidationReport(isValid: run.status == 0, messages: run.standardOutput.split(separator: "\n").map(String.init))
    default:
        throw MissingTool(description: "JSON Schema validation could not run (status \(run.status)): \(run.standardError)")
    }
}

/// Transforms `document` with an XSLT 1.0 stylesheet using Xalan-J, the XSLT 1.0
/// processor installed with jing (Debian's libxalan2-java), and returns the result.
func transformWithXSLT(_ document: [UInt8], stylesheet: URL) throws -> String {
    let java = try executable(named: "java", install: "apt-get install jing")
    let jars = ["xalan2.jar", "serializer.jar"].map { "/usr/share/java/" + $0 }
    for jar in jars where !FileManager.default.fileExists(atPath: jar) {
        throw MissingTool(description: "\(jar) not found: install Xalan with `apt-get install jing` (it depends on libxalan2-java)")
    }
    let input = try temporaryFile(document, suffix: ".atom")
    defer { try? FileManager.default.removeItem(at: input) }
    let run = try runTool(java, ["-cp", jars.joined(separator: ":"), "org.apache.xalan.xslt.Process", "-IN", input.path, "-XSL", stylesheet.path])
    guard run.status == 0 else {
        throw MissingTool(description: "XSLT transformation failed (status \(run.status)): \(run.standardError)")
    }
    return run.standardOutput
}

/// Runs `path` with `arguments` and waits; output goes through temporary files so a
/// chatty process cannot fill a pipe and block.
func runTool(_ path: String, _ arguments: [String]) throws -> ToolRun {
    let outputFile = try temporaryFile([], suffix: ".out")
    let errorFile = try temporaryFile([], suffix: ".err")
    defer {
        try? FileManager.default.removeItem(at: outputFile)
        try? FileManager.default.removeItem(at: errorFile)
    }
    let output = try FileHandle(forWritingTo: outputFile)
    let error = try FileHandle(forWritingTo: errorFile)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = output
    process.standardError = error
    try process.run()
    process.waitUntilExit()
    try output.close()
    try error.close()
    return ToolRun(
        status: process.terminationStatus,
        standardOutput: String(decoding: try Data(contentsOf: outputFile), as: UTF8.self),
        standardError: String(decoding: try Data(contentsOf: errorFile), as: UTF8.self)
    )
}

func executable(named name: String, install: String) throws -> String {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    for directory in path.split(separator: ":") {
        let candidate = "\(directory)/\(name)"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    throw MissingTool(description: "\(name) not found in PATH: install it with `\(install)`")
}

func temporaryFile(_ bytes: [UInt8], suffix: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("insyn-test-\(UUID().uuidString)\(suffix)")
    try Data(bytes).write(to: url)
    return url
}

/// Debian's jing wrapper warns on stderr about optional jars it cannot find; those
/// lines are noise, anything else is kept.
private func javaProblems(_ standardError: String) -> [String] {
    standardError.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("[warning] ") }
}
