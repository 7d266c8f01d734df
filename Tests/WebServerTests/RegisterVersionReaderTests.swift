import Foundation
import RegisterCore
import Testing
@testable import WebServer

/// The version the server reads is never older than the last commit to the file,
/// whoever made it, though it is read again only after a commit.
@Suite("The register's version as the server reads it")
struct RegisterVersionReaderTests {
    @Test func aCommitByAnotherConnectionIsSeenAtTheNextRequest() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("insyn-version-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("register.sqlite").path
        let served = try Register.open(path: path)
        try DemoRegister.load(into: served)
        let reader = RegisterVersionReader(register: served)
        let first = try await reader.current()
        #expect(try await reader.current() == first)

        let other = try Register.open(path: path)
        let meeting = try await other.read { snapshot in try #require(try snapshot.latestPublishedMeetings(.all, limit: 1).first) }
        try other.withdrawMeeting(meeting.id, reason: "Dubbelregistrerat", by: .shell)
        let afterWithdrawal = try await reader.current()
        #expect(afterWithdrawal.sequence == first.sequence + 1)

        var settings = try other.settings()
        settings.baseURL = "https://insyn.annan.example.se/"
        try other.update(settings: settings, by: .shell)
        let afterSettings = try await reader.current()
        #expect(afterSettings.settings.baseURL == "https://insyn.annan.example.se/")
        #expect(try await reader.current() == afterSettings)
    }
}
