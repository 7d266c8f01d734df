import Foundation

/// A client of the write API in the test's own process (a second process beside the
/// server): records and publishes numbered meetings, each draft under its own
/// Idempotency-Key, and remembers which writes the server acknowledged with a 2xx.
final class MeetingWriter: @unchecked Sendable {
    let token: String
    private let lock = NSLock()
    private var ids: [Int: Int64] = [:]
    private var published: Set<Int> = []
    /// Retries that found the server had committed a write whose answer was lost.
    private var replays = 0

    init(token: String) { self.token = token }

    static func subject(_ number: Int) -> String { "Mätning \(number)" }

    var acknowledged: Set<Int> { lock.withLock { published } }
    var acknowledgedCount: Int { lock.withLock { published.count } }
    var replayCount: Int { lock.withLock { replays } }

    /// Records (or, on a retry, finds by its key) meeting `number` and publishes it;
    /// true once both were acknowledged. A connection that fails leaves it unacknowledged.
    @discardableResult
    func write(_ number: Int, port: Int) -> Bool {
        let headers = ["Authorization": "Bearer \(token)"]
        do {
            var id = lock.withLock { ids[number] }
            if id == nil {
                let answer = try LocalSocket.request("POST", "/api/v1/meetings", port: port,
                                                     headers: headers.merging(["Idempotency-Key": "meeting-\(number)"]) { a, _ in a },
                                                     body: Insyn.meeting(subject: Self.subject(number)))
                guard (200..<300).contains(answer.status), let found = Self.id(in: answer.body) else { return false }
                if answer.header("Idempotent-Replayed") == "true" { lock.withLock { replays += 1 } }
                id = found
                lock.withLock { ids[number] = found }
            }
            let answer = try LocalSocket.request("POST", "/api/v1/meetings/\(id!)/publish", port: port, headers: headers)
            // 409 "already published": a publish the server committed but whose answer was lost.
            guard (200..<300).contains(answer.status) || (answer.status == 409 && answer.body.contains("published")) else { return false }
            lock.withLock {
                published.insert(number)
                if answer.status == 409 { replays += 1 }
            }
            return true
        } catch {
            return false
        }
    }

    private static func id(in body: String) -> Int64? {
        guard let range = body.range(of: #""id":"#) else { return nil }
        return Int64(body[range.upperBound...].prefix { $0.isNumber })
    }
}
