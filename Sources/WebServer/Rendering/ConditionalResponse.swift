import Foundation
import Hummingbird

/// A response for a document that is the same bytes until the register changes:
/// a strong ETag over the bytes, the document's own Last-Modified, and 304 for a
/// matching conditional GET or HEAD (`If-None-Match` by weak comparison, RFC 9110
/// §8.8.3.2, and only without it `If-Modified-Since`).
enum ConditionalResponse {
    static func make(request: Request, bytes: [UInt8], contentType: String, lastModified: Date?) throws -> Response {
        try make(request: request, body: ByteBuffer(bytes: bytes), etag: "\"\(fingerprint(bytes))\"", contentType: contentType,
                 lastModified: lastModified, lastModifiedHeader: lastModified.map(httpDate))
    }

    /// The same for a body whose entity tag and Last-Modified were computed when it was rendered.
    static func make(request: Request, body: ByteBuffer, etag: String, contentType: String, lastModified: Date?,
                     lastModifiedHeader: String?) throws -> Response {
        var headers: HTTPFields = [.eTag: etag, .cacheControl: "public, max-age=60"]
        if let lastModifiedHeader { headers[.lastModified] = lastModifiedHeader }
        let unmodified: Bool
        if let tags = request.headers[values: .ifNoneMatch].nonEmpty {
            unmodified = tags.flatMap { $0.split(separator: ",") }.contains { candidate in
                let tag = candidate.trimmingCharacters(in: .whitespaces)
                return tag == "*" || opaque(tag) == opaque(etag)
            }
        } else if let since = request.headers[.ifModifiedSince].flatMap(parseHTTPDate), let lastModified {
            unmodified = Int(lastModified.timeIntervalSince1970) <= Int(since.timeIntervalSince1970)
        } else {
            unmodified = false
        }
        if unmodified {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = contentType
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: body))
    }

    /// An entity tag without its weakness indicator: what weak comparison compares.
    static func opaque(_ tag: String) -> Substring {
        tag.hasPrefix("W/") ? tag.dropFirst(2) : Substring(tag)
    }

    /// FNV-1a over the bytes: a cheap, stable fingerprint for an ETag.
    static func fingerprint(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return String(hash, radix: 16) + "-" + String(bytes.count, radix: 16)
    }

    static func httpDate(_ date: Date) -> String {
        formatter().string(from: date)
    }

    static func parseHTTPDate(_ text: String) -> Date? {
        formatter().date(from: text)
    }

    private static func formatter() -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter
    }
}

private extension Array {
    var nonEmpty: Self? { isEmpty ? nil : self }
}
