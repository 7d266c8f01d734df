import Publishing

/// The upload page of a calendar invitation: the file input, the UID of the event to
/// take when the file holds several, what the draft will be filled with, and after a
/// refusal its reason beside the file input and in the summary at the top.
struct FromCalendarView: PageView {
    static let template = "from-calendar"
    let title: String
    let heading: String
    let intro: String
    let howHeading: String
    let how: [String]
    let action = SiteURL.fromCalendar.path
    let csrfField = CSRFMiddleware.field
    let csrf: String
    let file: FormField
    let uid: FormField
    let summary: FormErrors

    /// `uid` is what was typed, kept after an error (a browser never refills a file input).
    init(context: PageContext, csrf: String, uid: String = "", fileError: String? = nil) {
        heading = context["calendarTitle"]
        intro = context["calendarIntro"]
        howHeading = context["calendarHowHeading"]
        how = [context["calendarHowTime"], context["calendarHowPeople"], context["calendarHowRefused"]]
        self.csrf = csrf
        file = FormField(id: "calendar-file", name: FromCalendarController.fileField, label: context["calendarFile"], type: "file",
                         autocomplete: "off", hint: context["calendarFileHint"], error: fileError)
        self.uid = FormField(id: "calendar-uid", name: FromCalendarController.uidField, label: context["calendarUid"], type: "text",
                             autocomplete: "off", value: uid, hint: context["calendarUidHint"])
        summary = FormErrors(fields: [file, self.uid])
        title = summary.title(heading, strings: context.strings)
    }
}
