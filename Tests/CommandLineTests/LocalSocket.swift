import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A plain TCP socket on 127.0.0.1, for talking to `insyn serve` as a client would
/// (or holding a port), with every read bounded so that a test cannot hang.
final class LocalSocket {
    let fd: Int32

    private init(fd: Int32) { self.fd = fd }

    deinit { close(fd) }

    /// A socket listening on a free port chosen by the system.
    static func listening() throws -> (LocalSocket, port: Int) {
        let socket = LocalSocket(fd: Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0))
        var address = Self.address(port: 0)
        try check(withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(socket.fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }, "bind")
        try check(listen(socket.fd, 8), "listen")
        var bound = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        try check(withUnsafeMutablePointer(to: &bound) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            getsockname(socket.fd, $0, &length) } }, "getsockname")
        return (socket, Int(UInt16(bigEndian: bound.sin_port)))
    }

    /// A free port: one the system chose and that is released again.
    static func freePort() throws -> Int {
        try listening().port
    }

    /// Connects to `port`; each later read waits at most `readTimeout` seconds.
    static func connect(port: Int, readTimeout: Int = 20) throws -> LocalSocket {
        let socket = LocalSocket(fd: Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0))
        var timeout = timeval(tv_sec: readTimeout, tv_usec: 0)
        try check(setsockopt(socket.fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size)), "setsockopt")
        var address = Self.address(port: port)
        try check(withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            Glibc.connect(socket.fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }, "connect")
        return socket
    }

    /// The next connection to this listening socket; its reads wait at most `readTimeout` seconds.
    func accept(readTimeout: Int = 20) throws -> LocalSocket {
        let connection = Glibc.accept(fd, nil, nil)
        guard connection >= 0 else { throw SocketFailure(description: "accept failed: errno \(errno)") }
        var timeout = timeval(tv_sec: readTimeout, tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return LocalSocket(fd: connection)
    }

    /// Reads until a whole request head has come (not its body); returns the head.
    func readRequestHead() throws -> String {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while received.firstRange(of: Array("\r\n\r\n".utf8)) == nil {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { throw SocketFailure(description: "the connection ended before a request head came") }
            received += buffer[0..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }

    func send(_ text: String) throws {
        try send(bytes: Array(text.utf8))
    }

    func send(bytes: [UInt8]) throws {
        try check(bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) == $0.count ? 0 : -1 }, "send")
    }

    /// A response's head if the peer has begun to send one, else "" at once.
    func readHeadIfReady() throws -> String {
        var probe: UInt8 = 0
        let count = recv(fd, &probe, 1, Int32(MSG_PEEK | MSG_DONTWAIT))
        return count > 0 ? try readHead() : ""
    }

    /// What the peer sends until the end of a response's head (a blank line), or until it closes.
    func readHead() throws -> String {
        var received: [UInt8] = []
        var byte: UInt8 = 0
        while !received.reversed().starts(with: Array("\n\r\n\r".utf8)) {
            let count = recv(fd, &byte, 1, 0)
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw SocketFailure(description: errno == EAGAIN ? "the server sent no answer" : "recv failed: errno \(errno)")
            }
            received.append(byte)
        }
        return String(decoding: received, as: UTF8.self)
    }

    /// Everything the peer sends until it closes the connection; throws if it stays
    /// silent and open longer than the read timeout.
    func readToEnd() throws -> [UInt8] {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count == 0 { return received }
            if count < 0 {
                if errno == EINTR { continue }
                throw SocketFailure(description: errno == EAGAIN ? "the server kept the connection open" : "recv failed: errno \(errno)")
            }
            received += buffer[0..<count]
        }
    }

    /// One GET with `Connection: close`, returning the whole response as text.
    static func get(_ path: String, port: Int) throws -> String {
        let socket = try connect(port: port)
        try socket.send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        return String(decoding: try socket.readToEnd(), as: UTF8.self)
    }

    private static func address(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    private static func check(_ result: Int32, _ operation: String) throws {
        if result != 0 { throw SocketFailure(description: "\(operation) failed: errno \(errno)") }
    }

    private func check(_ result: Int32, _ operation: String) throws {
        try Self.check(result, operation)
    }
}

struct SocketFailure: Error, CustomStringConvertible {
    let description: String
}
