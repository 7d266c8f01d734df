import Hummingbird
import RegisterCore

/// The JSON answers of the write API: a record as the writer sees it, with what a
/// client needs for its next request (`Location`, and a meeting's `ETag`).
enum WriteResponse {
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        fields[.cacheControl] = "no-store"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: CanonicalJSON.bytes(value) + [0x0A])))
    }

    /// A meeting's record: `version` is its revision, to send back as `If-Match`'s ETag or the `version` member;
    /// `review` where a draft stands in the registrar's review (`queued`, or `returned` with the comment).
    static func meeting(_ stored: StoredMeeting, review: ReviewState? = nil, status: HTTPResponse.Status = .ok,
                        replayed: Bool = false) throws -> Response {
        var headers: HTTPFields = [.eTag: MeetingETag.value(id: stored.id, revision: stored.revision)]
        if status == .created { headers[.location] = WriteRoutes.meetingRecord(stored.id) }
        if replayed { headers[WriteRequest.replayed] = "true" }
        var members: JSONObject = [
            "id": .int(stored.id), "status": .string(stored.status.rawValue), "version": .int(stored.revision.sequence),
            "meeting": try JSONValue.from(stored.meeting),
        ]
        if let review {
            var state: JSONObject = ["state": .string(review.state.rawValue), "at": .string(Timestamp.format(review.at)), "by": .string(review.by)]
            if let comment = review.comment { state["comment"] = .string(comment) }
            members["review"] = .object(state)
        }
        return json(.object(members), status: status, headers: headers)
    }

    /// A created record other than a meeting: its id and where it can be changed.
    static func created(_ result: CreateResult, location: String, extra: JSONObject = [:]) -> Response {
        var members = extra
        members["id"] = .int(result.id)
        var headers: HTTPFields = [.location: location]
        if result.replayed { headers[WriteRequest.replayed] = "true" }
        return json(.object(members), status: result.replayed ? .ok : .created, headers: headers)
    }

    static let noContent = Response(status: .noContent, headers: [.cacheControl: "no-store"])
}
