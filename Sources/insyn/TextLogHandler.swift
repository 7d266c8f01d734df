import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Logging

/// `serve`'s log on standard error as lines of text, in swift-log's
/// `StreamLogHandler` layout. Its metadata is written out when a record is logged,
/// not each time a value is set: the server sets a request id on every request's
/// logger and logs almost nothing of them, so `StreamLogHandler`'s formatting on
/// every set cost each request more than the rest of its logging.
struct TextLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    private static let output = NSLock()

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        let members = merged.isEmpty ? "" : " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let line = "\(Self.timestamp()) \(event.level) \(label):\(members) [\(event.source)] \(event.message)\n"
        Self.output.withLock { FileHandle.standardError.write(Data(line.utf8)) }
    }

    /// The local time as `StreamLogHandler` writes it: 2026-12-01T17:23:47+0000.
    private static func timestamp() -> String {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        var buffer = [CChar](repeating: 0, count: 32)
        let length = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S%z", &parts)
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
