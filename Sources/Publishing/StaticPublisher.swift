import Foundation
import RegisterCore

/// Writes the whole published set into a directory (Feeds/ by default) for any web
/// server or CDN to serve: every Atom document of `FeedSet` and the stylesheet that
/// makes feeds readable in a browser. Each file is replaced atomically, and a file is
/// rewritten only when its bytes change, so a past month's archive keeps its date.
public struct StaticPublisher {
    public let register: Register

    public init(register: Register) {
        self.register = register
    }

    /// What one run wrote.
    public struct Report: Sendable {
        public var written: [String] = []
        public var unchanged: Int = 0
    }

    public func publish(to directory: URL, now: Date = Date()) throws -> Report {
        let feeds = try FeedSet(register: register, now: now)
        var report = Report()
        for path in feeds.paths {
            guard let bytes = try feeds.render(path: path) else { continue }
            try write(bytes, to: directory.appendingPathComponent(path), as: path, report: &report)
        }
        try write(Self.stylesheet(), to: directory.appendingPathComponent("feed.xsl"), as: "feed.xsl", report: &report)
        return report
    }

    /// The XSLT stylesheet referenced by every feed.
    public static func stylesheet() throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: "feed", withExtension: "xsl"), let data = FileManager.default.contents(atPath: url.path) else {
            throw CocoaError(.fileNoSuchFile)
        }
        return Array(data)
    }

    private func write(_ bytes: [UInt8], to url: URL, as path: String, report: inout Report) throws {
        if let existing = FileManager.default.contents(atPath: url.path), Array(existing) == bytes {
            report.unchanged += 1
            return
        }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let sink = try FileSink(path: url.path)
        try sink.write(bytes)
        try sink.finish()
        report.written.append(path)
    }
}
