import Foundation

/// One HTTP/1.1 answer as a client sees it.
struct HTTPAnswer {
    var status: Int
    var head: String
    var body: String

    func header(_ name: String) -> String? {
        head.split(separator: "\r\n").first { $0.lowercased().hasPrefix(name.lowercased() + ":") }
            .map { $0.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces) }
    }
}

extension LocalSocket {
    /// One request with `Connection: close`; throws if the connection fails or closes
    /// before a whole answer came (a server killed mid-request).
    static func request(_ method: String, _ path: String, port: Int, headers: [String: String] = [:], body: String? = nil,
                        readTimeout: Int = 20) throws -> HTTPAnswer {
        let socket = try connect(port: port, readTimeout: readTimeout)
        var text = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        if let body { text += "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n" }
        text += "\r\n" + (body ?? "")
        try socket.send(text)
        return try parse(String(decoding: try socket.readToEnd(), as: UTF8.self))
    }

    static func parse(_ response: String) throws -> HTTPAnswer {
        guard let end = response.range(of: "\r\n\r\n"), response.hasPrefix("HTTP/1.1 "),
              let status = Int(response.dropFirst(9).prefix(3)) else {
            throw SocketFailure(description: "no whole HTTP answer: \(response.prefix(200))")
        }
        let head = String(response[..<end.lowerBound])
        var body = String(response[end.upperBound...])
        let answer = HTTPAnswer(status: status, head: head, body: body)
        if let length = answer.header("Content-Length").flatMap(Int.init), body.utf8.count < length {
            throw SocketFailure(description: "the answer's body was cut short")
        }
        if answer.header("Transfer-Encoding") == "chunked" {
            guard body.hasSuffix("0\r\n\r\n") else { throw SocketFailure(description: "the chunked body was cut short") }
            body = dechunked(body)
        }
        return HTTPAnswer(status: status, head: head, body: body)
    }

    private static func dechunked(_ body: String) -> String {
        var bytes = Array(body.utf8)[...]
        var out: [UInt8] = []
        while let lineEnd = bytes.firstRange(of: [0x0D, 0x0A]),
              let size = Int(String(decoding: bytes[..<lineEnd.lowerBound], as: UTF8.self), radix: 16), size > 0 {
            let start = lineEnd.upperBound
            out += bytes[start..<start + size]
            bytes = bytes[(start + size + 2)...]
        }
        return String(decoding: out, as: UTF8.self)
    }
}
