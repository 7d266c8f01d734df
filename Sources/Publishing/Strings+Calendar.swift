extension Strings {
    /// The words of the upload page that makes a draft from a calendar invitation, by key.
    static let calendarSite: [String: (sv: String, en: String)] = [
        "calendarTitle": ("Registrera ett möte från en kalenderinbjudan", "Log a meeting from a calendar invitation"),
        "calendarIntro": ("Ladda upp inbjudan (en .ics-fil) så blir den ett utkast: tid, plats, ämne och deltagare fylls i. Du kontrollerar och kompletterar utkastet innan du publicerar det.",
                          "Upload the invitation (an .ics file) and it becomes a draft: time, place, subject and participants are filled in. You check and complete the draft before you publish it."),
        "calendarHowHeading": ("Så fylls utkastet i", "How the draft is filled in"),
        "calendarHowTime": ("Start och slut med inbjudans tidszon. En tid utan tidszon läses i registrets tidszon.",
                            "Start and end in the invitation's time zone. A time without a time zone is read in the register's time zone."),
        "calendarHowPeople": ("Deltagare blir våra förtroendevalda och tjänstepersoner genom e-postadressen på deras konto, och organisationer genom domänen i organisationens webbadress. Den som inte känns igen läggs inte till: lägg till dem i utkastet.",
                              "Attendees become our officials by the e-mail address of their account, and organisations by the domain of the organisation's website. Anyone not recognised is left out: add them in the draft."),
        "calendarHowRefused": ("Återkommande möten och heldagshändelser kan inte registreras härifrån.",
                               "Recurring meetings and all-day events cannot be logged from here."),
        "calendarFile": ("Kalenderinbjudan (.ics)", "Calendar invitation (.ics)"),
        "calendarFileHint": ("Spara inbjudan från Outlook eller Google Kalender som en fil. Högst 1 MiB.",
                             "Save the invitation from Outlook or Google Calendar as a file. At most 1 MiB."),
        "calendarUid": ("Händelsens UID (om filen har flera händelser)", "The event's UID (if the file holds several events)"),
        "calendarUidHint": ("Lämna tomt om filen bara har ett möte.", "Leave empty if the file holds one meeting only."),
        "calendarSubmit": ("Skapa utkast", "Create draft"),
        "calendarNoFile": ("Välj en .ics-fil med inbjudan", "Choose an .ics file with the invitation"),
        "calendarRefused": ("Inbjudan kunde inte bli ett utkast: %@", "The invitation could not become a draft: %@"),
        "calendarLink": ("Från en kalenderinbjudan", "From a calendar invitation"),
    ]
}
