import Hummingbird

/// The 401 of a refused bearer token, with the `WWW-Authenticate` challenge of RFC 6750.
enum Unauthorized {
    static func response(_ detail: String) -> Response {
        Response(status: .unauthorized,
                 headers: [.wwwAuthenticate: "Bearer realm=\"insyn\", error=\"invalid_token\"",
                           .contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: detail + "\n")))
    }
}
