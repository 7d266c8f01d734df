import Hummingbird

/// The 401 of a refused bearer token: problem details with the `WWW-Authenticate`
/// challenge of RFC 6750.
enum Unauthorized {
    static func response(_ detail: String) -> Response {
        ProblemDetails(status: .unauthorized, detail: detail,
                       headers: [.wwwAuthenticate: "Bearer realm=\"insyn\", error=\"invalid_token\""]).response
    }
}
