import Foundation
import RegisterCore

/// The whole public register as one JSON document (described by
/// `Data/schema/register.schema.json`), written as a stream so that memory stays
/// flat however many meetings there are. Everything is read in one read transaction,
/// so the ledger head in the document is the state its records show. Every record
/// is written by `PublicJSON`, the one JSON form of the public records.
public struct RegisterJSONExport {
    public var filter: MeetingFilter
    /// The document's `generatedAt`; nil for the time of the ledger head it shows, so
    /// that the same state of the register always exports to the same bytes (the
    /// command line's file and the server's download alike).
    public var generatedAt: Date?

    public init(filter: MeetingFilter = .all, generatedAt: Date? = nil) {
        self.filter = filter
        self.generatedAt = generatedAt
    }

    /// What an export wrote: the ledger head it carries and how many meetings.
    public struct Summary: Sendable, Equatable {
        public var head: LedgerHead
        public var meetings: Int
    }

    /// Writes the document to `sink` and finishes the sink.
    @discardableResult
    public func write(_ register: Register, to sink: any ByteSink) throws -> Summary {
        try register.read { snapshot in try write(snapshot, to: sink) }
    }

    @discardableResult
    public func write(_ snapshot: RegisterSnapshot, to sink: any ByteSink) throws -> Summary {
        let settings = try snapshot.settings()
        let publication = Publication(settings: settings)
        let records = PublicJSON(publication)
        let head = try snapshot.ledgerHead()
        let json = JSONStreamWriter(sink)
        try json.beginObject()
        try json.field("$schema", publication.registerSchemaURL)
        try json.field("register", settings.bodyName)
        try json.field("generatedAt", Timestamp.format(generatedAt ?? head.at ?? Date(timeIntervalSince1970: 0)))
        try json.key("licence")
        try json.beginObject()
        try json.field("name", settings.licenceName)
        try json.field("url", settings.licenceURL)
        try json.endObject()
        try json.key("ledger")
        try json.beginObject()
        try json.field("sequence", head.sequence)
        try json.field("hash", head.hash)
        try json.endObject()
        try json.key("feeds")
        try json.beginObject()
        try json.field("main", publication.feedURL(.all))
        try json.field("archive", publication.feedURLTemplate(.archive))
        try json.field("issue", publication.feedURLTemplate(.issue))
        try json.field("official", publication.feedURLTemplate(.official))
        try json.field("organisation", publication.feedURLTemplate(.organisation))
        try json.endObject()
        try array("units", try snapshot.units(), json) { try records.unit($0, to: json) }
        try array("officials", try snapshot.officials(), json) { try records.official($0, to: json) }
        try array("organisations", try snapshot.organisations(), json) { try records.organisation($0, to: json) }
        try array("issues", try snapshot.issues(), json) { try records.issue($0, to: json) }
        var meetings = 0
        try json.key("meetings")
        try json.beginArray()
        try snapshot.forEachPublicMeeting(filter, order: .id) { meeting in
            try records.meeting(meeting, to: json)
            meetings += 1
        }
        try json.endArray()
        try json.endObject()
        try json.finish()
        return Summary(head: head, meetings: meetings)
    }

    private func array<T>(_ key: String, _ items: [T], _ json: JSONStreamWriter, _ write: (T) throws -> Void) throws {
        try json.key(key)
        try json.beginArray()
        for item in items { try write(item) }
        try json.endArray()
    }
}
