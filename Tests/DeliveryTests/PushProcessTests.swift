import Delivery
import Foundation
import Publishing
import RegisterCore
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The built `insyn` program run as a child process against a register in a temporary
/// file, as an operator or a service manager would run it.
struct InsynProcess {
    static var executable: URL {
        get throws {
            let url = Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("insyn")
            guard FileManager.default.isExecutableFile(atPath: url.path) else {
                throw TestReceiverError.startFailed("the insyn executable is not at \(url.path); build it with `swift build --build-tests`")
            }
            return url
        }
    }

    let process = Process()
    private let output = Pipe()

    init(_ arguments: [String]) throws {
        process.executableURL = try Self.executable
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// Waits for the exit and returns the status and standard output.
    func finish() throws -> (status: Int32, output: String) {
        let text = String(decoding: try output.fileHandleForReading.readToEndRestartingOnInterrupt(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }
}

@Suite("insyn push as a process")
struct PushProcessTests {
    private let directory: URL
    private let path: String

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("insyn-push-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("register.sqlite").path
    }

    private func insyn(_ arguments: String...) throws -> (status: Int32, output: String) {
        try InsynProcess(["--db", path] + arguments).finish()
    }

    private func waitFor(_ condition: () throws -> Bool, timeout: Duration = .seconds(20)) async throws {
        let deadline = ContinuousClock.now + timeout
        while try !condition() {
            guard ContinuousClock.now < deadline else {
                Issue.record("condition not met within \(timeout)")
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    @Test func killingThePusherMidRunLosesNothing() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let fixture = try PushFixture(register: Register.open(path: path))
        let receiver = try TestReceiver()
        try receiver.setScript(Array(repeating: "ok", count: 40) + ["stall:30"])
        let endpoint = try fixture.addWebhook(receiver.url())
        try fixture.recordHistory(meetings: 90)
        let changes = try fixture.changes(for: endpoint)

        let first = try InsynProcess(["--db", path, "push", "--follow", "--poll", "20ms", "--timeout", "60s"])
        try await waitFor { try receiver.count() == 41 && fixture.register.outboxStatus().first?.delivered == 40 }
        first.send(SIGKILL)
        let killed = try first.finish()
        #expect(killed.status == SIGKILL)
        #expect(try receiver.count() == 41, "killed while the 41st delivery waited for its answer")

        let second = try insyn("push", "--retry-base", "50ms")
        #expect(second.status == 0, "\(second.output)")

        let json = PublicJSON(try fixture.publication)
        let accepted = Accepted(try receiver.received())
        try accepted.expectExactlyOnce(changes, json: json)
        accepted.expectLedgerOrder(changes, json: json, strictly: true)
        try accepted.expectSignatures(secret: PushFixture.secret)
        #expect(accepted.all.count == changes.count + 1, "only the delivery in flight is sent twice")
        let status = try #require(try fixture.register.outboxStatus().first)
        #expect((status.pending, status.delivered) == (0, changes.count))
    }

    @Test func followStopsCleanlyOnSIGTERM() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let fixture = try PushFixture(register: Register.open(path: path))
        let receiver = try TestReceiver()
        let endpoint = try fixture.addWebhook(receiver.url())

        let follower = try InsynProcess(["--db", path, "push", "--follow", "--poll", "20ms"])
        try await waitFor { try receiver.count() == 4 }
        try fixture.recordHistory(meetings: 2)
        let total = try fixture.changes(for: endpoint).count
        try await waitFor { try receiver.count() == total }
        follower.send(SIGTERM)
        let result = try follower.finish()

        #expect(result.status == 0)
        #expect(result.output.hasPrefix("Delivered \(total)"), "\(result.output)")
    }

    @Test func pushExitsNonZeroOnADeadLetterAndRetrySendsItAfterTheFix() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let fixture = try PushFixture(register: Register.open(path: path))
        let receiver = try TestReceiver()
        try receiver.setScript(["status:400"])
        let added = try insyn("endpoint", "add", "--url", receiver.url(), "--kind", "webhook", "--from-start")
        #expect(added.status == 0)
        let lines = added.output.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        let secret = try #require(lines.last)
        #expect(secret.hasPrefix("whsec_"))
        #expect(try !insyn("endpoint", "list").output.contains(secret), "list never prints a secret in full")

        let failed = try insyn("push")
        #expect(failed.status != 0)
        #expect(failed.output.contains("1 new dead letters"), "\(failed.output)")
        let status = try insyn("push", "status")
        #expect(status.output.contains("dead letters 1"), "\(status.output)")
        #expect(status.output.contains("HTTP 400"), "\(status.output)")

        #expect(try insyn("push", "retry", "--endpoint", "1").output == "Requeued 1 dead letter.\n")
        let fixed = try insyn("push")
        #expect(fixed.status == 0, "\(fixed.output)")
        #expect(try insyn("push", "status").output.contains("pending 0"))

        let changes = try fixture.register.publicChanges(after: 0)
        let accepted = Accepted(try receiver.received())
        try accepted.expectExactlyOnce(changes, json: PublicJSON(try fixture.publication))
        try accepted.expectSignatures(secret: secret)
    }

    @Test func aPausedEndpointShowsWhyAndUpdatingItsTokenResumesIt() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let fixture = try PushFixture(register: Register.open(path: path))
        try fixture.publishMeetings(2)
        let receiver = try TestReceiver()
        try receiver.setScript(["ckan-error:403"])
        let revoked = "ckan-revoked-0123456789abcdef"
        let fresh = "ckan-fresh-fedcba9876543210"
        #expect(try insyn("endpoint", "add", "--url", receiver.url(""), "--kind", "ckan", "--token", revoked,
                          "--resource-id", "5f0e-meetings", "--from-start").status == 0)

        let paused = try insyn("push")
        #expect(paused.status != 0)
        #expect(paused.output.contains("endpoint 1: paused"), "\(paused.output)")
        for listing in [try insyn("push", "status").output, try insyn("endpoint", "list").output] {
            #expect(listing.contains("paused"), "\(listing)")
            #expect(listing.contains("HTTP 403: Authorization Error: Access denied"), "\(listing)")
            #expect(listing.contains("until an administrator grants the role again"), "\(listing)")
            #expect(!listing.contains(revoked), "a token is never printed in full")
        }
        #expect(try insyn("push", "status").output.contains("dead letters 0"))

        let updated = try insyn("endpoint", "update", "1", "--token", fresh)
        #expect(updated.status == 0)
        #expect(updated.output.contains("resumes where it stopped"), "\(updated.output)")
        #expect(!updated.output.contains(fresh), "a token is never printed in full")
        let resumed = try insyn("push")
        #expect(resumed.status == 0, "\(resumed.output)")
        #expect(resumed.output.hasPrefix("Delivered 2"), "\(resumed.output)")
        #expect(try receiver.received().last?.headers["authorization"] == fresh)

        let removed = try insyn("endpoint", "remove", "1")
        #expect(removed.output == "Removed endpoint 1.\n")
        #expect(try insyn("endpoint", "list").output.isEmpty)
    }
}
