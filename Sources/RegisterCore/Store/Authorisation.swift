/// A write refused because of who asked, not because of what was asked: the role
/// may not do this at all, or a recorder asked about a meeting none of its
/// officials takes part in. Nothing was changed.
public struct NotPermitted: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    init(_ message: String) { self.message = message }

    public var description: String { message }
}

/// Who may write what (DESIGN, "Who may do what"): a recorder records, edits,
/// publishes and corrects the meetings of the officials it acts for; a registrar
/// keeps the catalogue, the grounds, the endpoints and the settings and may change
/// any meeting; an auditor changes nothing; an admin does everything.
extension Principal {
    /// The register's own keeping: the catalogue, the grounds, endpoints, settings,
    /// withdrawals, redactions and releases.
    public func requireRegistrar(_ action: String) throws(NotPermitted) {
        switch role {
        case .registrar, .admin: return
        case .recorder, .auditor: throw NotPermitted("a \(role.rawValue) may not \(action); that is the registrar's")
        }
    }

    /// Recording, editing, publishing or correcting a meeting whose participants are
    /// `participants` (each list given must include one of a recorder's officials).
    func requireMeetingWriter(_ action: String, participants: [Int64]...) throws(NotPermitted) {
        switch role {
        case .registrar, .admin: return
        case .auditor: throw NotPermitted("an auditor reads everything and may not \(action)")
        case .recorder:
            let ids = officials.sorted().map(String.init).joined(separator: ", ")
            for list in participants where !list.contains(where: officials.contains) {
                throw NotPermitted(officials.isEmpty
                    ? "this recorder acts for no official, so it may not \(action) any meeting"
                    : "a recorder may \(action) only a meeting in which one of its officials (\(ids)) takes part")
            }
        }
    }

    /// Refused before anything is read: a role that may write no meeting at all.
    public func requireMayWriteMeetings(_ action: String) throws(NotPermitted) {
        if role == .auditor { throw NotPermitted("an auditor reads everything and may not \(action)") }
    }
}
