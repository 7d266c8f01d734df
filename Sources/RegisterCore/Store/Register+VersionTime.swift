import Foundation

extension Register {
    /// The `updated` time of a meeting's next public version: now, or one second after
    /// the previous version when now would not be later in the whole seconds the
    /// register stores, so that each version of a feed entry has a later `updated`.
    static func versionTime(_ now: Date, after previous: Date) -> Date {
        max(now, Date(timeIntervalSince1970: previous.timeIntervalSince1970.rounded(.down) + 1))
    }
}
