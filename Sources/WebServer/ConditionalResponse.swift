import Foundation
import Hummingbird

/// A response for a document that is the same bytes until the register changes:
/// a strong ETag over the bytes, Last-Modified, and 304 for a matching conditional GET.
enum ConditionalResponse {
    static func make(request: Request, bytes: [UInt8], contentType: String, lastModified: Date?) throws -> Response {
        let etag = "\"\(fingerprint(bytes))\""
        var headers: HTTPFields = [.eTag: etag, .cacheControl: "public, max-age=60"]
        if let lastModified { headers[.lastModified] = httpDate(lastModified) }
        let matches = request.headers[.ifNoneMatch].map { value in
            value.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == etag || $0.trimmingCharacters(in: .whitespaces) == "*" }
        }
        let unmodified = matches ?? request.headers[.ifModifiedSince].flatMap(parseHTTPDate).map { since in
            lastModified.map { Int($0.timeIntervalSince1970) <= Int(since.timeIntervalSince1970) } ?? false
        } ?? false
        if unmodified {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = contentType
        headers[.contentLength] = String(bytes.count)
        let body = request.method == .head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
        return Response(status: .ok, headers: headers, body: body)
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
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }

    static func parseHTTPDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.date(from: text)
    }
}
