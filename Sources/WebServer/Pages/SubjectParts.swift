import Foundation
import Hummingbird
import Publishing
import RegisterCore

/// One labelled fact of a subject page's facts list: a text, or a link.
struct SubjectFact: Sendable {
    let label: String
    let text: String
    let href: String?
    /// The language of `text` when it is the register's own words (a position, a
    /// title), which an English page still shows as written.
    let textLang: String?

    init(_ label: String, _ text: String, href: String? = nil, contentLang: String? = nil) {
        self.label = label
        self.text = text
        self.href = href
        textLang = contentLang
    }
}

/// Which page of a subject's meetings a request asks for (`?page=N`, from 1), and the
/// links to its neighbours, which keep the request's other parameters.
struct SubjectPaging: Sendable {
    static let size = 50

    let parameter: String
    let page: Int

    init(_ query: QueryParameters, parameter: String = "page") throws(BadParameter) {
        self.parameter = parameter
        page = Int(try query.integer(parameter, minimum: 1) ?? 1)
    }

    var offset: Int { (page - 1) * Self.size }

    /// How many pages `total` meetings fill (at least one); throws 404 for a page past the last.
    func pages(_ total: Int) throws(HTTPError) -> Int {
        let pages = max(1, (total + Self.size - 1) / Self.size)
        guard page <= pages else { throw HTTPError(.notFound) }
        return pages
    }

    func address(_ page: Int, context: PageContext) -> String {
        var kept = context.query.pairs.filter { $0.name != parameter }.map { (name: $0.name, value: $0.value ?? "") }
        if page > 1 { kept.append((name: parameter, value: String(page))) }
        return context.path + (kept.isEmpty ? "" : "?" + PageContext.encode(kept))
    }
}

/// A subject page's table of meetings: one page of them, newest first, each with its
/// date (ISO 8601), its title as a link and its direction, and links to the pages
/// before and after.
struct SubjectMeetingTable: Sendable {
    struct Row: Sendable {
        let href: String
        let title: String
        let date: String
        let datetime: String?
        let direction: String
        let representedBy: String?
    }

    let rows: [Row]
    let hasRows: Bool
    let count: String
    let pageNote: String?
    let newer: String?
    let older: String?
    let hasPager: Bool
    /// Whether the table has the column naming who represented the organisation (its meetings as a client).
    let showRepresentedBy: Bool

    /// `client`: the organisation whose meetings as a client these are, so that each row names who represented it.
    init(_ meetings: [ListedMeeting], total: Int, paging: SubjectPaging, pages: Int, catalogue: CatalogueIndex,
         context: PageContext, client: Int64? = nil) {
        let dates = context.dates
        rows = meetings.map { meeting in
            let direction = meeting.direction.map { $0 == .inbound ? context["subjectInbound"] : context["subjectOutbound"] }
            let representatives = client.map { client in
                (meeting.counterparts ?? []).filter { $0.onBehalfOf == client }
                    .compactMap { $0.organisation.map(catalogue.organisationName) }.joined(separator: ", ")
            }
            let start = meeting.startsAt.map(dates.rfc3339)
            return Row(href: SiteURL.meeting(meeting.id).path,
                       title: MeetingDescription.title(meeting, catalogue: catalogue, dates: dates),
                       date: start.map { String($0.prefix(10)) } ?? context["subjectWithheld"],
                       datetime: start,
                       direction: direction ?? context["subjectWithheld"],
                       representedBy: representatives)
        }
        hasRows = !rows.isEmpty
        count = context.strings.format("subjectMeetingsCount", String(total))
        pageNote = pages > 1 ? context.strings.format("subjectMeetingsPage", String(paging.page), String(pages)) : nil
        newer = paging.page > 1 ? paging.address(paging.page - 1, context: context) : nil
        older = paging.page < pages ? paging.address(paging.page + 1, context: context) : nil
        hasPager = newer != nil || older != nil
        showRepresentedBy = client != nil
    }
}

/// A footprint as a table: each organisation (a client marked as such, with who
/// represented it) with its number of meetings, inbound and outbound.
struct FootprintTable: Sendable {
    /// An organisation that represented a client, and what follows its link (", " or nothing).
    struct Representative: Sendable {
        let text: String
        let href: String
        let separator: String
    }

    struct Row: Sendable {
        let name: String
        let href: String
        let note: String?
        let representatives: [Representative]
        let hasRepresentatives: Bool
        let kind: String
        let meetings: String
        let inbound: String
        let outbound: String
    }

    let rows: [Row]
    let hasRows: Bool
    let withheldNote: String?

    init(_ footprint: Footprint, catalogue: CatalogueIndex, context: PageContext) {
        rows = footprint.entries.map { entry in
            let representatives = entry.representedBy.enumerated().map { index, id in
                Representative(text: catalogue.organisationName(id), href: SiteURL.organisation(id).path,
                               separator: index < entry.representedBy.count - 1 ? ", " : "")
            }
            return Row(name: catalogue.organisationName(entry.organisation), href: SiteURL.organisation(entry.organisation).path,
                       note: entry.role == .client ? context[representatives.isEmpty ? "subjectClientNoteNoOne" : "subjectClientNoteLabel"] : nil,
                       representatives: representatives, hasRepresentatives: entry.role == .client && !representatives.isEmpty,
                       kind: catalogue.organisations[entry.organisation].map { context["organisationKind-\($0.kind.rawValue)"] } ?? "",
                       meetings: String(entry.meetings), inbound: String(entry.inbound), outbound: String(entry.outbound))
        }
        hasRows = !rows.isEmpty
        withheldNote = footprint.meetingsWithWithheldCounterparts > 0
            ? context.strings.format("subjectFootprintWithheld", String(footprint.meetingsWithWithheldCounterparts)) : nil
    }
}
