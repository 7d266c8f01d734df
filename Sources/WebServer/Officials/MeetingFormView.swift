import Publishing
import RegisterCore

/// The page of the meeting form: logging a new meeting, going on with a draft, or
/// correcting a published meeting (with the reason). Errors are beside each field
/// and in the summary at the top, which links to them.
struct MeetingFormView: PageView {
    static let template = "meeting-form"
    let title: String
    let heading: String
    let intro: String?
    let notice: String?
    let action: String
    let csrfField = CSRFMiddleware.field
    let csrf: String
    let summary: FormErrors
    let body: MeetingFormBody
    let reason: DeskField?
    let buttons: [FormButton]
    let script = SiteURL.asset("meeting-form.js").path

    /// What the form is for.
    enum Purpose {
        case new
        case draft(Int64)
        case correction(Int64)
    }

    init(_ purpose: Purpose, input: MeetingFormInput, search: CatalogueSearch, grounds: [String], errors: MeetingFormErrors,
         context: PageContext, csrf: String, notice: String? = nil, revision: MeetingRevision? = nil, reasonText: String = "") {
        self.csrf = csrf
        self.notice = notice
        var hidden: [HiddenField] = []
        if let revision { hidden.append(HiddenField(name: "revision", value: revision.description)) }
        body = MeetingFormBody(input, search: search, grounds: grounds, errors: errors, context: context, hidden: hidden)
        switch purpose {
        case .new:
            heading = context["deskNewTitle"]
            intro = context["deskNewIntro"]
            action = SiteURL.newMeeting.path
            reason = nil
        case .draft(let id):
            heading = context.strings.format("deskDraftTitle", String(id))
            intro = context["deskDraftIntro"]
            action = SiteURL.editDraft(id).path
            reason = nil
        case .correction(let id):
            heading = context.strings.format("deskCorrectTitle", String(id))
            intro = context["deskCorrectIntro"]
            action = SiteURL.correctMeeting(id).path
            reason = DeskField(id: "correction-reason", name: "reason", label: context["deskLabel_reason"], value: reasonText,
                               kind: .textarea, hint: context["deskHint_reason"], error: errors["correction-reason"])
        }
        if case .correction = purpose {
            buttons = [FormButton(name: "action", value: "preview", text: context["deskPreview"], secondary: false)]
        } else {
            buttons = [FormButton(name: "action", value: "publish", text: context["deskPublish"], secondary: false),
                       FormButton(name: "action", value: "draft", text: context["deskSaveDraft"], secondary: true)]
        }
        summary = errors.summary
        title = summary.title(heading, strings: context.strings)
    }
}
