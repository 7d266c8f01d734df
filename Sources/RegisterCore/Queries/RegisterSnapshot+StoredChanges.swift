import Foundation
import GRDB

/// A public change as stored: its sequence, hash and public form (`public_body`,
/// canonical JSON with confidential and redacted values null), not yet decoded. A
/// writer that can copy most of the stored form as it is reads these; it decodes
/// the rest with `decoded()`.
public struct StoredChangeRow {
    public let sequence: Int64
    public let hash: String
    /// The stored public form's bytes, valid only during the call that hands them over.
    public let body: UnsafeRawBufferPointer

    public init(sequence: Int64, hash: String, body: UnsafeRawBufferPointer) {
        self.sequence = sequence
        self.hash = hash
        self.body = body
    }

    /// The change decoded, as `forEachPublicChange` gives it.
    public func decoded() throws -> PublicChange {
        try PublicChange(canonicalBody: String(decoding: body, as: UTF8.self), hash: hash)
    }
}

extension RegisterSnapshot {
    /// Streams the stored public changes after `sequence` in ledger order, without
    /// decoding them, in constant memory.
    public func forEachStoredPublicChange(after sequence: Int64, _ body: (StoredChangeRow) throws -> Void) throws {
        let rows = try Row.fetchCursor(
            db, sql: "SELECT seq, hash, public_body FROM change WHERE seq > ? AND public = 1 ORDER BY seq", arguments: [sequence])
        while let row = try rows.next() {
            let seq: Int64 = row[0]
            let hash: String = row[1]
            try row.withUnsafeData(atIndex: 2) { data in
                try (data ?? Data()).withUnsafeBytes { bytes in
                    try body(StoredChangeRow(sequence: seq, hash: hash, body: bytes))
                }
            }
        }
    }
}
