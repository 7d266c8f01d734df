/// Which state of a meeting an edit or a correction was based on: the ledger position
/// of the meeting's latest change when the writer read it. Every change to a meeting
/// moves it, drafts included, so two people editing at once cannot overwrite each
/// other unseen: the second is refused with `StaleRevision`.
public struct MeetingRevision: Sendable, Hashable, CustomStringConvertible {
    public let sequence: Int64

    public init(_ sequence: Int64) { self.sequence = sequence }

    public var description: String { String(sequence) }

    func check(against stored: StoredMeeting) throws(StaleRevision) {
        if stored.revision != self { throw StaleRevision(meeting: stored.id, given: self, current: stored.revision) }
    }
}

/// An edit based on a state of the meeting that someone has changed since. Nothing
/// was changed; read the meeting again and redo the edit on what it is now.
public struct StaleRevision: Error, Sendable, Equatable, CustomStringConvertible {
    public let meeting: Int64
    public let given: MeetingRevision
    public let current: MeetingRevision

    public var description: String {
        "meeting \(meeting) was changed since revision \(given) (it is at revision \(current) now); read it again and redo the change"
    }
}
