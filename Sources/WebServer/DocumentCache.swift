import Foundation
import NIOCore
import RegisterCore
import Synchronization

/// A rendered document as the server sends it: its bytes (shared by every response
/// that sends them, not copied), their entity tag and the time of its newest change
/// with its HTTP date, both computed once, at rendering.
struct CachedDocument: Sendable {
    let body: ByteBuffer
    let etag: String
    let lastModified: Date?
    let lastModifiedHeader: String?

    /// The HTTP status the document is sent with (a withdrawn meeting's page is 410).
    let status: Int

    init(bytes: [UInt8], lastModified: Date?) {
        body = ByteBuffer(bytes: bytes)
        etag = "\"\(ConditionalResponse.fingerprint(bytes))\""
        self.lastModified = lastModified
        lastModifiedHeader = lastModified.map(ConditionalResponse.httpDate)
        status = 200
        layout = nil
    }

    /// Where a public page's header and footer are, for a signed-in reader's copy.
    let layout: LayoutSlots?

    /// A page: its entity tag made from what it depends on, not from its bytes.
    init(page body: ByteBuffer, etag: String, status: Int, layout: LayoutSlots? = nil) {
        self.body = body
        self.etag = etag
        lastModified = nil
        lastModifiedHeader = nil
        self.status = status
        self.layout = layout
    }
}

/// What a document rendered from the register depends on: the ledger head (every
/// change, redactions included, moves it) and the settings, which are kept outside
/// the ledger (a new base URL changes every link).
struct RegisterVersion: Sendable, Equatable {
    let sequence: Int64
    let hash: String
    let settings: RegisterSettings
    /// A hash of every setting, for the ETags; made once per version.
    let settingsFingerprint: String

    init(_ snapshot: RegisterSnapshot) throws {
        let head = try snapshot.ledgerHead()
        sequence = head.sequence
        hash = head.hash
        settings = try snapshot.settings()
        settingsFingerprint = Self.fingerprint(settings)
    }

    static func fingerprint(_ settings: RegisterSettings) -> String {
        ConditionalResponse.fingerprint(Array(settings.values.joined(separator: "\u{0}").utf8))
    }
}

/// Rendered documents shared by all requests, kept while the register is unchanged,
/// so that a repeated GET or a conditional one costs two indexed reads and no
/// rendering. Only documents of the newest version seen are kept; they are bounded by
/// their total size, least recently used first out. Concurrent requests for a
/// document being rendered wait for that one rendering.
final class DocumentCache: Sendable {
    /// A document and the version of the register it was rendered from.
    struct Rendered: Sendable {
        let version: RegisterVersion
        let document: CachedDocument?
    }

    private struct Entry {
        let document: CachedDocument
        var lastUse: UInt64
    }

    private struct State {
        var version: RegisterVersion?
        var entries: [String: Entry] = [:]
        var bytes = 0
        var clock: UInt64 = 0
        var inFlight: [String: Task<Rendered, any Error>] = [:]
        var renders = 0
    }

    /// The most bytes kept; a document larger than a quarter of it is not kept.
    let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int = 64 << 20) {
        self.capacity = capacity
    }

    /// How many times a document has been rendered through this cache.
    var renderCount: Int { state.withLock { $0.renders } }

    /// The document under `key` at `version`, from the cache if it was rendered at that
    /// version, otherwise from `render`, which reads the register once and says which
    /// version it read (the register may have moved on since `version` was read). Nil
    /// (no such document) is not kept.
    func document(_ key: String, at version: RegisterVersion,
                  render: @escaping @Sendable () async throws -> Rendered) async throws -> CachedDocument? {
        enum Lookup { case hit(CachedDocument), wait(Task<Rendered, any Error>) }
        let lookup: Lookup = state.withLock { state in
            if state.version == version, var entry = state.entries[key] {
                state.clock += 1
                entry.lastUse = state.clock
                state.entries[key] = entry
                return .hit(entry.document)
            }
            let flightKey = Self.flightKey(key, version)
            if let task = state.inFlight[flightKey] { return .wait(task) }
            state.renders += 1
            let task = Task { try await render() }
            state.inFlight[flightKey] = task
            return .wait(task)
        }
        switch lookup {
        case .hit(let document):
            return document
        case .wait(let task):
            let result = await task.result
            state.withLock { state in
                state.inFlight[Self.flightKey(key, version)] = nil
                if case .success(let rendered) = result, let document = rendered.document {
                    keep(document, under: key, at: rendered.version, in: &state)
                }
            }
            return try result.get().document
        }
    }

    private static func flightKey(_ key: String, _ version: RegisterVersion) -> String {
        "\(version.sequence) \(version.hash) \(key)"
    }

    private func keep(_ document: CachedDocument, under key: String, at version: RegisterVersion, in state: inout State) {
        if state.version != version {
            // A document of an older version than those kept is of no use; a newer one makes them all stale.
            if let kept = state.version, kept.sequence > version.sequence { return }
            state.version = version
            state.entries = [:]
            state.bytes = 0
        }
        guard document.body.readableBytes <= capacity / 4 else { return }
        if let old = state.entries[key] { state.bytes -= old.document.body.readableBytes }
        state.clock += 1
        state.entries[key] = Entry(document: document, lastUse: state.clock)
        state.bytes += document.body.readableBytes
        guard state.bytes > capacity else { return }
        // The least recently used go until a quarter of the capacity is free, in one
        // sort: evicting one at a time scanned every entry for each, under the lock
        // every request takes, which with thousands of small pages kept cost more
        // than building the page.
        for (key, entry) in state.entries.sorted(by: { $0.value.lastUse < $1.value.lastUse }) {
            guard state.bytes > capacity / 4 * 3 else { break }
            state.entries[key] = nil
            state.bytes -= entry.document.body.readableBytes
        }
    }
}
