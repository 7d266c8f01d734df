import Foundation
import RegisterCore

/// The JSON form of every public record and of a public change, written once and
/// used by the JSON export, the incremental export, push and the server. Built only
/// from the public projections, so it cannot contain a confidential value.
public struct PublicJSON {
    public let publication: Publication

    public init(_ publication: Publication) {
        self.publication = publication
    }

    public func meeting(_ meeting: PublicMeeting, to json: JSONStreamWriter) throws {
        try json.beginObject()
        try json.field("id", meeting.id)
        try json.field("uri", publication.tag("meeting", meeting.id))
        try json.field("url", publication.meetingPage(meeting.id))
        try json.field("status", meeting.status.rawValue)
        try json.field("version", meeting.version)
        try json.key("startsAt"); try date(meeting.startsAt, json)
        try json.field("durationMinutes", meeting.durationMinutes)
        try json.field("place", meeting.place)
        try json.field("format", meeting.format?.rawValue)
        try json.field("direction", meeting.direction?.rawValue)
        try json.field("initiator", meeting.initiator?.rawValue)
        try json.key("participants"); try ids(meeting.participants, json)
        try json.key("counterparts")
        if let counterparts = meeting.counterparts {
            try json.beginArray()
            for counterpart in counterparts {
                try json.beginObject()
                try json.field("organisation", counterpart.organisation)
                try json.field("onBehalfOf", counterpart.onBehalfOf)
                try json.key("people")
                try json.beginArray()
                for person in counterpart.people {
                    try json.beginObject()
                    try json.field("name", person.name)
                    try json.field("role", person.role)
                    try json.field("private", person.isPrivate)
                    try json.endObject()
                }
                try json.endArray()
                try json.endObject()
            }
            try json.endArray()
        } else {
            try json.null()
        }
        try json.key("issues"); try ids(meeting.issues, json)
        try json.field("subject", meeting.subject)
        try json.field("summary", meeting.summary)
        try json.key("documents")
        if let documents = meeting.documents {
            try json.beginArray()
            for document in documents {
                try json.beginObject()
                try json.field("title", document.title)
                try json.field("direction", document.direction.rawValue)
                try json.field("url", document.url)
                try json.endObject()
            }
            try json.endArray()
        } else {
            try json.null()
        }
        try json.key("withheld")
        try json.beginObject()
        for (field, withholding) in meeting.withheld.sorted(by: { $0.key < $1.key }) {
            try json.key(field.rawValue)
            try json.beginObject()
            try json.field("ground", withholding.ground)
            try json.field("until", withholding.until?.description)
            try json.field("redacted", withholding.redacted)
            try json.endObject()
        }
        try json.endObject()
        try json.key("recordedAt"); try date(meeting.recordedAt, json)
        try json.key("publishedAt"); try date(meeting.publishedAt, json)
        try json.key("updatedAt"); try date(meeting.updatedAt, json)
        try json.field("correctionReason", meeting.correctionReason)
        try json.key("withdrawnAt"); try date(meeting.withdrawnAt, json)
        try json.field("withdrawalReason", meeting.withdrawalReason)
        try json.endObject()
    }

    public func unit(_ unit: PublicUnit, to json: JSONStreamWriter) throws {
        try json.beginObject()
        try json.field("id", unit.id)
        try json.field("name", unit.name)
        try json.field("kind", unit.kind.rawValue)
        try json.endObject()
    }

    public func official(_ official: PublicOfficial, to json: JSONStreamWriter) throws {
        try json.beginObject()
        try json.field("id", official.id)
        try json.field("name", official.name)
        try json.field("title", official.title)
        try json.field("kind", official.kind.rawValue)
        try json.field("party", official.party)
        try json.field("unit", official.unit)
        try json.field("activeFrom", official.activeFrom.description)
        try json.field("activeTo", official.activeTo?.description)
        try json.field("feed", publication.feedURL(.official(official.id)))
        try json.endObject()
    }

    public func organisation(_ organisation: PublicOrganisation, to json: JSONStreamWriter) throws {
        try json.beginObject()
        try json.field("id", organisation.id)
        try json.field("name", organisation.name)
        try json.field("kind", organisation.kind.rawValue)
        try json.field("organisationNumber", organisation.organisationNumber)
        try json.field("soleTrader", organisation.soleTrader)
        try json.field("euTransparencyId", organisation.euTransparencyId)
        try json.field("website", organisation.website)
        try json.field("feed", publication.feedURL(.organisation(organisation.id)))
        try json.endObject()
    }

    public func issue(_ issue: PublicIssue, to json: JSONStreamWriter) throws {
        try json.beginObject()
        try json.field("id", issue.id)
        try json.field("title", issue.title)
        try json.field("summary", issue.summary)
        try json.field("position", issue.position)
        try json.field("status", issue.status.rawValue)
        try json.field("caseNumber", issue.caseNumber)
        try json.key("policyAreas")
        try json.beginArray()
        for area in issue.policyAreas { try json.string(area) }
        try json.endArray()
        try json.field("unit", issue.unit)
        try json.field("feed", publication.feedURL(.issue(issue.id)))
        try json.endObject()
    }

    public func record(_ record: PublicRecord, to json: JSONStreamWriter) throws {
        switch record {
        case .unit(let value): try unit(value, to: json)
        case .official(let value): try official(value, to: json)
        case .organisation(let value): try organisation(value, to: json)
        case .issue(let value): try issue(value, to: json)
        case .meeting(let value): try meeting(value, to: json)
        }
    }

    /// A public change as an event: the incremental export's line and push's payload.
    public func change(_ change: PublicChange, to json: JSONStreamWriter) throws {
        try json.beginObject()
        try json.field("id", publication.messageId(change))
        try json.field("type", change.type.rawValue)
        try json.field("sequence", change.sequence)
        try json.field("hash", change.hash)
        try json.key("occurred_at"); try date(change.occurredAt, json)
        try json.field("entity", change.entity)
        try json.field("entity_id", change.entityId)
        try json.field("reason", change.reason)
        try json.key("data")
        try record(change.record, to: json)
        try json.endObject()
    }

    /// One change as a standalone JSON document.
    public func changeBytes(_ change: PublicChange) throws -> [UInt8] {
        let sink = BufferSink(reservingCapacity: 2048)
        let json = JSONStreamWriter(sink, bufferSize: 4096)
        try self.change(change, to: json)
        try json.finish()
        return sink.take()
    }

    private func date(_ date: Date?, _ json: JSONStreamWriter) throws {
        if let date {
            try json.string(Timestamp.format(date))
        } else {
            try json.null()
        }
    }

    private func ids(_ ids: [Int64]?, _ json: JSONStreamWriter) throws {
        guard let ids else { return try json.null() }
        try json.beginArray()
        for id in ids { try json.int(id) }
        try json.endArray()
    }
}
