import Foundation

extension Register {
    /// Records a meeting and publishes it at once (`meeting add --publish`): both
    /// changes in one transaction, so the meeting is published or not recorded at all.
    @discardableResult
    public func recordAndPublishMeeting(_ meeting: Meeting) throws -> Int64 {
        let valid = try meeting.validated()
        let now = clock()
        return try writer.write { db in
            let id = try insertDraft(valid, at: now, in: db)
            try publishDraft(id, at: now, in: db)
            return id
        }
    }
}
