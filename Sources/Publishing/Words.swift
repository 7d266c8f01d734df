import RegisterCore

/// The fixed words of the human-readable outputs, in Swedish and English.
struct Words: Sendable {
    let english: Bool

    init(language: String) { english = language == "en" }

    private func pick(_ sv: String, _ en: String) -> String { english ? en : sv }

    var meeting: String { pick("Möte", "Meeting") }
    var meetingWith: String { pick("Möte med", "Meeting with") }
    var meetingAbout: String { pick("Möte om", "Meeting about") }
    var about: String { pick("om", "about") }
    var and: String { pick("och", "and") }
    var privatePerson: String { pick("en privatperson", "a private individual") }
    var privatePersonWithheld: String { pick("Privatperson (namnet publiceras inte)", "Private individual (name not published)") }
    var onBehalfOf: String { pick("för", "on behalf of") }
    var when: String { pick("När", "When") }
    var place: String { pick("Plats", "Place") }
    var ours: String { pick("Våra deltagare", "Our participants") }
    var theirs: String { pick("Motpart", "Counterparts") }
    var directionLabel: String { pick("Riktning", "Direction") }
    var initiatorLabel: String { pick("Initiativ", "Initiated by") }
    var issuesLabel: String { pick("Frågor", "Issues") }
    var subject: String { pick("Ämne", "Subject") }
    var summary: String { pick("Sammanfattning", "Summary") }
    var documents: String { pick("Dokument", "Documents") }
    var withheld: String { pick("Sekretess", "Withheld") }
    var redacted: String { pick("Borttaget ur offentligheten", "Removed from public view") }
    var until: String { pick("till och med", "until") }
    var corrected: String { pick("Rättad", "Corrected") }
    var version: String { pick("version", "version") }
    var published: String { pick("Publicerad", "Published") }
    var withdrawn: String { pick("Återkallad", "Withdrawn") }

    func format(_ format: MeetingFormat) -> String {
        switch format {
        case .inPerson: pick("fysiskt möte", "in person")
        case .video: pick("videomöte", "video")
        case .phone: pick("telefon", "phone")
        case .written: pick("skriftligt", "in writing")
        }
    }

    func direction(_ direction: MeetingDirection) -> String {
        switch direction {
        case .inbound: pick("inkommande – motparten ville påverka oss", "inbound – they sought to influence us")
        case .outbound: pick("utgående – vi ville påverka motparten", "outbound – we sought to influence them")
        }
    }

    func initiator(_ initiator: MeetingInitiator) -> String {
        switch initiator {
        case .us: pick("vi", "us")
        case .counterpart: pick("motparten", "the counterpart")
        }
    }

    func document(_ direction: DocumentDirection) -> String {
        switch direction {
        case .received: pick("mottaget", "received")
        case .given: pick("överlämnat", "handed over")
        }
    }

    func field(_ field: MeetingField) -> String {
        switch field {
        case .startsAt: pick("tidpunkt", "time")
        case .durationMinutes: pick("längd", "duration")
        case .place: pick("plats", "place")
        case .format: pick("mötesform", "format")
        case .direction: pick("riktning", "direction")
        case .initiator: pick("initiativ", "initiator")
        case .participants: pick("våra deltagare", "our participants")
        case .counterparts: pick("motpart", "counterparts")
        case .issues: pick("frågor", "issues")
        case .subject: pick("ämne", "subject")
        case .summary: pick("sammanfattning", "summary")
        case .documents: pick("dokument", "documents")
        }
    }
}
