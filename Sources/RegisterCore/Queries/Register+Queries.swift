import Foundation
import GRDB

extension Register {
    /// Streams the public meetings matching `filter` inside one read transaction.
    public func forEachPublicMeeting(_ filter: MeetingFilter = .all, order: MeetingOrder = .id,
                                     _ body: (PublicMeeting) throws -> Void) throws {
        try writer.read { db in try PublicMeetingReader.forEach(filter, order: order, in: db, body) }
    }

    public func publicMeetings(_ filter: MeetingFilter = .all, order: MeetingOrder = .id) throws -> [PublicMeeting] {
        var meetings: [PublicMeeting] = []
        try forEachPublicMeeting(filter, order: order) { meetings.append($0) }
        return meetings
    }

    public func publicMeeting(_ id: Int64) throws -> PublicMeeting? {
        try writer.read { db in try PublicMeetingReader.fetch(ids: [id], in: db).first }
    }

    public func units() throws -> [PublicUnit] {
        try writer.read { db in try PublicCatalogueReader.units(db) }
    }

    public func officials() throws -> [PublicOfficial] {
        try writer.read { db in try PublicCatalogueReader.officials(db) }
    }

    public func organisations() throws -> [PublicOrganisation] {
        try writer.read { db in try PublicCatalogueReader.organisations(db) }
    }

    /// The personnummer of sole traders, by organisation id: the auditor's view only.
    public func soleTraderPersonnummer() throws -> [Int64: String] {
        try writer.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT * FROM organisation_private").map {
                ($0["organisation_id"] as Int64, $0["personnummer"] as String)
            })
        }
    }

    public func issues() throws -> [PublicIssue] {
        try writer.read { db in try PublicCatalogueReader.issues(db) }
    }

    /// Every meeting with its full record, drafts included: the registrar's and the
    /// auditor's listing, newest start first. Never for a public output.
    public func storedMeetings(_ filter: MeetingFilter = .all) throws -> [StoredMeeting] {
        var publicFilter = filter
        publicFilter.status = nil
        publicFilter.limit = nil
        let (all, matchingPublic) = try writer.read { db -> ([StoredMeeting], Set<Int64>?) in
            let records = try Row.fetchAll(db, sql: "SELECT * FROM meeting_record ORDER BY id").map(StoredMeeting.init(row:))
            guard filter.text != nil || filter.month != nil else { return (records, nil) }
            let (sql, arguments) = PublicMeetingReader.query(publicFilter)
            return (records, Set(try Int64.fetchAll(db, sql: "SELECT id FROM (\(sql))", arguments: arguments)))
        }
        let matching = all.filter { stored in
            let meeting = stored.meeting
            if let status = filter.status, stored.status != status { return false }
            if let from = filter.from, meeting.startsAt < from { return false }
            if let to = filter.to, meeting.startsAt >= to { return false }
            if let official = filter.official, !meeting.participants.contains(official) { return false }
            if let organisation = filter.organisation,
               !meeting.counterparts.contains(where: { $0.organisation == organisation || $0.onBehalfOf == organisation }) { return false }
            if let issue = filter.issue, !meeting.issues.contains(issue) { return false }
            if let matchingPublic, !matchingPublic.contains(stored.id) { return false }
            return true
        }.sorted { ($0.meeting.startsAt, $0.id) > ($1.meeting.startsAt, $1.id) }
        return filter.limit.map { Array(matching.prefix($0)) } ?? matching
    }

    public func storedMeeting(_ id: Int64) throws -> StoredMeeting {
        try writer.read { db in try StoredMeeting.fetch(id, in: db) }
    }
}
