import Publishing
import RegisterCore

/// The preview of a correction or a withdrawal: the public meeting page's own
/// rendering of the meeting as it will be (the corrected version, or the
/// withdrawal notice), and the form that confirms it, carrying every typed value.
struct MeetingPreviewView: PageView {
    static let template = "meeting-preview"
    let title: String
    let heading: String
    let intro: String
    let meeting: MeetingView?
    let withdrawn: WithdrawnMeetingView?
    let action: String
    let csrfField = CSRFMiddleware.field
    let csrf: String
    let hidden: [HiddenField]
    let buttons: [FormButton]

    init(heading: String, meeting: MeetingView? = nil, withdrawn: WithdrawnMeetingView? = nil, action: String, csrf: String,
         hidden: [HiddenField], confirm: String, context: PageContext) {
        self.heading = heading
        title = heading
        intro = context["deskPreviewIntro"]
        self.meeting = meeting
        self.withdrawn = withdrawn
        self.action = action
        self.csrf = csrf
        self.hidden = hidden
        buttons = [FormButton(name: "action", value: "confirm", text: confirm, secondary: false),
                   FormButton(name: "action", value: "edit", text: context["deskBackToEdit"], secondary: true)]
    }
}

/// The form that withdraws a published meeting: the reason, then a preview.
struct WithdrawalFormView: PageView {
    static let template = "withdrawal-form"
    let title: String
    let heading: String
    let intro: String
    let action: String
    let csrfField = CSRFMiddleware.field
    let csrf: String
    let summary: FormErrors
    let reason: DeskField
    let buttons: [FormButton]
    let script = SiteURL.asset("meeting-form.js").path

    init(_ id: Int64, reason: String, error: String?, csrf: String, context: PageContext) {
        heading = context.strings.format("deskWithdrawTitle", String(id))
        intro = context["deskWithdrawIntro"]
        action = SiteURL.withdrawMeeting(id).path
        self.csrf = csrf
        self.reason = DeskField(id: "withdrawal-reason", name: "reason", label: context["deskLabel_withdrawReason"], value: reason,
                                kind: .textarea, hint: context["deskHint_withdrawReason"], error: error)
        summary = FormErrors(error.map { [FormError(target: "withdrawal-reason", message: $0)] } ?? [])
        title = summary.title(heading, strings: context.strings)
        buttons = [FormButton(name: "action", value: "preview", text: context["deskPreview"], secondary: false)]
    }
}
