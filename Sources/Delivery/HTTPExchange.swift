import Foundation

/// The request methods a push endpoint can be sent; a closed set so that the transport
/// knows how each one carries its body.
public enum HTTPMethod: String, Sendable, Hashable, CaseIterable {
    case get = "GET"
    case head = "HEAD"
    case post = "POST"
    case put = "PUT"
    case patch = "PATCH"
    case delete = "DELETE"
}

/// One outgoing HTTP request, independent of the transport that sends it, so the outbox
/// worker can build and test requests without libcurl.
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    public var url: String
    /// Sent in this order; a name may repeat. Without a `Content-Type`, none is sent.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(
        method: HTTPMethod = .get,
        url: String,
        headers: [(name: String, value: String)] = [],
        body: [UInt8] = []
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// The final HTTP response to a request (interim 1xx responses are dropped), so callers
/// can decide on success, retry or failure from the status and headers alone.
public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    /// Names are lower-cased; repeated headers are joined with ", ".
    public var headers: [String: String]
    public var body: [UInt8]

    public init(status: Int, headers: [String: String] = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public var isSuccess: Bool { (200..<300).contains(status) }

    public func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }

    /// How long the server asked to wait, from `Retry-After` given as delay-seconds or as
    /// an HTTP-date (a date in the past gives zero); nil when absent or malformed.
    public func retryAfter(now: Date = Date()) -> Duration? {
        guard let raw = header("retry-after")?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else {
            return nil
        }
        if raw.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            return Int64(raw).map { .seconds($0) } ?? .seconds(Int64.max)
        }
        guard let date = HTTPDate.parse(raw, now: now) else { return nil }
        let delay = date.timeIntervalSince(now)
        return delay > 0 ? .milliseconds(Int64((delay * 1000).rounded(.up))) : .zero
    }
}

/// Why a request got no HTTP response at all, split by what a retry policy needs to know:
/// a timeout or a broken connection is worth retrying, an invalid request is not.
public enum HTTPTransportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The request cannot be sent as given (bad header, unsupported URL scheme, malformed URL).
    case invalidRequest(String)
    /// The connect timeout or the total timeout elapsed.
    case timedOut(String)
    /// Refused, unresolvable, reset, closed mid-request or closed without any reply.
    case connectionFailed(code: Int, message: String)
    /// Any other libcurl failure (TLS, protocol, resources), with libcurl's code and message.
    case transferFailed(code: Int, message: String)

    public var message: String {
        switch self {
        case .invalidRequest(let message), .timedOut(let message),
             .connectionFailed(_, let message), .transferFailed(_, let message):
            message
        }
    }

    public var description: String {
        switch self {
        case .invalidRequest(let message): "invalid request: \(message)"
        case .timedOut(let message): "timed out: \(message)"
        case .connectionFailed(let code, let message): "connection failed (curl \(code)): \(message)"
        case .transferFailed(let code, let message): "transfer failed (curl \(code)): \(message)"
        }
    }
}

/// Anything that can perform one HTTP exchange synchronously; lets the outbox worker run
/// against a fake in tests and against ``CurlHTTPClient`` in production.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) throws(HTTPTransportError) -> HTTPResponse
}

/// Parses the three HTTP-date forms of RFC 9110 §5.6.7, which recipients must all accept,
/// without locale-dependent date formatters.
enum HTTPDate {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun",
                                 "jul", "aug", "sep", "oct", "nov", "dec"]

    static func parse(_ text: String, now: Date) -> Date? {
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "-" }).map(String.init)
        guard let first = tokens.first, first.allSatisfy(\.isLetter) else { return nil }
        let fields = Array(tokens.dropFirst())
        let day: Int?, month: Int?, year: Int?, time: String
        switch fields.count {
        case 5 where fields[4] == "GMT":
            (day, month, time) = (Int(fields[0]), monthNumber(fields[1]), fields[3])
            year = fields[2].count == 2 ? Int(fields[2]).map { fullYear(twoDigits: $0, now: now) } : Int(fields[2])
        case 4:
            (month, day, time, year) = (monthNumber(fields[0]), Int(fields[1]), fields[2], Int(fields[3]))
        default:
            return nil
        }
        let clock = time.split(separator: ":").compactMap { Int($0) }
        guard let day, let month, let year, clock.count == 3, (1...31).contains(day),
              (0...23).contains(clock[0]), (0...59).contains(clock[1]), (0...60).contains(clock[2])
        else { return nil }
        let days = daysSinceEpoch(year: year, month: month, day: day)
        let seconds = days * 86_400 + clock[0] * 3_600 + clock[1] * 60 + clock[2]
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    private static func monthNumber(_ name: String) -> Int? {
        months.firstIndex(of: name.lowercased()).map { $0 + 1 }
    }

    /// RFC 9110: a two-digit year more than 50 years ahead means the past century.
    private static func fullYear(twoDigits: Int, now: Date) -> Int {
        let currentYear = 1970 + Int(now.timeIntervalSince1970 / 31_556_952)
        let candidate = currentYear - currentYear % 100 + twoDigits
        return candidate > currentYear + 50 ? candidate - 100 : candidate
    }

    /// Howard Hinnant's days_from_civil for the proleptic Gregorian calendar.
    private static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
