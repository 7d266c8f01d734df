import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Publishing
import RegisterCore
import Testing
@testable import WebServer

/// The downloads under /data/: the command line's export bytes at the same ledger
/// head, streamed, as attachments, with the ledger head's ETag and 304.
@Suite("The open-data downloads")
struct DownloadTests {
    /// Runs the built `insyn` on the register at `database` and returns what it wrote to standard output.
    private func insyn(_ database: String, _ arguments: [String]) throws -> [UInt8] {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("insyn")
        let process = Process()
        process.executableURL = binary
        process.arguments = ["--db", database] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "insyn \(arguments.joined(separator: " "))")
        return Array(data)
    }

    @Test func everyDownloadIsTheCommandLinesExportAtTheSameHeadAsAnAttachmentWithETagAnd304() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("insyn-downloads-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("demo.sqlite").path
        let register = try Register.open(path: database)
        try DemoRegister.load(into: register)
        let commands: [(SiteURL.Download, String, [String])] = [
            (.registerJSON, "", ["export", "--format", "json"]),
            (.changes, "?since=100", ["export", "--format", "jsonl", "--since", "100"]),
            (.ledger, "", ["ledger", "export"]),
        ] + RegisterCSVExport.Entity.allCases.map { entity in
            (SiteURL.Download(rawValue: entity.rawValue + ".csv")!, "", ["export", "--format", "csv", "--entity", entity.rawValue])
        }
        #expect(Set(commands.map(\.0)) == Set(SiteURL.Download.allCases))
        try await buildApplication(register: register).test(.router) { client in
            for (download, query, arguments) in commands {
                let expected = try insyn(database, arguments)
                #expect(expected.count > 100, "\(arguments)")
                let uri = SiteURL.download(download).path + query
                let (etag, headers) = try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok, "\(uri)")
                    #expect(Array(buffer: response.body) == expected, "\(uri) differs from insyn \(arguments.joined(separator: " "))")
                    return (response.headers[.eTag], response.headers)
                }
                #expect(headers[.contentDisposition] == "attachment; filename=\"\(download.rawValue)\"", "\(uri)")
                #expect(headers[.accessControlAllowOrigin] == "*", "\(uri)")
                #expect(headers[.transferEncoding] == "chunked" || headers[.contentLength] == nil, "\(uri) is streamed")
                let tag = try #require(etag, "\(uri) has no ETag")
                try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: tag]) { response in
                    #expect(response.status == .notModified, "\(uri)")
                    #expect(response.body.readableBytes == 0)
                }
            }
            let before = try await client.execute(uri: "/data/register.json", method: .get) { $0.headers[.eTag] }
            let meeting = try #require(try register.publicMeetings(MeetingFilter(status: .published, limit: 1)).first)
            try register.withdrawMeeting(meeting.id, reason: "Dubbelregistrerat", by: .shell)
            try await client.execute(uri: "/data/register.json", method: .get, headers: [.ifNoneMatch: before ?? ""]) { response in
                #expect(response.status == .ok, "a new head is a new version")
            }
        }
    }
}
