import Foundation

extension Register {
    /// Records a meeting and publishes it at once (`meeting add --publish`): both
    /// changes in one transaction, so the meeting is published or not recorded at all.
    /// A recorder's goes to the review queue instead when review is required (`review(of:)` says).
    @discardableResult
    public func recordAndPublishMeeting(_ meeting: Meeting, by actor: Principal) throws -> Int64 {
        try actor.requireMayWriteMeetings("record a meeting")
        let valid = try meeting.validated()
        try actor.requireMeetingWriter("record", participants: valid.participants)
        let now = clock()
        return try writer.write { db in
            let id = try insertDraft(valid, by: actor, at: now, in: db)
            _ = try publishOrSubmit(id, by: actor, at: now, in: db)
            return id
        }
    }
}
