import Foundation
import RegisterCore

/// One Atom (RFC 4287) document of meetings: a subscription feed or an archive page
/// (RFC 5005), with RFC 6721 tombstones for withdrawn meetings. Each meeting is in
/// it once, as the version the document holds; `updated` is the document's newest change.
struct AtomFeed {
    var id: String
    var title: String
    var subtitle: String?
    var path: String
    var alternate: String
    var links: [(rel: String, href: String)]
    var isArchive: Bool
    var updated: Date
    var entries: [PublicMeeting]
    var tombstones: [PublicMeeting]
    /// The catalogue to name people and organisations by, when not the current one.
    var catalogue: CatalogueIndex? = nil

    /// Writes the document; the same input gives the same bytes.
    func write(to sink: any ByteSink, publication: Publication, catalogue: CatalogueIndex) throws {
        let dates = LocalDates(timeZone: publication.timeZone, language: publication.language)
        let settings = publication.settings
        let xml = XMLWriter(sink)
        try xml.declaration()
        let depth = path.filter { $0 == "/" }.count
        try xml.stylesheet(href: String(repeating: "../", count: depth) + "feed.xsl")
        try xml.startElement("feed", attributes: [
            "xmlns": "http://www.w3.org/2005/Atom",
            "xmlns:fh": "http://purl.org/syndication/history/1.0",
            "xmlns:at": "http://purl.org/atompub/tombstones/1.0",
            "xml:lang": publication.language,
        ])
        try xml.element("id", text: id)
        try xml.element("title", text: title)
        if let subtitle { try xml.element("subtitle", text: subtitle) }
        try xml.element("updated", text: dates.rfc3339(updated))
        try xml.startElement("author")
        try xml.element("name", text: settings.bodyName)
        try xml.element("uri", text: publication.baseURL)
        try xml.endElement()
        try xml.element("generator", attributes: ["uri": "https://github.com/insyn/insyn", "version": "0.1"], text: "Insyn")
        try xml.element("rights", text: "\(settings.licenceName) – \(settings.licenceURL)")
        try xml.emptyElement("link", attributes: ["rel": "self", "type": "application/atom+xml", "href": publication.feedRoot + path])
        try xml.emptyElement("link", attributes: ["rel": "alternate", "type": "text/html", "href": alternate])
        try xml.emptyElement("link", attributes: ["rel": "license", "href": settings.licenceURL])
        for link in links {
            try xml.emptyElement("link", attributes: ["rel": link.rel, "type": "application/atom+xml", "href": link.href])
        }
        if isArchive { try xml.emptyElement("fh:archive") }
        for tombstone in tombstones {
            try xml.startElement("at:deleted-entry", attributes: [
                "ref": publication.tag("meeting", tombstone.id),
                "when": dates.rfc3339(tombstone.withdrawnAt ?? tombstone.updatedAt),
            ])
            try xml.emptyElement("link", attributes: ["rel": "alternate", "type": "text/html", "href": publication.meetingPage(tombstone.id)])
            if let reason = tombstone.withdrawalReason { try xml.element("at:comment", text: reason) }
            try xml.endElement()
        }
        for meeting in entries {
            try entry(meeting, xml: xml, publication: publication, catalogue: catalogue, dates: dates)
        }
        try xml.endElement()
        try xml.finish()
    }

    private func entry(_ meeting: PublicMeeting, xml: XMLWriter, publication: Publication, catalogue: CatalogueIndex,
                       dates: LocalDates) throws {
        let description = MeetingDescription(meeting, catalogue: catalogue, dates: dates, bodyName: publication.settings.bodyName)
        try xml.startElement("entry")
        try xml.element("id", text: publication.tag("meeting", meeting.id))
        try xml.element("title", text: description.title)
        try xml.element("published", text: dates.rfc3339(meeting.publishedAt))
        try xml.element("updated", text: dates.rfc3339(meeting.updatedAt))
        for author in description.authors {
            try xml.startElement("author")
            try xml.element("name", text: author)
            try xml.endElement()
        }
        try xml.emptyElement("link", attributes: ["rel": "alternate", "type": "text/html", "href": publication.meetingPage(meeting.id)])
        try xml.emptyElement("link", attributes: ["rel": "alternate", "type": "application/json", "href": publication.meetingJSON(meeting.id)])
        for issue in description.issues {
            try xml.emptyElement("category", attributes: [
                "term": String(issue.id), "scheme": publication.baseURL + "issues/", "label": issue.title,
            ])
        }
        if let subject = meeting.subject { try xml.element("summary", text: subject) }
        try xml.startElement("content", attributes: ["type": "xhtml"])
        try xml.startElement("div", attributes: ["xmlns": "http://www.w3.org/1999/xhtml"])
        try xml.startElement("dl")
        for line in description.lines {
            try xml.element("dt", text: line.label)
            try xml.element("dd", text: line.text)
        }
        try xml.endElement()
        try xml.endElement()
        try xml.endElement()
        try xml.endElement()
    }
}
