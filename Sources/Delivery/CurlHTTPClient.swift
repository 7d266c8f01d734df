import CCurl
import Foundation

/// libcurl's process-wide setup, run once on first use; Swift initialises globals lazily
/// and atomically, which is the thread safety `curl_global_init` lacks.
private let curlGlobalInitCode: UInt32 = insyn_curl_global_init_default().rawValue

/// The HTTP client for push delivery, over libcurl so that TLS, timeouts and connection
/// reuse are under our control (FoundationNetworking's URLSession is not).
///
/// One easy handle in one multi handle serves every request, so successive requests to
/// the same endpoint reuse a kept-alive connection. `send` blocks the calling thread for
/// up to the total timeout, but can hand the waits to a caller's work (preparing the next
/// request); an internal lock serialises callers, so one client belongs to one worker.
public final class CurlHTTPClient: HTTPTransport, @unchecked Sendable {
    /// Limits and identity applied to every request of a client.
    public struct Configuration: Sendable {
        public var connectTimeout: Duration
        /// Bounds the whole exchange, connection included.
        public var timeout: Duration
        public var userAgent: String
        /// Response bytes kept beyond this are dropped; the transfer still completes.
        public var maxResponseBodyBytes: Int
        /// A PEM bundle replacing the system trust store, e.g. for an internal CA.
        public var caBundlePath: String?

        public init(
            connectTimeout: Duration = .seconds(10),
            timeout: Duration = .seconds(30),
            userAgent: String = CurlHTTPClient.defaultUserAgent,
            maxResponseBodyBytes: Int = 1 << 20,
            caBundlePath: String? = nil
        ) {
            self.connectTimeout = connectTimeout
            self.timeout = timeout
            self.userAgent = userAgent
            self.maxResponseBodyBytes = maxResponseBodyBytes
            self.caBundlePath = caBundlePath
        }
    }

    public static let defaultUserAgent = "Insyn/0.1 (+https://github.com/insyn; lobbying register push)"

    public let configuration: Configuration
    private let lock = NSLock()
    private var handle: UnsafeMutableRawPointer?
    private var multi: UnsafeMutableRawPointer?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var openedConnections = 0

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        if let handle { curl_easy_cleanup(handle) }
        if let multi { curl_multi_cleanup(multi) }
        errorBuffer.deallocate()
    }

    /// New connections opened so far; stays at 1 while an endpoint keeps its connection alive.
    public var connectionsOpened: Int {
        lock.lock()
        defer { lock.unlock() }
        return openedConnections
    }

    public func send(_ request: HTTPRequest) throws(HTTPTransportError) -> HTTPResponse {
        try send(request, whileWaiting: { false })
    }

    /// Sends `request`, calling `work` while the answer is awaited instead of sleeping:
    /// again and again while it returns true, then, once it returns false, at least every
    /// `recheck`. Each call should take much less than a round trip, since the answer is
    /// only read between calls.
    public func send(_ request: HTTPRequest, recheck: Duration = .milliseconds(5),
                     whileWaiting work: () -> Bool) throws(HTTPTransportError) -> HTTPResponse {
        let headerLines = try Self.headerLines(for: request)
        guard !request.url.utf8.contains(where: { $0 == 0 || $0 == 10 || $0 == 13 }) else {
            throw .invalidRequest("URL contains a control character")
        }
        lock.lock()
        defer { lock.unlock() }
        let (easy, multi) = try handles()
        curl_easy_reset(easy)
        errorBuffer[0] = 0

        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headerList) }
        for line in headerLines {
            guard let extended = curl_slist_append(headerList, line) else {
                throw .transferFailed(code: Int(CURLE_OUT_OF_MEMORY.rawValue), message: "cannot build header list")
            }
            headerList = extended
        }

        let response = ResponseAccumulator(maxBodyBytes: configuration.maxResponseBodyBytes)
        let context = Unmanaged.passUnretained(response).toOpaque()
        try configure(easy, request: request, headerList: headerList, context: context)

        let carriesBody = request.method != .head
            && (!request.body.isEmpty || [.post, .put, .patch].contains(request.method))
        let payload = request.body.isEmpty ? [0] : request.body
        let code = withExtendedLifetime(response) {
            payload.withUnsafeBytes { bytes -> CURLcode in
                if carriesBody {
                    let sized = insyn_curl_setopt_off(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.count))
                    guard sized == CURLE_OK else { return sized }
                    let pointed = insyn_curl_setopt_ptr(easy, CURLOPT_POSTFIELDS, bytes.baseAddress)
                    guard pointed == CURLE_OK else { return pointed }
                }
                return perform(easy, in: multi, recheck: recheck, whileWaiting: work)
            }
        }

        var connects = 0
        if insyn_curl_getinfo_long(easy, CURLINFO_NUM_CONNECTS, &connects) == CURLE_OK {
            openedConnections += connects
        }
        guard code == CURLE_OK else { throw error(for: code) }

        var status = 0
        _ = insyn_curl_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        return HTTPResponse(status: status, headers: response.headers, body: response.body)
    }

    private func handles() throws(HTTPTransportError) -> (easy: UnsafeMutableRawPointer, multi: UnsafeMutableRawPointer) {
        if let handle, let multi { return (handle, multi) }
        guard curlGlobalInitCode == CURLE_OK.rawValue else {
            throw .transferFailed(code: Int(curlGlobalInitCode), message: "curl_global_init failed")
        }
        guard let easy = curl_easy_init(), let multi = curl_multi_init() else {
            throw .transferFailed(code: Int(CURLE_FAILED_INIT.rawValue), message: "curl_easy_init or curl_multi_init failed")
        }
        handle = easy
        self.multi = multi
        return (easy, multi)
    }

    /// Runs one transfer to its end through the multi interface, which keeps the
    /// connection cache, giving `work` the waits.
    private func perform(_ easy: UnsafeMutableRawPointer, in multi: UnsafeMutableRawPointer, recheck: Duration,
                         whileWaiting work: () -> Bool) -> CURLcode {
        guard curl_multi_add_handle(multi, easy) == CURLM_OK else { return CURLE_FAILED_INIT }
        defer { curl_multi_remove_handle(multi, easy) }
        let recheckMilliseconds = Self.milliseconds(recheck)
        var working = true
        while true {
            var running: Int32 = 0
            guard curl_multi_perform(multi, &running) == CURLM_OK else { return CURLE_FAILED_INIT }
            if running == 0 { break }
            if working {
                working = work()
                if working { continue }
            }
            var due = -1
            _ = curl_multi_timeout(multi, &due)
            let wait = due < 0 ? recheckMilliseconds : min(due, recheckMilliseconds)
            guard curl_multi_poll(multi, nil, 0, Int32(wait), nil) == CURLM_OK else { return CURLE_FAILED_INIT }
            working = true
        }
        var queued: Int32 = 0
        while let message = curl_multi_info_read(multi, &queued) {
            if message.pointee.msg == CURLMSG_DONE, message.pointee.easy_handle == easy {
                return message.pointee.data.result
            }
        }
        return CURLE_FAILED_INIT
    }

    private func configure(
        _ easy: UnsafeMutableRawPointer,
        request: HTTPRequest,
        headerList: UnsafeMutablePointer<curl_slist>?,
        context: UnsafeMutableRawPointer
    ) throws(HTTPTransportError) {
        func check(_ code: CURLcode) throws(HTTPTransportError) {
            guard code == CURLE_OK else { throw error(for: code) }
        }
        func set(_ option: CURLoption, _ value: Int) throws(HTTPTransportError) {
            try check(insyn_curl_setopt_long(easy, option, value))
        }
        func set(_ option: CURLoption, _ value: String) throws(HTTPTransportError) {
            try check(value.withCString { insyn_curl_setopt_ptr(easy, option, $0) })
        }

        try check(insyn_curl_setopt_ptr(easy, CURLOPT_ERRORBUFFER, errorBuffer))
        try set(CURLOPT_URL, request.url)
        try set(CURLOPT_PROTOCOLS_STR, "http,https")
        try set(CURLOPT_NOSIGNAL, 1)
        try set(CURLOPT_SSL_VERIFYPEER, 1)
        try set(CURLOPT_SSL_VERIFYHOST, 2)
        if let caBundlePath = configuration.caBundlePath {
            try set(CURLOPT_CAINFO, caBundlePath)
        }
        try set(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(configuration.connectTimeout))
        try set(CURLOPT_TIMEOUT_MS, Self.milliseconds(configuration.timeout))
        try set(CURLOPT_TCP_KEEPALIVE, 1)
        try set(CURLOPT_USERAGENT, configuration.userAgent)
        try check(insyn_curl_setopt_ptr(easy, CURLOPT_HTTPHEADER, headerList))

        switch request.method {
        case .head:
            try set(CURLOPT_NOBODY, 1)
        case .get where request.body.isEmpty:
            try set(CURLOPT_HTTPGET, 1)
        case .post:
            try set(CURLOPT_POST, 1)
        default:
            try set(CURLOPT_CUSTOMREQUEST, request.method.rawValue)
        }

        try check(insyn_curl_setopt_data_cb(easy, CURLOPT_WRITEFUNCTION) { data, size, count, context in
            let length = size * count
            guard let data, let context else { return length }
            Unmanaged<ResponseAccumulator>.fromOpaque(context).takeUnretainedValue()
                .appendBody(UnsafeRawBufferPointer(start: data, count: length))
            return length
        })
        try check(insyn_curl_setopt_ptr(easy, CURLOPT_WRITEDATA, context))
        try check(insyn_curl_setopt_data_cb(easy, CURLOPT_HEADERFUNCTION) { data, size, count, context in
            let length = size * count
            guard let data, let context else { return length }
            Unmanaged<ResponseAccumulator>.fromOpaque(context).takeUnretainedValue()
                .appendHeaderLine(UnsafeRawBufferPointer(start: data, count: length))
            return length
        })
        try check(insyn_curl_setopt_ptr(easy, CURLOPT_HEADERDATA, context))
    }

    /// Header lines in curl's syntax; curl's own defaults that would surprise a receiver
    /// (`Expect: 100-continue`, a form-urlencoded `Content-Type`) are suppressed.
    private static func headerLines(for request: HTTPRequest) throws(HTTPTransportError) -> [String] {
        var lines: [String] = []
        var names = Set<String>()
        for (name, value) in request.headers {
            guard !name.isEmpty, name.utf8.allSatisfy(isTokenByte) else {
                throw .invalidRequest("invalid header name \(name.debugDescription)")
            }
            guard !value.utf8.contains(where: { $0 == 0 || $0 == 10 || $0 == 13 }) else {
                throw .invalidRequest("header \(name) has a control character in its value")
            }
            names.insert(name.lowercased())
            lines.append(value.isEmpty ? "\(name);" : "\(name): \(value)")
        }
        if !names.contains("expect") { lines.append("Expect:") }
        if !names.contains("content-type") { lines.append("Content-Type:") }
        return lines
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        let total = seconds.multipliedReportingOverflow(by: 1000)
        guard !total.overflow else { return Int.max }
        return max(1, Int(total.partialValue + attoseconds / 1_000_000_000_000_000))
    }

    private func error(for code: CURLcode) -> HTTPTransportError {
        let message = errorBuffer[0] != 0
            ? String(cString: errorBuffer)
            : String(cString: curl_easy_strerror(code))
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            return .timedOut(message)
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY,
             CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE:
            return .connectionFailed(code: Int(code.rawValue), message: message)
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL:
            return .invalidRequest(message)
        default:
            return .transferFailed(code: Int(code.rawValue), message: message)
        }
    }
}

/// Collects what curl's C callbacks deliver during one transfer; reached from them
/// through an unretained pointer while `send` keeps it alive.
private final class ResponseAccumulator {
    let maxBodyBytes: Int
    var body: [UInt8] = []
    var headers: [String: String] = [:]
    private var lastHeaderName: String?

    init(maxBodyBytes: Int) {
        self.maxBodyBytes = maxBodyBytes
    }

    func appendBody(_ bytes: UnsafeRawBufferPointer) {
        let room = maxBodyBytes - body.count
        if room > 0 { body.append(contentsOf: bytes.prefix(room)) }
    }

    /// Each status line starts a new header block, so only the final response's headers
    /// remain after interim (1xx) responses. Works on the bytes: it runs for every
    /// header line of every delivery.
    func appendHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        let content = Self.trimmed(bytes[...], dropping: [0x0A, 0x0D])
        guard let first = content.first else { return }
        if content.starts(with: "HTTP/".utf8) {
            headers = [:]
            lastHeaderName = nil
        } else if first == 0x20 || first == 0x09 {
            if let name = lastHeaderName, let previous = headers[name] {
                headers[name] = previous + " " + String(decoding: Self.trimmed(content, dropping: [0x20, 0x09]), as: UTF8.self)
            }
        } else if let colon = content.firstIndex(of: UInt8(ascii: ":")) {
            let name = String(decoding: content[..<colon].map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }, as: UTF8.self)
            let value = String(decoding: Self.trimmed(content[(colon + 1)...], dropping: [0x20, 0x09]), as: UTF8.self)
            headers[name] = headers[name].map { "\($0), \(value)" } ?? value
            lastHeaderName = name
        }
    }

    private static func trimmed(_ bytes: Slice<UnsafeRawBufferPointer>, dropping: [UInt8]) -> Slice<UnsafeRawBufferPointer> {
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, dropping.contains(bytes[start]) { start += 1 }
        while end > start, dropping.contains(bytes[end - 1]) { end -= 1 }
        return bytes[start..<end]
    }
}
