import Foundation
import Hummingbird
import NIOCore

/// A `multipart/form-data` body (RFC 7578) as its parts: what a form with a file
/// input sends. Hummingbird reads url-encoded forms only, and an upload needs no more
/// than this: the boundary, each part's name and file name, and its bytes. Reading it
/// keeps the body readable for whoever reads next.
struct MultipartBody: Sendable {
    struct Part: Sendable {
        let name: String
        let filename: String?
        let bytes: [UInt8]
    }

    /// The largest body read (a file of `CalendarFile.maximumSize` and the form's other fields fit).
    static let limit = 2 * 1024 * 1024

    let parts: [Part]

    static func isMultipart(_ request: Request) -> Bool {
        boundary(request.headers[.contentType] ?? "") != nil
    }

    /// The fields; a body that is not well-formed multipart is a 400, one over `limit` a 413.
    static func read(_ request: inout Request) async throws -> MultipartBody {
        guard let boundary = boundary(request.headers[.contentType] ?? "") else {
            throw HTTPError(.badRequest, message: "The form's body is not multipart/form-data.")
        }
        guard let buffer = try await request.collectBody(within: limit) else {
            throw HTTPError(.contentTooLarge, message: "The form's body is larger than \(limit / 1024 / 1024) MiB.")
        }
        guard let body = MultipartBody(bytes: Array(buffer.readableBytesView), boundary: boundary) else {
            throw HTTPError(.badRequest, message: "The form's body cannot be read.")
        }
        return body
    }

    /// The text of a field that is not a file, as UTF-8.
    func text(_ name: String) -> String? {
        parts.first { $0.name == name && $0.filename == nil }.flatMap { String(validating: $0.bytes, as: UTF8.self) }
    }

    func file(_ name: String) -> Part? {
        parts.first { $0.name == name && $0.filename != nil }
    }

    /// `multipart/form-data; boundary=…` (the boundary may be quoted).
    static func boundary(_ contentType: String) -> String? {
        let pieces = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard pieces.first?.lowercased() == "multipart/form-data" else { return nil }
        for piece in pieces.dropFirst() where piece.lowercased().hasPrefix("boundary=") {
            var value = piece.dropFirst("boundary=".count)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = value.dropFirst().dropLast() }
            return (1...70).contains(value.utf8.count) ? String(value) : nil
        }
        return nil
    }

    init?(bytes: [UInt8], boundary: String) {
        let delimiter = Array(("--" + boundary).utf8)
        let separator = [UInt8(ascii: "\r"), UInt8(ascii: "\n")] + delimiter
        guard var index = Self.find(delimiter, in: bytes, from: 0) else { return nil }
        index += delimiter.count
        var parts: [Part] = []
        while true {
            if bytes[index...].starts(with: [UInt8(ascii: "-"), UInt8(ascii: "-")]) { break }
            while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
            guard bytes[index...].starts(with: [0x0D, 0x0A]) else { return nil }
            index += 2
            guard let headerEnd = Self.find([0x0D, 0x0A, 0x0D, 0x0A], in: bytes, from: index),
                  let contentEnd = Self.find(separator, in: bytes, from: headerEnd + 4) else { return nil }
            let headers = String(decoding: bytes[index..<headerEnd], as: UTF8.self)
            guard let disposition = Self.disposition(headers), let name = disposition["name"] else { return nil }
            parts.append(Part(name: name, filename: disposition["filename"], bytes: Array(bytes[(headerEnd + 4)..<contentEnd])))
            index = contentEnd + separator.count
            guard index < bytes.count else { return nil }
        }
        self.parts = parts
    }

    /// The parameters of the part's `Content-Disposition: form-data; name="…"; filename="…"`.
    private static func disposition(_ headers: String) -> [String: String]? {
        for line in headers.split(separator: "\r\n") {
            let pair = line.split(separator: ":", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "content-disposition" else { continue }
            var parameters: [String: String] = [:]
            var rest = Substring(pair[1])
            while let semicolon = rest.firstIndex(of: ";") {
                rest = rest[rest.index(after: semicolon)...].drop { $0 == " " || $0 == "\t" }
                guard let equals = rest.firstIndex(of: "=") else { break }
                let key = rest[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
                rest = rest[rest.index(after: equals)...]
                if rest.first == "\"" {
                    rest = rest.dropFirst()
                    guard let close = rest.firstIndex(of: "\"") else { return nil }
                    parameters[key] = String(rest[..<close])
                    rest = rest[rest.index(after: close)...]
                } else {
                    let end = rest.firstIndex(of: ";") ?? rest.endIndex
                    parameters[key] = rest[..<end].trimmingCharacters(in: .whitespaces)
                    rest = rest[end...]
                }
            }
            return parameters
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
