import Foundation
import GRDB

/// The settings kept in the register itself, so that every command and the server
/// publish the same URLs and ids: the public base URL, the tag-URI authority and
/// date (fixed once meetings are published, since Atom ids must never change), the
/// body's name and time zone, the language and the data licence.
public struct RegisterSettings: Sendable, Equatable {
    public static let defaultTimeZone = TimeZone(identifier: "Europe/Stockholm")!

    public var bodyName = "Exempelregionen"
    public var baseURL = "http://localhost:8080/"
    public var tagAuthority = "insyn.example.se"
    public var tagDate = "2026"
    public var timeZoneIdentifier = "Europe/Stockholm"
    public var language = "sv"
    public var licenceName = "CC0 1.0"
    public var licenceURL = "https://creativecommons.org/publicdomain/zero/1.0/"
    /// Where the public reports problems (the accessibility statement names it); empty until set.
    public var contactEmail = ""
    /// "yes" shows the public who made each change (the account's or token's id and
    /// name); "no", the default, shows only its kind and role, the identity committed.
    public var actorsPublic = "no"
    /// The publisher the open-data catalogue (DCAT-AP-SE) names; empty for `bodyName`.
    public var cataloguePublisher = ""
    /// The publisher's kind in the ADMS publisher-type vocabulary, one of `publisherTypes`.
    public var cataloguePublisherType = "RegionalAuthority"
    /// The dataset's description in the catalogue, in Swedish and English; empty for the built-in one.
    public var catalogueDescriptionSv = ""
    public var catalogueDescriptionEn = ""
    /// How many days after the meeting's day it must be published (the compliance report, the statistics' timeliness).
    public var publicationDeadline = "14"
    /// The phrases that say nothing as a subject, separated by ";" (see `SubjectRule`).
    public var vaguePhrases = "allmän diskussion; avstämning; dialog; möte"
    /// A subject of fewer words than this says nothing (see `SubjectRule`).
    public var subjectMinimumWords = "3"
    /// "yes" sends a recorder's publish to the registrar's review queue instead of
    /// publishing it; "no", the default, publishes at once.
    public var reviewRequired = "no"

    /// The ADMS publisher types (http://purl.org/adms/publishertype/…) DCAT-AP-SE lets a publisher be.
    public static let publisherTypes = ["Academia-ScientificOrganisation", "Company", "IndustryConsortium", "LocalAuthority",
                                        "NationalAuthority", "NonGovernmentalOrganisation", "NonProfitOrganisation",
                                        "PrivateIndividual(s)", "RegionalAuthority", "StandardisationBody", "SupraNationalAuthority"]

    public init() {}

    public var requiresReview: Bool { reviewRequired == "yes" }

    public var timeZone: TimeZone { TimeZone(identifier: timeZoneIdentifier) ?? Self.defaultTimeZone }

    /// The base URL with exactly one trailing slash.
    public var base: String { baseURL.hasSuffix("/") ? baseURL : baseURL + "/" }

    static var keys: [(String, WritableKeyPath<RegisterSettings, String>)] { [
        ("body_name", \.bodyName), ("base_url", \.baseURL), ("tag_authority", \.tagAuthority), ("tag_date", \.tagDate),
        ("time_zone", \.timeZoneIdentifier), ("language", \.language), ("licence_name", \.licenceName),
        ("licence_url", \.licenceURL), ("contact_email", \.contactEmail), ("actors_public", \.actorsPublic), ("catalogue_publisher", \.cataloguePublisher),
        ("catalogue_publisher_type", \.cataloguePublisherType), ("catalogue_description_sv", \.catalogueDescriptionSv),
        ("catalogue_description_en", \.catalogueDescriptionEn),
        ("publication_deadline_days", \.publicationDeadline), ("vague_phrases", \.vaguePhrases),
        ("subject_minimum_words", \.subjectMinimumWords),
        ("review_required", \.reviewRequired),
    ] }

    /// The names accepted by `insyn config set`.
    public static var names: [String] { keys.map { $0.0.replacingOccurrences(of: "_", with: "-") } }

    public mutating func set(_ name: String, to value: String) throws(ValidationError) {
        guard let keyPath = Self.keys.first(where: { $0.0 == name.replacingOccurrences(of: "-", with: "_") })?.1 else {
            throw ValidationError(name, "is not a setting (one of \(Self.names.joined(separator: ", ")))")
        }
        self[keyPath: keyPath] = value
    }

    /// Every setting's value, in one order: what a fingerprint of the settings is made from.
    public var values: [String] { Self.keys.map { self[keyPath: $0.1] } }

    public func value(of name: String) -> String? {
        Self.keys.first(where: { $0.0 == name.replacingOccurrences(of: "-", with: "_") }).map { self[keyPath: $0.1] }
    }

    func validated() throws(ValidationError) {
        var problems = Problems()
        if !SwedishIdentifiers.isWebAddress(baseURL) { problems.add("base-url", "\(ValidationError.quote(baseURL)) is not an http(s) address (an IRI must be written as its URI)") }
        if TimeZone(identifier: timeZoneIdentifier) == nil { problems.add("time-zone", "\(ValidationError.quote(timeZoneIdentifier)) is not a time zone name such as Europe/Stockholm") }
        if tagAuthority.isEmpty || tagAuthority.contains(where: { !($0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "@") }) {
            problems.add("tag-authority", "\(ValidationError.quote(tagAuthority)) is not a domain name or e-mail address (RFC 4151)")
        }
        if Day(tagDate) == nil && Day(tagDate + "-01") == nil && Day(tagDate + "-01-01") == nil {
            problems.add("tag-date", "\(ValidationError.quote(tagDate)) is not a date like 2026, 2026-11 or 2026-11-23")
        }
        if !["sv", "en"].contains(language) { problems.add("language", "must be sv or en") }
        problems.requireText(bodyName, "body-name", max: 200)
        problems.requireText(licenceName, "licence-name", max: 200)
        if !SwedishIdentifiers.isWebAddress(licenceURL) { problems.add("licence-url", "\(ValidationError.quote(licenceURL)) is not an http(s) address (an IRI must be written as its URI)") }
        if !contactEmail.isEmpty, contactEmail.split(separator: "@").count != 2 || contactEmail.contains(where: \.isWhitespace) {
            problems.add("contact-email", "\(ValidationError.quote(contactEmail)) is not an e-mail address")
        }
        if !["yes", "no"].contains(actorsPublic) { problems.add("actors-public", "must be yes or no") }
        if !["yes", "no"].contains(reviewRequired) { problems.add("review-required", "must be yes or no") }
        if !Self.publisherTypes.contains(cataloguePublisherType) {
            problems.add("catalogue-publisher-type", "must be one of \(Self.publisherTypes.joined(separator: ", "))")
        }
        if !cataloguePublisher.isEmpty { problems.requireText(cataloguePublisher, "catalogue-publisher", max: 200) }
        if !catalogueDescriptionSv.isEmpty { problems.requireText(catalogueDescriptionSv, "catalogue-description-sv", max: 2000) }
        if !catalogueDescriptionEn.isEmpty { problems.requireText(catalogueDescriptionEn, "catalogue-description-en", max: 2000) }
        if !(Self.wholeNumber(publicationDeadline).map { (0...365).contains($0) } ?? false) {
            problems.add("publication-deadline-days", "\(ValidationError.quote(publicationDeadline)) is not a whole number of days from 0 to 365")
        }
        if !(Self.wholeNumber(subjectMinimumWords).map { (0...20).contains($0) } ?? false) {
            problems.add("subject-minimum-words", "\(ValidationError.quote(subjectMinimumWords)) is not a whole number from 0 to 20")
        }
        if vaguePhrases.unicodeScalars.count > 2000 { problems.add("vague-phrases", "is longer than 2000 characters") }
        try problems.check()
    }

    /// The days after a meeting's day within which it must be published (14 unless set).
    public var publicationDeadlineDays: Int { Self.wholeNumber(publicationDeadline) ?? 14 }

    /// The fewest words a subject must have (3 unless set).
    public var minimumSubjectWords: Int { Self.wholeNumber(subjectMinimumWords) ?? 3 }

    /// The registrar's vague phrases, each trimmed, empty ones left out.
    public var vaguePhraseList: [String] {
        vaguePhrases.split(separator: ";").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    private static func wholeNumber(_ text: String) -> Int? {
        guard !text.isEmpty, text.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }), text.count <= 4 else { return nil }
        return Int(text)
    }

    static func load(_ db: Database) throws -> RegisterSettings {
        var settings = RegisterSettings()
        let rows = try Row.fetchAll(db.cachedStatement(sql: "SELECT key, value FROM setting"))
        for row in rows {
            let key: String = row[0]
            if let keyPath = keys.first(where: { $0.0 == key })?.1 { settings[keyPath: keyPath] = row[1] }
        }
        return settings
    }

    func save(_ db: Database) throws {
        let current = try Self.load(db)
        let fixed = [("tag-authority", current.tagAuthority != tagAuthority), ("tag-date", current.tagDate != tagDate)]
            .filter(\.1).map(\.0)
        if !fixed.isEmpty, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM meeting") ?? 0 > 0 {
            throw ValidationError(problems: fixed.map {
                .init(field: $0, message: "cannot change once meetings are published: their Atom ids would change")
            })
        }
        for (key, keyPath) in Self.keys {
            try db.execute(sql: "INSERT INTO setting(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           arguments: [key, self[keyPath: keyPath]])
        }
        // The timeliness counts are by local day and month.
        if current.timeZoneIdentifier != timeZoneIdentifier { try PublicationTimeliness.rebuild(in: db) }
    }
}
