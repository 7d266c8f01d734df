import Foundation
import Testing
@testable import Publishing

@Suite struct ByteSinkTests {
    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("insyn-sink-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func contents(_ directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    @Test func bufferSinkCollectsAndTakes() throws {
        let sink = BufferSink()
        try sink.write([1, 2])
        try sink.write("å")
        try sink.write("xyz".utf8)
        try sink.write([9, 8, 7][1...])
        #expect(sink.take() == [1, 2, 0xC3, 0xA5, 0x78, 0x79, 0x7A, 8, 7])
        #expect(sink.bytes.isEmpty)
        try sink.write([3])
        try sink.finish()
        #expect(sink.isFinished)
        #expect(sink.bytes == [3])
    }

    @Test func atomicFileAppearsOnlyOnFinish() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("feed.atom").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))

        let sink = try FileSink(path: path, bufferSize: 1024)
        let payload = (0..<10_000).map { UInt8(truncatingIfNeeded: $0) }
        try sink.write(payload[..<10])
        try sink.write(payload[10...])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        let during = try contents(directory)
        #expect(during.count == 2)
        #expect(during.first?.hasPrefix(".feed.atom.tmp-") == true)
        try sink.finish()
        try sink.finish()

        #expect(try contents(directory) == ["feed.atom"])
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == payload)
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(permissions == 0o644)
    }

    @Test func discardedOrAbandonedAtomicFileLeavesNothing() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("export.json").path

        let discarded = try FileSink(path: path)
        try discarded.write("partial")
        discarded.discard()
        #expect(try contents(directory).isEmpty)

        do {
            let abandoned = try FileSink(path: path)
            try abandoned.write(Array(repeating: 0x41, count: 200_000))
        }
        #expect(try contents(directory).isEmpty)
    }

    @Test func nonAtomicFileTruncatesAndWrites() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("out.csv").path
        try Data(repeating: 0x5A, count: 100).write(to: URL(fileURLWithPath: path))
        let sink = try FileSink(path: path, atomic: false)
        try sink.write("ny")
        try sink.finish()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "ny")
    }

    @Test func openingInAMissingDirectoryThrows() {
        let path = "/nonexistent-\(UUID().uuidString)/feed.atom"
        #expect(throws: FileSink.Failure.self) { try FileSink(path: path) }
        #expect(throws: FileSink.Failure.self) { try FileSink(path: path, atomic: false) }
    }

    @Test func writersStreamLargeOutputIntoAFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("register.json").path
        let json = JSONStreamWriter(try FileSink(path: path))
        try json.beginArray()
        for index in 0..<50_000 {
            try json.beginObject()
            try json.field("id", index)
            try json.field("organisation", "Föreningen \"Öppenhet\" nr \(index)")
            try json.endObject()
        }
        try json.endArray()
        try json.finish()
        let decoded = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [[String: Any]]
        #expect(decoded?.count == 50_000)
        #expect(decoded?.last?["organisation"] as? String == "Föreningen \"Öppenhet\" nr 49999")
    }
}
