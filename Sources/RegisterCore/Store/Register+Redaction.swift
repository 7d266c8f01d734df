import Foundation
import GRDB

/// What of a meeting a redaction takes out of public view: a whole field, or the
/// name of one person met (who is from then on published as a private person).
public enum MeetingRedactionTarget: Sendable, Equatable, CustomStringConvertible {
    case field(MeetingField)
    case personName(counterpart: Int, person: Int)

    /// Reads `summary` (any field that can be withheld) or `counterparts[0].people[1].name`.
    public init(parsing text: String) throws(ValidationError) {
        if let field = MeetingField(rawValue: text) {
            self = .field(field)
            return
        }
        let pattern = /counterparts\[(\d{1,4})\]\.people\[(\d{1,4})\]\.name/
        if let match = text.wholeMatch(of: pattern), let counterpart = Int(match.1), let person = Int(match.2) {
            self = .personName(counterpart: counterpart, person: person)
            return
        }
        throw ValidationError("field", "'\(text)' is not a field of a meeting: one of \(MeetingField.allCases.map(\.rawValue).joined(separator: ", ")), or counterparts[N].people[M].name")
    }

    public var description: String {
        switch self {
        case .field(let field): field.rawValue
        case .personName(let counterpart, let person): "counterparts[\(counterpart)].people[\(person)].name"
        }
    }
}

extension Register {
    /// Takes a value that was published by mistake (or must be removed by order) out of
    /// every public output: the meeting's current version withholds it with `ground`
    /// (a field) or publishes the person as private (a name); every earlier change
    /// that carried it loses its opening in the public view of the ledger, and its
    /// public form (feeds, archives, push, the incremental export) no longer holds it.
    /// The redaction is a change of its own (`meeting.redacted`), and the auditor's
    /// view keeps the value.
    public func redactMeeting(_ id: Int64, _ target: MeetingRedactionTarget, ground: String, reason: String, by actor: Principal) throws {
        try actor.requireRegistrar("redact a meeting")
        let ground = try Self.requireText(ground, field: "ground")
        let reason = try Self.requireReason(reason)
        let now = clock()
        try writer.write { db in
            let stored = try StoredMeeting.fetch(id, in: db)
            guard stored.status != .draft else {
                throw ValidationError("id", "meeting \(id) is a draft, which is not public; change it with `meeting edit`")
            }
            var meeting = stored.meeting
            let hides: (LedgerEntry, ArraySlice<String>, JSONValue) -> Bool
            var patch: (inout JSONValue, JSONPointer) -> Void = { _, _ in }
            switch target {
            case .field(let field):
                hides = { _, pointer, _ in pointer.first == field.rawValue }
                meeting.withheld[field] = Withholding(ground: ground, redacted: true)
                patch = { data, _ in
                    data.set(.null, at: JSONPointer([field.rawValue]))
                    data.set(.object(["ground": .string(ground), "redacted": .bool(true)]), at: JSONPointer(["withheld", field.rawValue]))
                }
            case .personName(let counterpart, let person):
                guard meeting.counterparts.indices.contains(counterpart), meeting.counterparts[counterpart].people.indices.contains(person) else {
                    throw ValidationError("field", "meeting \(id) has no \(target)")
                }
                let name = JSONValue.string(meeting.counterparts[counterpart].people[person].name)
                hides = { _, pointer, value in
                    pointer.count == 5 && pointer.first == "counterparts" && pointer.dropFirst(2).first == "people" && pointer.last == "name" && value == name
                }
                meeting.counterparts[counterpart].people[person].isPrivate = true
                patch = { data, namePointer in
                    data.set(.bool(true), at: JSONPointer(Array(namePointer.tokens.dropLast()) + ["private"]))
                }
            }
            let redacts = try Self.hideInEarlierChanges(entity: "meeting", id: id, in: db, hides: hides, patch: patch)
            guard !redacts.isEmpty else {
                throw ValidationError("field", "no public value of \(target) is left in meeting \(id) (it was never published, or it is redacted already): there is nothing to redact")
            }
            let record = JSONValue.object(["ground": .string(ground), "changes": .array(redacts)])
            if stored.status == .published {
                let current = try PublicMeetingReader.fetch(ids: [id], in: db)[0]
                let projection = PublicMeeting(id: id, meeting: meeting, version: stored.version + 1, recordedAt: stored.recordedAt,
                                               publishedAt: stored.publishedAt ?? now, updatedAt: Self.versionTime(now, after: stored.updatedAt),
                                               correctionReason: current.correctionReason)
                try savePublished(projection, meeting: meeting, type: .meetingRedacted, reason: reason, redacts: record, by: actor, at: now, in: db)
            } else {
                var tombstone = try PublicMeetingReader.fetch(ids: [id], in: db)[0]
                tombstone.version += 1
                tombstone.updatedAt = Self.versionTime(now, after: stored.updatedAt)
                let change = try Self.append(
                    ChangeDraft(type: .meetingRedacted, entityId: id, actor: actor, reason: reason, data: try JSONValue.from(tombstone), redacts: record),
                    at: now, in: db)
                try PublicMeetingRows.save(tombstone, sequence: change.sequence, timeZone: try RegisterSettings.load(db).timeZone, in: db)
                try db.execute(sql: "UPDATE meeting_record SET version = ?, record = ?, updated_at = ?, updated_seq = ? WHERE id = ?",
                               arguments: [tombstone.version, try Self.encodeRecord(meeting), Timestamp.format(tombstone.updatedAt),
                                           change.sequence, id])
            }
        }
    }

    /// Takes the earlier values of a catalogue record's field out of every public
    /// output: each earlier change whose value of `field` differs from the current one
    /// shows the current value instead, and loses those openings in the public view of
    /// the ledger. Change the current value first (`update`); the redaction is a change
    /// of its own (`*.redacted`) and the auditor's view keeps every value.
    public func redact<Entry: CatalogueEntry>(_ kind: Entry.Type, id: Int64, field: String, ground: String, reason: String,
                                              by actor: Principal) throws {
        try actor.requireRegistrar("redact the catalogue")
        let ground = try Self.requireText(ground, field: "ground")
        let reason = try Self.requireReason(reason)
        let now = clock()
        try writer.write { db in
            let entity = Entry.updated.entity
            guard let row = try Row.fetchOne(db, sql: "SELECT \(Self.entryColumns) FROM change WHERE entity = ? AND entity_id = ? ORDER BY seq DESC LIMIT 1",
                                             arguments: [entity, id]) else {
                throw ValidationError("id", "no \(Entry.noun) with id \(id)")
            }
            let latest = try Self.entry(row)
            guard case .object(let data) = latest.openedData() else { throw ValidationError("id", "no \(Entry.noun) with id \(id)") }
            let confidential = latest.confidential.map { JSONPointer(Array($0.tokens.dropFirst())) }
            let fields = data.keys.filter { key in key != "id" && !confidential.contains(JSONPointer([key])) }.sorted()
            guard fields.contains(field) else {
                throw ValidationError("field", "'\(field)' is not a public field of \(Entry.noun) \(id): one of \(fields.joined(separator: ", "))")
            }
            let current = data[field] ?? .null
            let redacts = try Self.hideInEarlierChanges(
                entity: entity, id: id, in: db,
                hides: { entry, pointer, _ in pointer.first == field && entry.openedData()[field] != current },
                patch: { data, _ in data.set(current, at: JSONPointer([field])) })
            guard !redacts.isEmpty else {
                throw ValidationError("field", "every version of \(field) of \(Entry.noun) \(id) has its current value: change it first with `update`, then redact the earlier value")
            }
            let change = try Self.append(
                ChangeDraft(type: Entry.redacted, entityId: id, actor: actor, reason: reason, data: .object(data), secrets: confidential,
                            redacts: .object(["ground": .string(ground), "changes": .array(redacts)])),
                at: now, in: db)
            try db.execute(sql: "UPDATE \(Entry.table) SET updated_seq = ? WHERE id = ?", arguments: [change.sequence, id])
            if let sql = Entry.meetingsNamingIt {
                for meetingId in try Int64.fetchAll(db, sql: sql, arguments: [id]) { try SearchIndex.index(meetingId: meetingId, in: db) }
            }
        }
    }

    /// A correction keeps what was redacted out of view: a redacted field stays
    /// withheld with its ground, and a redacted name cannot be published again.
    static func keepingRedactions(of stored: StoredMeeting, in meeting: Meeting, db: Database) throws -> Meeting {
        var meeting = meeting
        for (field, withholding) in stored.meeting.withheld where withholding.redacted {
            meeting.withheld[field] = withholding
        }
        let redactedNames = try redactedValues(entity: "meeting", id: stored.id, in: db)
        var problems = Problems()
        for (index, counterpart) in meeting.counterparts.enumerated() where meeting.withheld[.counterparts] == nil {
            for (personIndex, person) in counterpart.people.enumerated() where !person.isPrivate && redactedNames.contains(.string(person.name)) {
                problems.add("counterparts[\(index)].people[\(personIndex)].name",
                             "this name was redacted from the meeting; mark the person \"private\": true or leave the name out")
            }
        }
        try problems.check()
        return meeting
    }

    /// Takes out of public view every public value of the record's changes for which
    /// `hides` holds (given its pointer below `data` and its value), rewriting their
    /// stored public form; `patch` adjusts that form around each hidden value. Returns
    /// one `{"seq", "pointers"}` object per change that changed.
    static func hideInEarlierChanges(entity: String, id: Int64, in db: Database,
                                     hides: (LedgerEntry, ArraySlice<String>, JSONValue) -> Bool,
                                     patch: (inout JSONValue, JSONPointer) -> Void) throws -> [JSONValue] {
        var redacts: [JSONValue] = []
        let rows = try Row.fetchAll(db, sql: "SELECT \(entryColumns), public_body AS stored_public_body FROM change WHERE entity = ? AND entity_id = ? AND public = 1 ORDER BY seq",
                                    arguments: [entity, id])
        for row in rows {
            let entry = try entry(row)
            let hidden = entry.openings(for: .public)
                .filter { $0.key.tokens.first == "data" && hides(entry, $0.key.tokens.dropFirst(), $0.value.value) }
                .keys.sorted { $0.description < $1.description }
            guard !hidden.isEmpty else { continue }
            var publicBody = try JSONValue.parse(Data((row["stored_public_body"] as String).utf8))
            var data = publicBody["data"] ?? .null
            for pointer in hidden {
                let relative = JSONPointer(Array(pointer.tokens.dropFirst()))
                data.set(.null, at: relative)
                patch(&data, relative)
            }
            publicBody.set(data, at: JSONPointer(["data"]))
            // Openings stored compactly take public values from the public body: keep each one it no longer holds
            // (a hidden value, or one the patch changed) beside the salts.
            var kept: String? = row["kept_openings"]
            if row["openings"] as String? == nil {
                var values = JSONObject()
                if let kept, case .object(let members) = try JSONValue.parse(Data(kept.utf8)) { values = members }
                // Compared as canonical bytes: Swift's == holds "é" and "e" with a combining accent equal, the commitment does not.
                for (pointer, opening) in entry.openings
                where values[pointer.description] == nil && publicBody.value(at: pointer).map(CanonicalJSON.bytes) != CanonicalJSON.bytes(opening.value) {
                    values[pointer.description] = opening.value
                }
                kept = StoredOpenings.kept(values)
            }
            try db.execute(sql: "UPDATE change SET redacted = ?, public_body = ?, kept_openings = ? WHERE seq = ?",
                           arguments: [LedgerPointers.text(entry.redacted.union(hidden)), CanonicalJSON.string(publicBody), kept, entry.sequence])
            redacts.append(.object(["seq": .int(entry.sequence), "pointers": .array(hidden.map { .string($0.description) })]))
        }
        return redacts
    }

    /// The values that redactions took out of view in the record's changes.
    static func redactedValues(entity: String, id: Int64, in db: Database) throws -> [JSONValue] {
        try Row.fetchAll(db, sql: "SELECT \(entryColumns) FROM change WHERE entity = ? AND entity_id = ? AND redacted IS NOT NULL",
                         arguments: [entity, id])
            .flatMap { row in
                let entry = try entry(row)
                return entry.redacted.compactMap { entry.openings[$0]?.value }
            }
    }

    /// Required text with the rules of every text field (`TextRules`: no NUL, no leading
    /// byte order mark, at most `max` Unicode scalars), without its surrounding white space.
    static func requireText(_ text: String, field: String, max: Int = 500) throws(ValidationError) -> String {
        let trimmed = text.trimmed
        guard !trimmed.isEmpty else { throw ValidationError(field, "is required and must not be empty", rule: .required) }
        if let problem = TextRules.problem(trimmed, max: max) { throw ValidationError(field, problem.message, rule: problem.rule) }
        return trimmed
    }
}
