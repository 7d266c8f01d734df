import Foundation
import Publishing
import RegisterCore

/// The registrar's review queue: each waiting draft in full (confidential values
/// included: the registrar reviews what will be published and what is withheld),
/// with a button to approve it and a form to return it with a comment.
struct ReviewQueueView: PageView {
    static let template = "registrar-review"

    struct Fact: Sendable {
        let label: String
        let value: String
    }

    struct Item: Sendable {
        let id: String
        let heading: String
        let sent: String
        let facts: [Fact]
        let action: String
        let version: String
        let approveText: String
        let comment: RecordFormField
    }

    let title: String
    let heading: String
    let intro: String
    let notice: String?
    let items: [Item]
    let hasItems: Bool
    let csrfField = CSRFMiddleware.field
    let csrf: String
    let summary: FormErrors

    /// `failed` is the draft whose return lacked a comment, with the message and what was typed.
    init(_ queue: [QueuedMeeting], names: CatalogueNames, failed: (id: Int64, comment: String, error: String)?, notice: String?,
         csrf: String, context: PageContext) {
        let strings = context.strings, dates = context.dates
        heading = context["registrarReviewTitle"]
        intro = context.settings.requiresReview ? context["registrarReviewIntro"] : context["registrarReviewOff"]
        items = queue.map { queued in
            let meeting = queued.stored.meeting, id = queued.stored.id
            let withheld = meeting.withheld.keys.sorted().map { strings.field($0) }.joined(separator: ", ")
            var facts = [
                Fact(label: strings.when, value: dates.dayAndTime(meeting.startsAt)),
                Fact(label: strings.place, value: meeting.place),
                Fact(label: strings.ours, value: meeting.participants.map(names.official).joined(separator: ", ")),
                Fact(label: strings.theirs, value: meeting.counterparts.map { $0.organisation.map(names.organisation) ?? "–" }.joined(separator: ", ")),
                Fact(label: strings.issuesLabel, value: meeting.issues.map(names.issue).joined(separator: ", ")),
                Fact(label: strings.summary, value: meeting.summary),
            ]
            if !withheld.isEmpty { facts.append(Fact(label: strings.withheld, value: withheld)) }
            let failedHere = failed?.id == id ? failed : nil
            let commentInput = RecordForm.Input(member: "comment", label: "registrarReviewComment", kind: .longText)
            let comment = RecordForm(inputs: [commentInput]).fields(
                id: "review-\(id)", values: ["comment": failedHere?.comment ?? ""], errors: failedHere.map { ["comment": $0.error] } ?? [:],
                options: [:], context: context)[0]
            return Item(id: "review-item-\(id)", heading: meeting.subject,
                        sent: strings.format("registrarReviewSent", queued.review.by, dates.dayAndTime(queued.review.at)),
                        facts: facts, action: SiteURL.reviewDecision(id).path, version: String(queued.stored.revision.sequence),
                        approveText: strings.format("registrarReviewApproveNamed", meeting.subject), comment: comment)
        }
        hasItems = !items.isEmpty
        self.notice = notice
        self.csrf = csrf
        summary = FormErrors(items.compactMap(\.comment.summaryError))
        title = summary.title(heading, strings: strings)
    }
}
