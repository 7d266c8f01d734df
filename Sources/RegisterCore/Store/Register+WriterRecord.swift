extension Register {
    /// A meeting's full record as one who may change it reads it before an edit:
    /// the recorder of one of its officials, the registrar, the admin. (The auditor
    /// reads through the auditor's views, which log each read.)
    public func storedMeeting(_ id: Int64, toChangeBy actor: Principal) throws -> StoredMeeting {
        try actor.requireMayWriteMeetings("read a record to change it")
        let stored = try storedMeeting(id)
        try actor.requireMeetingWriter("change", participants: stored.meeting.participants)
        return stored
    }
}
