import Foundation
import GRDB

/// One change of a meeting as the auditor sees it: when, what kind, who made it
/// (opened from the ledger's commitment), the reason, the record's data as it stood
/// after it (every commitment opened, confidential values included) and the members
/// of that data that differ from the version before.
public struct AuditedChange: Sendable, Equatable {
    public struct Actor: Sendable, Equatable {
        public var kind: String
        public var role: String
        public var id: Int64?
        public var name: String?
    }

    /// A member of the record whose value changed: nil for a member absent on that side.
    public struct Difference: Sendable, Equatable {
        public var member: String
        public var old: JSONValue?
        public var new: JSONValue?
    }

    public var sequence: Int64
    public var at: Date?
    public var type: String
    public var actor: Actor?
    public var reason: String?
    public var data: JSONValue
    public var differences: [Difference]
}

/// The result of verifying the stored ledger: how far it verified, the stored head,
/// and the first failure.
public struct LedgerCheck: Sendable, Equatable {
    public var checked: Int64
    public var verifiedHash: String
    public var storedHead: LedgerHead
    public var failure: String?

    public var isIntact: Bool { failure == nil && checked == storedHead.sequence && verifiedHash == storedHead.hash }
}

extension RegisterSnapshot {
    /// Every change of meeting `id` in ledger order, opened in the auditor's view (the
    /// one `insyn ledger export --view auditor` writes). Empty for an unused id.
    public func auditedChanges(ofMeeting id: Int64) throws -> [AuditedChange] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT \(Register.entryColumns) FROM change WHERE entity = 'meeting' AND entity_id = ? ORDER BY seq
            """, arguments: [id])
        var previous: JSONValue?
        return try rows.map { row in
            let entry = try Register.entry(row)
            let data = entry.openedData()
            let reason = entry.openings[JSONPointer(["reason"])]?.value.stringValue
            var actor: AuditedChange.Actor?
            if let kind = entry.body["actor"]?["kind"]?.stringValue, let role = entry.body["actor"]?["role"]?.stringValue {
                let who = entry.openings[JSONPointer(["actor", "who"])]?.value
                actor = .init(kind: kind, role: role, id: who?["id"]?.intValue, name: who?["name"]?.stringValue)
            }
            let change = AuditedChange(sequence: entry.sequence, at: entry.at, type: entry.type, actor: actor, reason: reason,
                                       data: data, differences: Self.differences(previous, data))
            previous = data
            return change
        }
    }

    private static func differences(_ old: JSONValue?, _ new: JSONValue) -> [AuditedChange.Difference] {
        guard case .object(let newMembers) = new else { return [] }
        let oldMembers: JSONObject
        if case .object(let members)? = old { oldMembers = members } else { oldMembers = JSONObject() }
        let names = Set(newMembers.keys).union(oldMembers.keys).sorted()
        return names.compactMap { name in
            let before = oldMembers[name], after = newMembers[name]
            guard before.map(CanonicalJSON.string) != after.map(CanonicalJSON.string) else { return nil }
            return .init(member: name, old: before, new: after)
        }
    }

    /// Recomputes the stored chain and every opening (the auditor's view), calling
    /// `progress` with the number checked after every `every` changes.
    public func checkLedger(every: Int64 = 50_000, progress: (Int64) -> Void = { _ in }) throws -> LedgerCheck {
        let head = try ledgerHead()
        var verifier = LedgerVerifier(view: .auditor)
        var failure: String?
        do {
            try forEachLedgerEntry { entry in
                try verifier.check(entry)
                if verifier.count % every == 0 { progress(verifier.count) }
            }
        } catch let error as LedgerFailure {
            failure = error.description
        }
        if failure == nil, verifier.count != head.sequence || verifier.headHash != head.hash {
            failure = "the chain ends at change \(verifier.count) (\(verifier.headHash)), not at the stored head \(head.sequence) (\(head.hash))"
        }
        return LedgerCheck(checked: verifier.count, verifiedHash: verifier.headHash, storedHead: head, failure: failure)
    }

    /// The access log, newest first: at most `limit` entries before entry `before` (all when nil).
    public func accessLog(before: Int64?, limit: Int) throws -> [AccessLogEntry] {
        try Row.fetchAll(db, sql: "SELECT * FROM access_log WHERE id < ? ORDER BY id DESC LIMIT ?",
                         arguments: [before ?? Int64.max, limit]).map(AccessLogEntry.init)
    }

    /// Every meeting's full record, drafts included, the latest changed first: the auditor's list.
    public func storedMeetings(limit: Int) throws -> [StoredMeeting] {
        try Row.fetchAll(db, sql: "SELECT * FROM meeting_record ORDER BY updated_seq DESC LIMIT ?", arguments: [limit])
            .map(StoredMeeting.init(row:))
    }

    /// One meeting's full record (nil for an unused id).
    public func storedMeeting(_ id: Int64) throws -> StoredMeeting? {
        try Row.fetchOne(db, sql: "SELECT * FROM meeting_record WHERE id = ?", arguments: [id]).map(StoredMeeting.init(row:))
    }
}
