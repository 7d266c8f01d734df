import RegisterCore

/// A language the public outputs are written in.
public enum Language: String, Sendable, CaseIterable {
    case sv, en

    /// The other language: what the language switch offers.
    public var other: Language { self == .sv ? .en : .sv }
}

/// The string catalogue: the fixed words of every human-readable output (feeds and
/// web pages alike), in Swedish and English. Words used in code are properties and
/// functions; the words of the page templates are in `Strings.site`, by key.
public struct Strings: Sendable {
    public let language: Language
    public var english: Bool { language == .en }

    public init(_ language: Language) { self.language = language }
    public init(language: String) { self.init(Language(rawValue: language) ?? .sv) }

    private func pick(_ sv: String, _ en: String) -> String { english ? en : sv }

    /// The words of the site's templates, by key (templates read them as `{{t.key}}`):
    /// every area's table, each in a file of its own (`Strings+Site.swift`, …).
    public static let site: [String: (sv: String, en: String)] = siteAreas.reduce(into: [:]) { all, area in
        all.merge(area) { first, _ in first }
    }

    /// The areas' tables; an area that lands adds its table here. A key may be in one only.
    static let siteAreas: [[String: (sv: String, en: String)]] = [
        publicSite,
        hostileSite,
        deskSite,
        calendarSite,
        auditSite,
        registrarSite,
    ]

    /// A word of the site's templates; the key itself when the catalogue lacks it.
    public subscript(_ key: String) -> String {
        guard let entry = Self.site[key] else { return key }
        return english ? entry.en : entry.sv
    }

    /// A word of the site's templates with each "%@" replaced by the next of `arguments`.
    public func format(_ key: String, _ arguments: String...) -> String {
        var result = ""
        var rest = arguments[...]
        var text = Substring(self[key])
        while let range = text.range(of: "%@") {
            result += text[..<range.lowerBound]
            result += rest.popFirst() ?? ""
            text = text[range.upperBound...]
        }
        return result + text
    }

    /// Every word of `Strings.site` in this language, by key: what templates read as `t`.
    public var table: [String: String] { english ? Self.englishTable : Self.swedishTable }

    private static let swedishTable = site.mapValues(\.sv)
    private static let englishTable = site.mapValues(\.en)

    public var meeting: String { pick("Möte", "Meeting") }
    public var meetingWith: String { pick("Möte med", "Meeting with") }
    public var meetingAbout: String { pick("Möte om", "Meeting about") }
    public var about: String { pick("om", "about") }
    public var and: String { pick("och", "and") }
    public var privatePerson: String { pick("en privatperson", "a private individual") }
    public var privatePersonWithheld: String { pick("Privatperson (namnet publiceras inte)", "Private individual (name not published)") }
    public var onBehalfOf: String { pick("för", "on behalf of") }
    public var when: String { pick("När", "When") }
    public var place: String { pick("Plats", "Place") }
    public var ours: String { pick("Våra deltagare", "Our participants") }
    public var theirs: String { pick("Motpart", "Counterparts") }
    public var directionLabel: String { pick("Riktning", "Direction") }
    public var initiatorLabel: String { pick("Initiativ", "Initiated by") }
    public var issuesLabel: String { pick("Frågor", "Issues") }
    public var subject: String { pick("Ämne", "Subject") }
    public var summary: String { pick("Sammanfattning", "Summary") }
    public var documents: String { pick("Dokument", "Documents") }
    public var withheld: String { pick("Sekretess", "Withheld") }
    public var redacted: String { pick("Borttaget ur offentligheten", "Removed from public view") }
    public var until: String { pick("till och med", "until") }
    public var corrected: String { pick("Rättad", "Corrected") }
    public var version: String { pick("version", "version") }
    public var published: String { pick("Publicerad", "Published") }
    public var withdrawn: String { pick("Återkallad", "Withdrawn") }

    public func format(_ format: MeetingFormat) -> String {
        switch format {
        case .inPerson: pick("fysiskt möte", "in person")
        case .video: pick("videomöte", "video")
        case .phone: pick("telefon", "phone")
        case .written: pick("skriftligt", "in writing")
        }
    }

    public func direction(_ direction: MeetingDirection) -> String {
        switch direction {
        case .inbound: pick("inkommande – motparten ville påverka oss", "inbound – they sought to influence us")
        case .outbound: pick("utgående – vi ville påverka motparten", "outbound – we sought to influence them")
        }
    }

    public func initiator(_ initiator: MeetingInitiator) -> String {
        switch initiator {
        case .us: pick("vi", "us")
        case .counterpart: pick("motparten", "the counterpart")
        }
    }

    public func document(_ direction: DocumentDirection) -> String {
        switch direction {
        case .received: pick("mottaget", "received")
        case .given: pick("överlämnat", "handed over")
        }
    }

    public func field(_ field: MeetingField) -> String {
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
