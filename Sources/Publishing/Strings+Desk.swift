extension Strings {
    /// The words of the officials' pages (My meetings, Log a meeting, corrections
    /// and withdrawals) and of the signed-in header, by key.
    static let deskSite: [String: (sv: String, en: String)] = [
        // The signed-in header and frame.
        "deskAccountNav": ("Dina sidor", "Your pages"),
        "deskNavMyMeetings": ("Mina möten", "My meetings"),
        "deskForbiddenTitle": ("Du har inte behörighet till sidan", "You do not have access to this page"),
        "deskForbiddenText": ("Ditt konto får inte använda den här sidan. Be registratorn om hjälp om du behöver den.",
                              "Your account may not use this page. Ask the registrar if you need it."),
        "deskForbiddenHeading": ("Vart vill du gå?", "Where next?"),

        // My meetings.
        "deskMyMeetingsTitle": ("Mina möten", "My meetings"),
        "deskMyMeetingsIntro": ("Möten för %@: utkast som ska publiceras och de senast publicerade.",
                                "Meetings of %@: drafts to publish and the latest published."),
        "deskMyMeetingsIntroAll": ("Alla förtroendevaldas och tjänstepersoners möten: utkast som ska publiceras och de senast publicerade.",
                                   "The meetings of every official: drafts to publish and the latest published."),
        "deskLogNew": ("Registrera ett nytt möte", "Log a new meeting"),
        "deskGroup_overdue": ("Utkast efter sista dag för publicering", "Drafts past the publication deadline"),
        "deskGroup_due": ("Utkast som snart ska publiceras", "Drafts due soon"),
        "deskGroup_drafts": ("Övriga utkast", "Other drafts"),
        "deskGroup_published": ("Senast publicerade", "Latest published"),
        "deskNoneOverdue": ("Inga utkast är försenade.", "No draft is overdue."),
        "deskNoneDue": ("Inga utkast ska publiceras de närmaste dagarna.", "No draft is due in the next few days."),
        "deskNoDrafts": ("Inga andra utkast.", "No other drafts."),
        "deskNonePublished": ("Inga publicerade möten ännu.", "No published meetings yet."),
        "deskDeadline": ("publiceras senast %@", "publish by %@"),
        "deskPublishedOn": ("publicerat %@", "published %@"),
        "deskSubjectWithheld": ("(ämnet är sekretessbelagt)", "(the subject is withheld)"),
        "deskNoSubject": ("(inget ämne ännu)", "(no subject yet)"),
        "deskCorrectLink": ("Rätta", "Correct"),
    ]
}
