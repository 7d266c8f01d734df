import Publishing
import RegisterCore

/// What a draft's form tells its recorder about review: that it waits in the
/// registrar's queue (and that an edit takes it out), or the registrar's comment on
/// a returned draft.
enum ReviewNotice {
    static func text(_ review: ReviewState?, strings: Strings) -> String? {
        switch review?.state {
        case .queued: strings["registrarDraftQueued"]
        case .returned: strings.format("registrarDraftReturned", review?.by ?? "", review?.comment ?? "")
        case nil: nil
        }
    }
}
