import Foundation

/// A meeting of a batch made ready for the writer: its id, its stored record, and its
/// changes sealed for the places in the chain they will take.
struct SealedMeeting: Sendable {
    let id: Int64
    let record: String
    let recorded: Date
    /// The draft change; nil when the meeting enters the ledger published (`BatchForm.published`).
    let drafted: SealedChange?
    /// When published: the published change and the projection the public tables get.
    let published: (change: SealedChange, projection: PublicMeeting)?
}

/// How a batch's meetings enter the ledger.
enum BatchForm: Sendable {
    /// A `meeting.drafted` change each: the meetings stay drafts.
    case drafts
    /// A `meeting.drafted` change and then a `meeting.published` one each, exactly
    /// what recording and then publishing them one by one writes.
    case draftsThenPublished
    /// One `meeting.published` change each, with no draft before it (a publishing
    /// import: the meetings were never drafts in this register).
    case published

    var publishes: Bool { self != .drafts }
    var changesPerMeeting: Int64 { self == .draftsThenPublished ? 2 : 1 }
}

/// Seals a batch's meetings ahead of the writer. Nothing in a meeting's changes but
/// `prev` depends on the chain: the ids and sequence numbers they will take are known
/// from the first ones, so chunks of meetings are sealed on every core while the
/// writer links and stores the chunk before.
struct BatchSealing: Sendable {
    let meetings: [Meeting]
    let form: BatchForm
    let actor: Principal
    let actorsPublic: Bool
    let firstId: Int64
    let firstSequence: Int64

    /// Seals `meetings[range]` with their times, splitting the work across the cores.
    func seal(_ range: Range<Int>, times: [(recorded: Date, published: Date)]) -> [SealedMeeting] {
        let parts = min(ProcessInfo.processInfo.activeProcessorCount, max(1, range.count / 16))
        let results = PartResults<[SealedMeeting]>(count: parts)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let start = range.lowerBound + range.count * part / parts
            let end = range.lowerBound + range.count * (part + 1) / parts
            let salts = SaltSource()
            results.set(part, (start..<end).map { index in
                sealMeeting(index, times: times[index - range.lowerBound], salts: salts)
            })
        }
        return results.joined()
    }

    private func sealMeeting(_ index: Int, times: (recorded: Date, published: Date), salts: SaltSource) -> SealedMeeting {
        let meeting = meetings[index]
        let id = firstId + Int64(index)
        var sequence = firstSequence + form.changesPerMeeting * Int64(index)
        let full = meeting.ledgerValue
        var drafted: SealedChange?
        if form != .published {
            drafted = SealedChange(ChangeDraft(type: .meetingDrafted, entityId: id, actor: actor, data: full, secrets: [JSONPointer([])]),
                                   sequence: sequence, at: times.recorded, actorsPublic: actorsPublic, salts: salts)
            sequence += 1
        }
        // The stored record is the canonical form of the ledger data, which a draft commits to as a whole.
        let record = String(decoding: drafted?.committedData ?? CanonicalJSON.bytes(full), as: UTF8.self)
        var published: (SealedChange, PublicMeeting)?
        if form.publishes {
            let recordedAt = Timestamp.parse(Timestamp.format(times.recorded)) ?? times.recorded
            let projection = PublicMeeting(id: id, meeting: meeting, version: 1, recordedAt: recordedAt,
                                           publishedAt: times.published, updatedAt: times.published, correctionReason: nil)
            let draft = Register.publicChange(projection, meeting: meeting, full: full, type: .meetingPublished, reason: nil, by: actor)
            published = (SealedChange(draft, sequence: sequence, at: times.published, actorsPublic: actorsPublic, salts: salts), projection)
        }
        return SealedMeeting(id: id, record: record, recorded: times.recorded, drafted: drafted, published: published)
    }
}

/// The results of the parts of a `concurrentPerform`, each set once by its own part.
private final class PartResults<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var parts: [T?]

    init(count: Int) { parts = Array(repeating: nil, count: count) }

    func set(_ part: Int, _ value: T) {
        lock.lock()
        defer { lock.unlock() }
        parts[part] = value
    }

    func joined() -> [T.Element] where T: Sequence {
        lock.lock()
        defer { lock.unlock() }
        return parts.flatMap { $0.map(Array.init) ?? [] }
    }
}

/// Work started on another thread whose result is taken once, waiting for it if need be.
final class Prefetch<T: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: T?

    init(_ work: @escaping @Sendable () -> T) {
        DispatchQueue.global(qos: .userInitiated).async {
            self.result = work()
            self.done.signal()
        }
    }

    func wait() -> T {
        done.wait()
        return result!
    }
}
