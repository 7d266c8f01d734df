import Hummingbird
import NIOCore

extension Request {
    /// The body, if it is at most `limit` bytes; nil when it is larger. A body whose
    /// `Content-Length` announces more is refused before any of it is read, and one
    /// that runs past the limit as soon as it does, so a client can make the server
    /// neither wait for nor hold more than `limit` bytes.
    mutating func collectBody(within limit: Int) async throws -> ByteBuffer? {
        if let announced = headers[.contentLength], announced.utf8.count > 18 || (Int(announced) ?? 0) > limit { return nil }
        do {
            return try await collectBody(upTo: limit)
        } catch is NIOTooManyBytesError {
            return nil
        }
    }
}
