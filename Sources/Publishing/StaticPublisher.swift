import Foundation
import RegisterCore

/// Writes the whole published set into a directory (Feeds/ by default) for any web
/// server or CDN to serve: the stylesheet that makes feeds readable in a browser, then
/// every Atom document of `FeedSet`, each archive page before the documents that link
/// to it. Each file is replaced atomically and rewritten only when its bytes change.
/// A full archive page is final, so one already in the directory is not rendered
/// again unless `rewriteArchives` (after a change of the register's settings) or a
/// redaction was made since the pages were written (`.archives-redaction` in the
/// directory keeps the ledger position of the newest redaction they account for). One run at a time holds the directory (a lock file), and a run first
/// removes the temporary files that a killed run left.
public struct StaticPublisher {
    public let register: Register
    public let layout: FeedLayout
    public let rewriteArchives: Bool

    public init(register: Register, layout: FeedLayout = FeedLayout(), rewriteArchives: Bool = false) {
        self.register = register
        self.layout = layout
        self.rewriteArchives = rewriteArchives
    }

    /// What one run wrote.
    public struct Report: Sendable {
        public var written: [String] = []
        public var unchanged: Int = 0
        public var removedTemporaryFiles: [String] = []
    }

    public func publish(to directory: URL) throws -> Report {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let lock = try DirectoryLock(directory.appendingPathComponent(".publish.lock").path)
        defer { lock.release() }
        var report = Report()
        report.removedTemporaryFiles = try removeTemporaryFiles(in: directory)
        try write(Self.stylesheet(), to: directory.appendingPathComponent("feed.xsl"), as: "feed.xsl", report: &report)
        let marker = directory.appendingPathComponent(".archives-redaction")
        let accountedFor = (try? String(contentsOf: marker, encoding: .utf8)).flatMap { Int64($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 0
        try FeedSet.read(register, layout: layout) { feeds in
            let newestRedaction = try feeds.snapshot.newestRedactionSequence()
            let keepArchives = !rewriteArchives && newestRedaction <= accountedFor
            for path in feeds.paths {
                let url = directory.appendingPathComponent(path)
                if keepArchives, feeds.isArchivePage(path), FileManager.default.fileExists(atPath: url.path) {
                    report.unchanged += 1
                    continue
                }
                guard let bytes = try feeds.render(path: path) else { continue }
                try write(bytes, to: url, as: path, report: &report)
            }
            if newestRedaction > accountedFor {
                try Data(String(newestRedaction).utf8).write(to: marker, options: .atomic)
            }
        }
        return report
    }

    /// The XSLT stylesheet referenced by every feed.
    public static func stylesheet() throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: "feed", withExtension: "xsl"), let data = FileManager.default.contents(atPath: url.path) else {
            throw CocoaError(.fileNoSuchFile)
        }
        return Array(data)
    }

    /// Removes `FileSink`'s temporary files (`.name.tmp-XXXXXX`) under `directory`:
    /// with the lock held, any there were left by a run that did not finish.
    private func removeTemporaryFiles(in directory: URL) throws -> [String] {
        var removed: [String] = []
        guard let files = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else { return [] }
        for case let url as URL in files where Self.isTemporaryFileName(url.lastPathComponent) {
            try FileManager.default.removeItem(at: url)
            removed.append(String(url.path.dropFirst(directory.path.count + 1)))
        }
        return removed.sorted()
    }

    /// Whether `name` has the form of an atomic `FileSink`'s temporary file.
    static func isTemporaryFileName(_ name: String) -> Bool {
        guard name.hasPrefix("."), let marker = name.range(of: ".tmp-", options: .backwards) else { return false }
        return name[marker.upperBound...].count == 6 && marker.lowerBound > name.index(after: name.startIndex)
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
