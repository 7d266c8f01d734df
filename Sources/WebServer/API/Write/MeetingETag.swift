import Foundation
import RegisterCore

/// The ETag of a meeting in the write API: its id and revision, so that `If-Match`
/// names exactly the state an edit was based on.
enum MeetingETag {
    static func value(id: Int64, revision: MeetingRevision) -> String { "\"m\(id)-r\(revision.sequence)\"" }

    /// The revision named by `If-Match` for meeting `id`; `*` (any) is nil. A tag of
    /// another form, or of another meeting, names no state of this one: revision 0.
    static func revision(ifMatch header: String, id: Int64) -> MeetingRevision? {
        let tag = header.trimmingCharacters(in: .whitespaces)
        if tag == "*" { return nil }
        let opaque = tag.hasPrefix("W/") ? String(tag.dropFirst(2)) : tag
        let prefix = "\"m\(id)-r"
        guard opaque.hasPrefix(prefix), opaque.hasSuffix("\""), let sequence = Int64(opaque.dropFirst(prefix.count).dropLast()) else {
            return MeetingRevision(0)
        }
        return MeetingRevision(sequence)
    }
}
