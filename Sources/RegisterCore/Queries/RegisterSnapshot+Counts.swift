import Foundation
import GRDB

/// How many public records the register holds: what the API's head reports beside
/// the ledger position, so a mirror can check that it holds as many.
public struct PublicCounts: Sendable, Equatable {
    public var publishedMeetings: Int
    public var withdrawnMeetings: Int
    public var units: Int
    public var officials: Int
    public var organisations: Int
    public var issues: Int
    public var publicChanges: Int
}

extension RegisterSnapshot {
    public func publicCounts() throws -> PublicCounts {
        func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? 0 }
        return PublicCounts(
            publishedMeetings: try count("SELECT COUNT(*) FROM meeting WHERE status = 'published'"),
            withdrawnMeetings: try count("SELECT COUNT(*) FROM meeting WHERE status = 'withdrawn'"),
            units: try count("SELECT COUNT(*) FROM unit"),
            officials: try count("SELECT COUNT(*) FROM official"),
            organisations: try count("SELECT COUNT(*) FROM organisation"),
            issues: try count("SELECT COUNT(*) FROM issue"),
            publicChanges: try count("SELECT COUNT(*) FROM change WHERE public = 1"))
    }
}
