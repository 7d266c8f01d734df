import Foundation
import GRDB
import Testing
@testable import RegisterCore

/// Sealing changes ahead of the writer (`SealedChange`, `BatchSealing`) against the
/// ledger's rule and against recording the same meetings one by one.
@Suite("Sealing a batch's changes ahead of the writer")
struct BatchSealingTests {
    @Test func ledgerValuesAreWhatTheRegistersEncoderWrites() throws {
        let fixture = try TestRegister()
        var sparse = fixture.meeting(withheld: [.summary: Withholding(ground: "OSL 19 kap. 3 §", until: Day("2031-01-01")),
                                                .place: Withholding(ground: "OSL 18 kap. 8 §", redacted: true)],
                                     people: [CounterpartPerson(name: "Rolf Hemligsson", isPrivate: true)])
        sparse.counterparts.append(Counterpart(organisation: nil, people: [CounterpartPerson(name: "Eva Ek")]))
        sparse.documents = [MeetingDocument(title: "Bilder", direction: .given, url: "https://example.se/a?b=c&d=\"e\"")]
        for meeting in [fixture.meeting(), sparse] {
            #expect(meeting.ledgerValue == (try JSONValue.from(meeting)))
            let projection = PublicMeeting(id: 7, meeting: meeting, version: 2, recordedAt: Timestamp.parse("2026-11-20T13:30:00Z")!,
                                           publishedAt: Timestamp.parse("2026-11-21T08:00:00Z")!,
                                           updatedAt: Timestamp.parse("2026-11-22T09:15:00Z")!, correctionReason: "Fel plats.")
            #expect(projection.ledgerValue == (try JSONValue.from(projection)))
            let tombstone = projection.tombstone(at: Timestamp.parse("2026-11-23T10:00:00Z")!, reason: "Dubblett.")
            #expect(tombstone.ledgerValue == (try JSONValue.from(tombstone)))
        }
    }

    @Test func aSealedChangeFollowsTheDocumentedRule() throws {
        let fixture = try TestRegister()
        let meeting = fixture.meeting(withheld: [.summary: Withholding(ground: "OSL 19 kap. 3 §")],
                                      people: [CounterpartPerson(name: "Rolf Hemligsson", isPrivate: true)])
        let projection = PublicMeeting(id: 3, meeting: meeting, version: 1, recordedAt: Timestamp.parse("2026-11-20T13:30:00Z")!,
                                       publishedAt: Timestamp.parse("2026-11-21T08:00:00Z")!,
                                       updatedAt: Timestamp.parse("2026-11-21T08:00:00Z")!, correctionReason: nil)
        var draft = Register.publicChange(projection, meeting: meeting, type: .meetingCorrected, reason: "Rättad \"plats\".", by: .shell)
        draft.redacts = .object(["ground": .string("OSL 21 kap. 7 §"),
                                 "changes": .array([.object(["seq": .int(2), "pointers": .array([.string("/data/place")])])])])
        let previous = String(repeating: "ab", count: 32)
        let sealed = SealedChange(draft, sequence: 9, at: Timestamp.parse("2026-11-23T12:00:00Z")!, actorsPublic: false, salts: SaltSource())

        let bytes = sealed.body(after: previous)
        let body = try JSONValue.parse(Data(bytes))
        #expect(CanonicalJSON.bytes(body) == bytes)
        #expect(body["prev"] == .string(previous))
        #expect(body["seq"] == .int(9))
        #expect(body["redacts"] == draft.redacts)
        let openings = StoredOpenings.openings(body: body, salts: sealed.salts, kept: sealed.keptOpenings, publicBody: sealed.publicBody)
        #expect(sealed.salts.count == 32 * openings.count)
        // Beside the salts only what the public body lacks: the actor and the withheld values.
        let kept = try JSONValue.parse(Data(try #require(sealed.keptOpenings).utf8))
        #expect(kept == .object(["/actor/who": .object(["id": .null, "name": .string("shell")]),
                                 "/data/summary": try #require(draft.data["summary"]),
                                 "/data/counterparts/0/people/0/name": .string("Rolf Hemligsson")]))
        let commitments = body.commitments()
        #expect(Set(commitments.map(\.0)) == Set(openings.keys))
        for (pointer, digest) in commitments {
            let opening = try #require(openings[pointer])
            #expect(Commitment.digest(salt: opening.salt, value: opening.value) == digest)
        }
        let entry = LedgerEntry(sequence: 9, body: body, hash: LedgerEntry.hash(ofBody: body), openings: openings)
        #expect(entry.openedData() == draft.data)
        #expect(openings[JSONPointer(["reason"])]?.value == .string("Rättad \"plats\"."))
        #expect(sealed.confidential == LedgerPointers.text([JSONPointer(["actor", "who"]), JSONPointer(["data", "summary"]),
                                                            JSONPointer(["data", "counterparts", "0", "people", "0", "name"])]))

        let publicBody = try JSONValue.parse(Data(sealed.publicBody.utf8))
        #expect(CanonicalJSON.string(publicBody) == sealed.publicBody)
        var publicData = draft.data
        for secret in draft.secrets { publicData.set(.null, at: secret) }
        #expect(publicBody == .object(["seq": .int(9), "at": .string("2026-11-23T12:00:00Z"), "type": .string("meeting.corrected"),
                                       "data": publicData, "reason": .string("Rättad \"plats\".")]))
    }

    @Test func aDraftIsOneConfidentialCommitmentWhoseValueIsTheStoredRecord() throws {
        let fixture = try TestRegister()
        let full = fixture.meeting().ledgerValue
        let sealed = SealedChange(ChangeDraft(type: .meetingDrafted, entityId: 1, actor: .shell, data: full, secrets: [JSONPointer([])]),
                                  sequence: 1, at: Date(timeIntervalSince1970: 0), actorsPublic: true, salts: SaltSource())
        #expect(sealed.committedData == CanonicalJSON.bytes(full))
        #expect(sealed.confidential == #"["/data"]"#)
        #expect(try JSONValue.parse(Data(sealed.publicBody.utf8))["data"] == .null)
    }

    @Test func aBatchSealedInParallelEqualsOneByOneRecordingApartFromSalts() throws {
        let clock = { @Sendable in Timestamp.parse("2026-11-23T12:00:00Z")! }
        let batched = try TestRegister(clock: clock)
        let single = try TestRegister(clock: clock)
        let count = Register.batchChunk + 20
        let meetings = (0..<count).map { index in
            index % 3 == 0
                ? batched.meeting(summary: "Möte \(index).", withheld: [.summary: Withholding(ground: "OSL 19 kap. 3 §")],
                                  people: [CounterpartPerson(name: "Person \(index)", isPrivate: true)])
                : batched.meeting(summary: "Möte \(index).")
        }
        let ids = try batched.register.recordAndPublishMeetings(meetings, by: .shell)
        for meeting in meetings { try single.register.recordAndPublishMeeting(meeting, by: .shell) }

        #expect(ids == Array(1...Int64(count)))
        #expect(try Self.saltless(batched.register) == Self.saltless(single.register))
        #expect(try Self.records(batched.register) == Self.records(single.register))
        #expect(try batched.register.verifyLedger().sequence == Int64(5 + 2 * count))
        var salts: [String] = []
        try batched.register.forEachLedgerEntry { entry in salts += entry.openings.values.map(\.salt) }
        #expect(salts.count > 20 * count)
        #expect(Set(salts).count == salts.count)
    }

    /// Every stored column of every change, with each salt and commitment taken out.
    private static func saltless(_ register: Register) throws -> [String] {
        try register.readDatabase { db in
            try Row.fetchAll(db, sql: "SELECT * FROM change ORDER BY seq").map { row in
                let body = try JSONValue.parse(Data((row["body"] as String).utf8))
                let openings = try Register.entry(row).openings.map { "\($0.key)=\(CanonicalJSON.string($0.value.value))" }.sorted()
                let kept = ["seq", "at", "type", "entity", "entity_id", "public", "confidential", "public_body"].map { "\(row[$0] ?? "NULL")" }
                return (kept + [CanonicalJSON.string(withoutCommitments(body)), openings.joined(separator: " ")]).joined(separator: " | ")
            }
        }
    }

    private static func withoutCommitments(_ value: JSONValue) -> JSONValue {
        if Commitment.digest(in: value) != nil { return .string("commitment") }
        switch value {
        case .object(let members):
            guard case .object(var stripped) = value else { return value }
            for (key, member) in members where key != "prev" { stripped[key] = withoutCommitments(member) }
            stripped["prev"] = nil
            return .object(stripped)
        case .array(let items): return .array(items.map(withoutCommitments))
        default: return value
        }
    }

    private static func records(_ register: Register) throws -> [Row] {
        try register.readDatabase { db in try Row.fetchAll(db, sql: "SELECT * FROM meeting_record ORDER BY id") }
    }
}
