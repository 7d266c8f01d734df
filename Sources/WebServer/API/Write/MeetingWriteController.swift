import Hummingbird
import RegisterCore

/// The meetings of the write API: create a draft, read and replace its record,
/// publish (202 when it went to the registrar's review instead), approve or return
/// a reviewed draft, correct with a reason, withdraw with a reason, redact a field. Each
/// route is one call of the register's write path, made as the request's principal.
/// Every answer carries the meeting's full record, confidential values included, so
/// each is written to the access log before it is sent.
struct MeetingWriteController: SiteController {
    let register: Register

    func addRoutes(to router: Router<InsynRequestContext>) {
        router.post(RouterPath(WriteRoutes.Pattern.meetings)) { request, context in
            let write = try await WriteRequest.start(request, context: context, register: register, meetings: true)
            let meeting = try await write.decode(Meeting.self)
            let key = try write.idempotencyKey()
            let result = try await write.write { register, actor in
                try register.create("meeting", key: key) { shared in try shared.recordMeeting(meeting, by: actor) }
            }
            let stored = try await write.write { register, actor in try register.storedMeeting(result.id, toChangeBy: actor) }
            try await write.logRecordRead(stored)
            return try WriteResponse.meeting(stored, status: result.replayed ? .ok : .created, replayed: result.replayed)
        }
        router.get(RouterPath(WriteRoutes.Pattern.meetingRecord)) { request, context in
            let write = try await WriteRequest.start(request, context: context, register: register, meetings: true)
            let id = try write.id()
            let stored = try await write.write { register, actor in try register.storedMeeting(id, toChangeBy: actor) }
            let review = try await register.read { try $0.review(of: id) }
            try await write.logRecordRead(stored)
            return try WriteResponse.meeting(stored, review: review)
        }
        router.put(RouterPath(WriteRoutes.Pattern.meetingRecord)) { request, context in
            let write = try await WriteRequest.start(request, context: context, register: register, meetings: true)
            let id = try write.id()
            let meeting = try await write.decode(Meeting.self)
            let revision = try write.basedOn(meeting: id, version: write.versionMember)
            return try await respond(write, id) { register, actor in
                try register.updateDraft(id, with: meeting, by: actor, basedOn: revision)
            }
        }
        router.post(RouterPath(WriteRoutes.Pattern.publish)) { request, context in
            let write = try await WriteRequest.start(request, context: context, register: register, meetings: true)
            let id = try write.id()
            let outcome = try await write.write { register, actor in try register.publishMeeting(id, by: actor) }
            return try await respond(write, id, status: outcome == .sentForReview ? .accepted : .ok) { _, _ in }
        }
        router.post(RouterPath(WriteRoutes.Pattern.approval)) { request, context in
            let write = try await WriteRequest.start(request, context: context, register: register, registrar: "approve a meeting for publication")
            let id = try write.id()
            let revision = try write.basedOn(meeting: id, version: write.versionMember)
            return try await respond(write, id) { register, actor in try register.approveMeeting(id, by: actor, basedOn: revision) }
        }
        router.post(RouterPath(WriteRoutes.Pattern.returnFromReview)) { request, context in
            let write = try await WriteRequest.start(request, context: context, register: register, registrar: "return a meeting from review")
            let id = try write.id()
            let input = try await write.decode(ReviewCommentInput.self)
            let revision = try write.basedOn(meeting: id, version: input.version)
            return try await respond(write, id) { register, actor in
                try register.returnMeeting(id, comment: input.comment, by: actor, basedOn: revision)
            }
        }
        router.post(RouterPath(WriteRoutes.Pattern.corrections)) { request, context in
            let write = try await WriteRequest.start(request, context: context, register: register, meetings: true)
            let id = try write.id()
            let correction = try await write.decode(CorrectionInput.self)
            let revision = try write.basedOn(meeting: id, version: correction.version)
            return try await respond(write, id, bodyPrefix: "/meeting") { register, actor in
                try register.correctMeeting(id, with: correction.meeting, reason: correction.reason, by: actor, basedOn: revision)
            }
        }
        router.post(RouterPath(WriteRoutes.Pattern.withdrawal)) { request, context in
            let write = try await WriteRequest.start(request, context: context, register: register, registrar: "withdraw a meeting")
            let id = try write.id()
            let input = try await write.decode(ReasonInput.self)
            return try await respond(write, id) { register, actor in try register.withdrawMeeting(id, reason: input.reason, by: actor) }
        }
        router.post(RouterPath(WriteRoutes.Pattern.redactions)) { request, context in
            let write = try await WriteRequest.start(request, context: context, register: register, registrar: "redact a meeting")
            let id = try write.id()
            let input = try await write.decode(RedactionInput.self)
            return try await respond(write, id) { register, actor in
                try register.redactMeeting(id, try MeetingRedactionTarget(parsing: input.field), ground: input.ground, reason: input.reason,
                                           by: actor)
            }
        }
    }

    /// Runs `change`, then answers with the meeting's record as it is now. A redaction
    /// or withdrawal is the registrar's, who may read any record, so this never hides
    /// a change that was made.
    private func respond(_ write: WriteRequest, _ id: Int64, bodyPrefix: String = "", status: HTTPResponse.Status = .ok,
                         _ change: @escaping @Sendable (Register, Principal) throws -> Void) async throws -> Response {
        let (stored, review) = try await write.write(bodyPrefix: bodyPrefix) { register, actor in
            try change(register, actor)
            return (try register.storedMeeting(id), try register.read { try $0.review(of: id) })
        }
        try await write.logRecordRead(stored)
        return try WriteResponse.meeting(stored, review: review, status: status)
    }
}
