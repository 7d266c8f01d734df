import RegisterCore
import Synchronization

/// The statistics already counted, while the ledger head (and the time zone months
/// are counted in) stays as it was: counting a million meetings takes far longer than
/// a page may, and the counts change only with the ledger. Holds the counts of the
/// latest head only, for at most `capacity` filters (the unfiltered page among them).
final class StatisticsCache: Sendable {
    struct Key: Hashable {
        let sequence: Int64
        let hash: String
        let timeZone: String
        let filter: StatisticsFilter
    }

    static let capacity = 64
    private let entries = Mutex<[Key: MeetingStatistics]>([:])

    /// The statistics of `filter` in `snapshot`, counted now or taken from an earlier count at the same head.
    func statistics(_ filter: StatisticsFilter, in snapshot: RegisterSnapshot) throws -> MeetingStatistics {
        let head = try snapshot.ledgerHead()
        let key = Key(sequence: head.sequence, hash: head.hash, timeZone: try snapshot.settings().timeZoneIdentifier, filter: filter)
        if let known = entries.withLock({ $0[key] }) { return known }
        let counted = try snapshot.meetingStatistics(filter)
        entries.withLock { entries in
            if entries.keys.contains(where: { $0.sequence != key.sequence || $0.hash != key.hash || $0.timeZone != key.timeZone })
                || entries.count >= Self.capacity {
                entries.removeAll()
            }
            entries[key] = counted
        }
        return counted
    }
}
