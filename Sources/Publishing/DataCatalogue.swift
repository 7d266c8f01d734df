import Foundation
import RegisterCore

/// The register's entry in Sweden's national data portal: a DCAT-AP-SE 3.0 catalogue
/// in RDF/XML that the portal harvests. It describes one dataset, the register, with
/// a distribution per download (the JSON export, each CSV file, the change stream),
/// the main Atom feed, and the read API as a `dcat:DataService` whose endpoint
/// description is the OpenAPI document. It has every property DCAT-AP-SE marks
/// mandatory and the recommended ones the register can know: titles and
/// descriptions in Swedish and English, publisher (with its ADMS type), contact
/// point, licence, EU data theme, EU file types and IANA media types, access and
/// download URLs, and the dates of the ledger's first and latest change.
public struct DataCatalogue {
    public let publication: Publication
    /// When the ledger began and its head, for `dcterms:issued` and `dcterms:modified`.
    public let issued: Date?
    public let modified: Date?

    public init(publication: Publication, issued: Date?, modified: Date?) {
        self.publication = publication
        self.issued = issued
        self.modified = modified
    }

    public static let mediaType = "application/rdf+xml"

    static let namespaces: KeyValuePairs<String, String?> = [
        "xmlns:rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "xmlns:dcat": "http://www.w3.org/ns/dcat#",
        "xmlns:dcterms": "http://purl.org/dc/terms/",
        "xmlns:foaf": "http://xmlns.com/foaf/0.1/",
        "xmlns:vcard": "http://www.w3.org/2006/vcard/ns#",
        "xmlns:xsd": "http://www.w3.org/2001/XMLSchema#",
    ]
    static let dataTheme = "http://publications.europa.eu/resource/authority/data-theme/"
    static let fileType = "http://publications.europa.eu/resource/authority/file-type/"
    static let language = "http://publications.europa.eu/resource/authority/language/"
    static let ianaMediaType = "https://www.iana.org/assignments/media-types/"

    /// A distribution of the dataset: a file to download or a feed to follow.
    struct Distribution {
        var id: String
        var url: String
        var title: (sv: String, en: String)
        var fileType: String
        var mediaType: String?
        var conformsTo: String?
    }

    var distributions: [Distribution] {
        let csv: [Distribution] = RegisterCSVExport.Entity.allCases.map { entity in
            let file = entity.rawValue + ".csv"
            let names = Self.csvNames[entity.rawValue] ?? (entity.rawValue, entity.rawValue)
            return Distribution(id: "csv-" + entity.rawValue, url: publication.url(.download(SiteURL.Download(rawValue: file)!)),
                                title: ("\(names.sv) som CSV (\(file))", "\(names.en) as CSV (\(file))"), fileType: "CSV", mediaType: "text/csv")
        }
        return [
            Distribution(id: "json", url: publication.url(.download(.registerJSON)),
                         title: ("Hela registret som JSON (register.json)", "The whole register as JSON (register.json)"),
                         fileType: "JSON", mediaType: "application/json", conformsTo: publication.registerSchemaURL),
        ] + csv + [
            Distribution(id: "changes", url: publication.url(.download(.changes)),
                         title: ("Offentliga ändringar som JSON Lines (changes.jsonl)", "Public changes as JSON Lines (changes.jsonl)"),
                         fileType: "JSON", mediaType: nil, conformsTo: publication.changeSchemaURL),
            Distribution(id: "atom", url: publication.feedURL(.all),
                         title: ("Atom-flöde med de senaste ändringarna (meetings.atom)", "Atom feed of the latest changes (meetings.atom)"),
                         fileType: "ATOM", mediaType: "application/atom+xml"),
        ]
    }

    static let csvNames: [String: (sv: String, en: String)] = [
        "meetings": ("Möten", "Meetings"), "units": ("Enheter", "Units"), "officials": ("Företrädare", "Officials"),
        "organisations": ("Organisationer", "Organisations"), "issues": ("Påverkansfrågor", "Issues"),
    ]

    var settings: RegisterSettings { publication.settings }
    var catalogueURI: String { publication.apiURL(.catalogue) }
    var datasetURI: String { publication.url(.openData) + "#dataset" }
    var serviceURI: String { publication.apiURL(.documentation) + "#service" }
    var publisherURI: String { publication.url(.about) + "#publisher" }
    var publisherName: String { settings.cataloguePublisher.isEmpty ? settings.bodyName : settings.cataloguePublisher }

    /// CC's licences as DCAT-AP-SE lists them (http, not https), so that the portal recognises them.
    var licence: String {
        let url = settings.licenceURL
        return url.hasPrefix("https://creativecommons.org/") ? "http://" + url.dropFirst("https://".count) : url
    }

    var datasetDescription: (sv: String, en: String) {
        (settings.catalogueDescriptionSv.isEmpty
            ? "Möten mellan \(settings.bodyName) och de som vill påverka, och de påverkansfrågor \(settings.bodyName) driver: när, vilka, om vad och vad som sades, med varje rättelse och återkallelse. Uppgifter som omfattas av sekretess eller är personuppgifter om privatpersoner publiceras inte."
            : settings.catalogueDescriptionSv,
         settings.catalogueDescriptionEn.isEmpty
            ? "Meetings between \(settings.bodyName) and those who seek to influence it, and the issues \(settings.bodyName) pursues: when, who, about what and what was said, with every correction and withdrawal. Confidential values and private persons' personal data are not published."
            : settings.catalogueDescriptionEn)
    }

    public func write(to sink: any ByteSink) throws {
        let xml = XMLWriter(sink)
        try xml.declaration()
        try xml.startElement("rdf:RDF", attributes: Self.namespaces)

        try xml.startElement("dcat:Catalog", attributes: ["rdf:about": catalogueURI])
        try texts("dcterms:title", ("Lobbyregister – \(settings.bodyName)", "Lobbying register – \(settings.bodyName)"), xml)
        try texts("dcterms:description", ("Öppna data från \(settings.bodyName)s lobbyregister: registret, dess ändringar, flöden och API.",
                                          "Open data of the lobbying register of \(settings.bodyName): the register, its changes, feeds and API."), xml)
        try resource("dcterms:publisher", publisherURI, xml)
        try resource("dcterms:license", licence, xml)
        try resource("foaf:homepage", publication.url(.home), xml)
        try resource("dcterms:language", Self.language + "SWE", xml)
        try resource("dcterms:language", Self.language + "ENG", xml)
        try resource("dcat:themeTaxonomy", "http://publications.europa.eu/resource/authority/data-theme", xml)
        try dates(xml)
        try resource("dcat:dataset", datasetURI, xml)
        try resource("dcat:service", serviceURI, xml)
        try xml.endElement()

        try xml.startElement("dcat:Dataset", attributes: ["rdf:about": datasetURI])
        try texts("dcterms:title", ("Lobbyregister – möten och påverkansfrågor", "Lobbying register – meetings and issues"), xml)
        try texts("dcterms:description", datasetDescription, xml)
        try resource("dcterms:publisher", publisherURI, xml)
        try contactPoint(xml)
        for (sv, en) in [("lobbying", "lobbying"), ("påverkan", "influence"), ("öppenhet", "transparency"), ("möten", "meetings")] {
            try texts("dcat:keyword", (sv, en), xml)
        }
        try resource("dcat:theme", Self.dataTheme + "GOVE", xml)
        try resource("dcterms:accessRights", "http://publications.europa.eu/resource/authority/access-right/PUBLIC", xml)
        try resource("dcterms:accrualPeriodicity", "http://publications.europa.eu/resource/authority/frequency/UPDATE_CONT", xml)
        try resource("dcterms:language", Self.language + "SWE", xml)
        try resource("dcat:landingPage", publication.url(.openData), xml)
        try dates(xml)
        for distribution in distributions { try resource("dcat:distribution", datasetURI + "-" + distribution.id, xml) }
        try resource("dcat:distribution", datasetURI + "-api", xml)
        try xml.endElement()

        for distribution in distributions {
            try xml.startElement("dcat:Distribution", attributes: ["rdf:about": datasetURI + "-" + distribution.id])
            try texts("dcterms:title", distribution.title, xml)
            try resource("dcat:accessURL", distribution.url, xml)
            try resource("dcat:downloadURL", distribution.url, xml)
            try resource("dcterms:format", Self.fileType + distribution.fileType, xml)
            if let mediaType = distribution.mediaType { try resource("dcat:mediaType", Self.ianaMediaType + mediaType, xml) }
            if let schema = distribution.conformsTo { try resource("dcterms:conformsTo", schema, xml) }
            try resource("dcterms:license", licence, xml)
            if let modified { try date("dcterms:modified", modified, xml) }
            try xml.endElement()
        }
        try xml.startElement("dcat:Distribution", attributes: ["rdf:about": datasetURI + "-api"])
        try texts("dcterms:title", ("Läs-API (JSON)", "Read API (JSON)"), xml)
        try resource("dcat:accessURL", publication.apiURL(.head), xml)
        try resource("dcat:accessService", serviceURI, xml)
        try resource("dcterms:format", Self.fileType + "JSON", xml)
        try resource("dcat:mediaType", Self.ianaMediaType + "application/json", xml)
        try resource("dcterms:license", licence, xml)
        try xml.endElement()

        try xml.startElement("dcat:DataService", attributes: ["rdf:about": serviceURI])
        try texts("dcterms:title", ("Lobbyregistrets läs-API", "The lobbying register's read API"), xml)
        try texts("dcterms:description", ("JSON under /api/v1/ i JSON-exportens former: möten med söksidans filter, katalogen, registrets huvud och ändringsströmmen.",
                                          "JSON under /api/v1/ in the JSON export's forms: meetings with the search page's filters, the catalogue, the register's head and the change stream."), xml)
        try resource("dcat:endpointURL", publication.apiURL(.head), xml)
        try resource("dcat:endpointDescription", publication.apiURL(.openAPI), xml)
        try resource("dcterms:format", Self.fileType + "JSON", xml)
        try resource("dcat:servesDataset", datasetURI, xml)
        try resource("dcterms:publisher", publisherURI, xml)
        try contactPoint(xml)
        try texts("dcat:keyword", ("lobbying", "lobbying"), xml)
        try resource("dcterms:accessRights", "http://publications.europa.eu/resource/authority/access-right/PUBLIC", xml)
        try resource("dcterms:license", licence, xml)
        try resource("foaf:page", publication.apiURL(.documentation), xml)
        try xml.endElement()

        try xml.startElement("foaf:Organization", attributes: ["rdf:about": publisherURI])
        try xml.element("foaf:name", text: publisherName)
        try resource("dcterms:type", "http://purl.org/adms/publishertype/" + settings.cataloguePublisherType, xml)
        try xml.endElement()

        try xml.endElement()
        try xml.finish()
    }

    /// The contact point, when the register has a contact e-mail (a vcard of DCAT-AP-SE must have one).
    private func contactPoint(_ xml: XMLWriter) throws {
        guard !settings.contactEmail.isEmpty else { return }
        try xml.startElement("dcat:contactPoint")
        try xml.startElement("vcard:Organization")
        try xml.element("vcard:fn", text: publisherName)
        try resource("vcard:hasEmail", "mailto:" + settings.contactEmail, xml)
        try xml.endElement()
        try xml.endElement()
    }

    private func dates(_ xml: XMLWriter) throws {
        if let issued { try date("dcterms:issued", issued, xml) }
        if let modified { try date("dcterms:modified", modified, xml) }
    }

    private func date(_ name: String, _ date: Date, _ xml: XMLWriter) throws {
        try xml.element(name, attributes: ["rdf:datatype": "http://www.w3.org/2001/XMLSchema#dateTime"], text: Timestamp.format(date))
    }

    private func texts(_ name: String, _ text: (sv: String, en: String), _ xml: XMLWriter) throws {
        try xml.element(name, attributes: ["xml:lang": "sv"], text: text.sv)
        try xml.element(name, attributes: ["xml:lang": "en"], text: text.en)
    }

    private func resource(_ name: String, _ uri: String, _ xml: XMLWriter) throws {
        try xml.emptyElement(name, attributes: ["rdf:resource": uri])
    }
}
