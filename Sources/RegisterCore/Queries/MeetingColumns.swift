import Foundation
import GRDB

/// One row of the public `meeting` table, read by position from a statement that
/// selects `PublicMeetingReader.columns`, waiting for its join-table rows to become
/// a `PublicMeeting`.
struct MeetingColumns {
    let id: Int64
    let status: String
    let version: Int
    let startsAt: String?
    let durationMinutes: Int?
    let place: String?
    let format: String?
    let direction: String?
    let initiator: String?
    let subject: String?
    let summary: String?
    let participantsDisclosed: Bool
    let counterpartsDisclosed: Bool
    let issuesDisclosed: Bool
    let documentsDisclosed: Bool
    let withheld: String
    let recordedAt: String
    let publishedAt: String
    let updatedAt: String
    let correctionReason: String?
    let withdrawnAt: String?
    let withdrawalReason: String?

    init(_ row: Row) {
        id = row[0]
        status = row[1]
        version = row[2]
        startsAt = row[3]
        durationMinutes = row[4]
        place = row[5]
        format = row[6]
        direction = row[7]
        initiator = row[8]
        subject = row[9]
        summary = row[10]
        participantsDisclosed = row[11]
        counterpartsDisclosed = row[12]
        issuesDisclosed = row[13]
        documentsDisclosed = row[14]
        withheld = row[15]
        recordedAt = row[16]
        publishedAt = row[17]
        updatedAt = row[18]
        correctionReason = row[19]
        withdrawnAt = row[20]
        withdrawalReason = row[21]
    }

    func meeting(participants: [Int64]?, counterparts: [PublicCounterpart]?, issues: [Int64]?,
                 documents: [MeetingDocument]?) throws -> PublicMeeting {
        let withheld = withheld == "{}" ? [:] : try RegisterCoding.decoder().decode(
            [MeetingField: Withholding].self, from: Data(withheld.utf8))
        return PublicMeeting(
            id: id,
            status: PublicMeetingStatus(rawValue: status) ?? .published,
            version: version,
            startsAt: startsAt.flatMap { Timestamp.parse($0) },
            durationMinutes: durationMinutes,
            place: place,
            format: format.flatMap(MeetingFormat.init(rawValue:)),
            direction: direction.flatMap(MeetingDirection.init(rawValue:)),
            initiator: initiator.flatMap(MeetingInitiator.init(rawValue:)),
            participants: participantsDisclosed ? participants ?? [] : nil,
            counterparts: counterpartsDisclosed ? counterparts ?? [] : nil,
            issues: issuesDisclosed ? issues ?? [] : nil,
            subject: subject,
            summary: summary,
            documents: documentsDisclosed ? documents ?? [] : nil,
            withheld: withheld,
            recordedAt: Timestamp.parse(recordedAt) ?? .distantPast,
            publishedAt: Timestamp.parse(publishedAt) ?? .distantPast,
            updatedAt: Timestamp.parse(updatedAt) ?? .distantPast,
            correctionReason: correctionReason,
            withdrawnAt: withdrawnAt.flatMap { Timestamp.parse($0) },
            withdrawalReason: withdrawalReason)
    }
}
