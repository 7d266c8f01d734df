import Foundation
import Testing

/// The deployment files in Data/deploy/ as an operator installs them: the systemd units
/// pass `systemd-analyze verify` and keep the server confined; the nginx site passes
/// `nginx -t` with a certificate. Each check runs where its tool exists and says so where not.
@Suite("Deployment files", .serialized)
struct DeploymentFileTests {
    static let deploy = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Data/deploy")
    static let systemdAnalyze = "/usr/bin/systemd-analyze"
    static let nginx = "/usr/sbin/nginx"
    static let openssl = "/usr/bin/openssl"

    func text(_ name: String) throws -> String {
        try String(contentsOf: Self.deploy.appendingPathComponent(name), encoding: .utf8)
    }

    func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = try output.fileHandleForReading.readToEndRestartingOnInterrupt()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("insyn-deploy-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Settings of a section, in order: "Key=Value" lines without comments.
    func settings(_ unit: String) throws -> [String] {
        try text(unit).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") && !$0.hasPrefix("[") }
    }

    @Test func theServerRunsAsItsOwnUserWithTheRegistersDirectoryItsOnlyWritablePath() throws {
        let lines = try settings("insyn.service")
        for required in ["User=insyn", "Group=insyn", "ProtectSystem=strict", "ReadWritePaths=/var/lib/insyn", "StateDirectory=insyn",
                         "NoNewPrivileges=yes", "ProtectHome=yes", "PrivateTmp=yes", "UMask=0077", "CapabilityBoundingSet=", "KillSignal=SIGTERM",
                         "Environment=INSYN_DB=/var/lib/insyn/insyn.sqlite"] {
            #expect(lines.contains(required), "insyn.service lacks \(required)")
        }
        #expect(lines.filter { $0.hasPrefix("ReadWritePaths=") } == ["ReadWritePaths=/var/lib/insyn"])
        #expect(!lines.contains { $0.hasPrefix("ExecStart=") && !$0.contains("serve") })
        let backup = try settings("insyn-backup.service")
        #expect(backup.contains("ReadWritePaths=/var/lib/insyn /var/backups/insyn"))
        #expect(backup.contains { $0.hasPrefix("ExecStart=") && $0.contains("backup --force --out") && $0.contains("verify") })
        #expect(try settings("insyn-backup.timer").contains("Persistent=true"))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: systemdAnalyze), "systemd-analyze is not installed here: the units were not verified"))
    func systemdUnitsPassSystemdAnalyzeVerify() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let units = ["insyn.service", "insyn-backup.service", "insyn-backup.timer"]
        for unit in units {
            // verify checks that ExecStart's program exists: the one just built stands in for /usr/local/bin/insyn.
            try text(unit).replacingOccurrences(of: "/usr/local/bin/insyn", with: Insyn.binary.path)
                .write(to: directory.appendingPathComponent(unit), atomically: true, encoding: .utf8)
        }
        let result = try run(Self.systemdAnalyze, ["verify"] + units.map { directory.appendingPathComponent($0).path })
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.isEmpty, "systemd-analyze warned: \(result.output)")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: systemdAnalyze), "systemd-analyze is not installed here"))
    func systemdAnalyzeVerifyWouldCatchAMistake() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let broken = try text("insyn.service").replacingOccurrences(of: "/usr/local/bin/insyn", with: Insyn.binary.path)
            .replacingOccurrences(of: "ProtectSystem=strict", with: "ProtectSystem=strickt")
        try broken.write(to: directory.appendingPathComponent("insyn.service"), atomically: true, encoding: .utf8)
        let result = try run(Self.systemdAnalyze, ["verify", directory.appendingPathComponent("insyn.service").path])
        #expect(result.output.contains("protect system"), "\(result.output)")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: nginx) && FileManager.default.isExecutableFile(atPath: openssl),
                   "nginx or openssl is not installed here: the site file was not checked"))
    func nginxSiteTerminatesTLSAndPassesNginxTest() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let certificate = directory.appendingPathComponent("cert.pem").path, key = directory.appendingPathComponent("key.pem").path
        let made = try run(Self.openssl, ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=insyn.example.se",
                                          "-keyout", key, "-out", certificate])
        try #require(made.status == 0, "\(made.output)")
        let site = try text("nginx-insyn.conf")
        #expect(site.contains("proxy_pass http://insyn;") && site.contains("server 127.0.0.1:8080;"))
        #expect(site.contains("location = /metrics {\n        allow 127.0.0.1;") && site.contains("deny all;"))
        try site.replacingOccurrences(of: "/etc/ssl/insyn/fullchain.pem", with: certificate)
            .replacingOccurrences(of: "/etc/ssl/insyn/privkey.pem", with: key)
            .write(to: directory.appendingPathComponent("site.conf"), atomically: true, encoding: .utf8)
        let root = directory.path
        let main = """
            pid \(root)/nginx.pid;
            error_log \(root)/error.log;
            events {}
            http {
                access_log off;
                client_body_temp_path \(root)/body;
                proxy_temp_path \(root)/proxy;
                fastcgi_temp_path \(root)/fastcgi;
                uwsgi_temp_path \(root)/uwsgi;
                scgi_temp_path \(root)/scgi;
                include \(root)/site.conf;
            }
            """
        try main.write(to: directory.appendingPathComponent("nginx.conf"), atomically: true, encoding: .utf8)
        let result = try run(Self.nginx, ["-t", "-e", "\(root)/error.log", "-p", root, "-c", "\(root)/nginx.conf"])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("test is successful"), "\(result.output)")
    }
}
