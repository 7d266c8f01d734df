import Foundation
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// `serve`'s log, in the format `--log-format` names: lines of text on standard
/// error in swift-log's `StreamLogHandler` layout, or one JSON object a line on
/// standard output (time, level, label, message and the metadata's members) for a log
/// shipper or `journalctl -o cat | jq`. Metadata is written out when a record is
/// logged, not each time a value is set: the server sets a request id on every
/// request's logger and logs almost nothing of them, so `StreamLogHandler`'s
/// formatting on every set cost each request more than the rest of its logging.
struct ServeLogHandler: LogHandler {
    let label: String
    let format: ServeCommand.LogFormat
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    private static let output = NSLock()

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        switch format {
        case .text:
            let members = merged.isEmpty ? "" : " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            let line = "\(Self.timestamp()) \(event.level) \(label):\(members) [\(event.source)] \(event.message)\n"
            Self.output.withLock { FileHandle.standardError.write(Data(line.utf8)) }
        case .json:
            var object: [String: Any] = merged.mapValues(Self.json)
            object["time"] = Date().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
            object["level"] = event.level.rawValue
            object["label"] = label
            object["message"] = event.message.description
            if !event.source.isEmpty { object["source"] = event.source }
            guard var line = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
            line.append(0x0A)
            Self.output.withLock { FileHandle.standardOutput.write(line) }
        }
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

    private static func json(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let text): Int(text).map { $0 as Any } ?? text
        case .stringConvertible(let value): (value as? Int).map { $0 as Any } ?? (value as? Double).map { $0 as Any } ?? value.description
        case .array(let values): values.map(json)
        case .dictionary(let members): members.mapValues(json)
        }
    }
}
