import Foundation
import Publishing
import RegisterCore

/// The meeting page's view, built from the public projection only: who met whom,
/// when and where, about what; each withheld field with its legal ground and
/// release date; the versions; the feeds.
struct MeetingView: PageView {
    static let template = "meeting"

    /// One row of the facts list: a label and either a text, lines, or the reason it is withheld.
    struct Fact: Sendable {
        let label: String
        var text: String?
        var lines: [Line] = []
        var withheldReason: String?
        let showLines: Bool
        /// The language of `text` when it is the register's own words (a subject, a
        /// summary), which an English page still shows as written.
        var textLang: String?

        init(_ label: String, text: String? = nil, lines: [Line] = [], withheld: String? = nil, textLang: String? = nil) {
            self.label = label
            self.text = text
            self.textLang = textLang
            self.lines = lines
            withheldReason = withheld
            showLines = !lines.isEmpty
        }
    }

    /// An item of a fact: text or a link, an optional link after it (a client), and details.
    struct Line: Sendable {
        let text: String
        let href: String?
        var alsoLabel: String?
        var also: PageLink?
        var detail: String?
    }

    struct WithheldRow: Sendable {
        let field: String
        let ground: String
        let status: String
        let until: String
    }

    let title: String
    let lead: String
    let correction: String?
    let facts: [Fact]
    let withheld: [WithheldRow]
    let hasWithheld: Bool
    let recordedAt: String
    let publishedAt: String
    let updatedAt: String
    let version: String
    let history: [MeetingHistory.Version]
    /// The language the register's records are written in.
    let contentLang: String
    let feedLinks: [PageLink]
    let feeds: [PageLink]
    /// The ways to change the meeting, for a signed-in person who may (never on the shared public page).
    var actions: [PageLink] = []
    var hasActions = false

    init(_ meeting: PublicMeeting, catalogue: CatalogueIndex, history: MeetingHistory, context: PageContext) {
        let strings = context.strings
        let dates = context.dates
        title = MeetingDescription(meeting, catalogue: catalogue, dates: dates, bodyName: context.settings.bodyName).title

        func withholding(_ field: MeetingField) -> String? {
            guard let reason = meeting.withheld[field] else { return nil }
            if reason.redacted { return strings.format("meetingRedactedValue", reason.ground) }
            if let until = reason.until { return strings.format("meetingWithheldUntil", reason.ground, dates.text(until)) }
            return strings.format("meetingWithheldValue", reason.ground)
        }
        let contentLang = context.settings.language
        func fact(_ key: String, _ field: MeetingField, text: String? = nil, lines: [Line] = [], isContent: Bool = false) -> Fact {
            if let reason = withholding(field) { return Fact(context[key], withheld: reason) }
            if text == nil && lines.isEmpty { return Fact(context[key], text: context["meetingNone"]) }
            return Fact(context[key], text: text, lines: lines, textLang: isContent ? contentLang : nil)
        }

        var when: String?
        if let start = meeting.startsAt {
            when = dates.dayAndTime(start)
            if let minutes = meeting.durationMinutes {
                when! += "–" + dates.time(start.addingTimeInterval(TimeInterval(minutes * 60)))
            }
        }
        let direction = meeting.direction.map { $0 == .inbound ? context["meetingLeadInbound"] : context["meetingLeadOutbound"] }
            ?? context["meetingLeadUnknown"]
        lead = strings.format("meetingLead", direction, meeting.startsAt.map { strings.format("meetingLeadAt", dates.dayAndTime($0)) } ?? "")
            .replacingOccurrences(of: " .", with: ".")
        correction = meeting.version > 1 ? meeting.correctionReason.map {
            strings.format("meetingCorrectedNote", dates.day(meeting.updatedAt), $0)
        } : nil

        let officials = (meeting.participants ?? []).map { id -> Line in
            guard let official = catalogue.officials[id] else { return Line(text: "#\(id)", href: nil) }
            let unit = catalogue.units[official.unit]?.name
            return Line(text: official.name, href: SiteURL.official(id).path,
                        detail: [official.title, official.party, unit].compactMap { $0 }.joined(separator: ", "))
        }
        let counterparts = (meeting.counterparts ?? []).map { counterpart -> Line in
            let people = counterpart.people.map { person in
                let name = person.name ?? "\(context["meetingPrivatePerson"]) (\(context["meetingPrivatePersonNote"]))"
                return person.role.map { "\(name), \($0)" } ?? name
            }.joined(separator: "; ")
            let client = counterpart.onBehalfOf.map { PageLink(catalogue.organisationName($0), .organisation($0)) }
            guard let organisation = counterpart.organisation else {
                return Line(text: people.isEmpty ? context["meetingPrivatePerson"] : people, href: nil,
                            alsoLabel: client == nil ? nil : context["meetingOnBehalfOf"], also: client)
            }
            return Line(text: catalogue.organisationName(organisation), href: SiteURL.organisation(organisation).path,
                        alsoLabel: client == nil ? nil : context["meetingOnBehalfOf"], also: client,
                        detail: people.isEmpty ? nil : people)
        }
        let issues = (meeting.issues ?? []).map { Line(text: catalogue.issueTitle($0), href: SiteURL.issue($0).path) }
        let documents = (meeting.documents ?? []).map { document in
            Line(text: document.title, href: document.url, detail: strings.document(document.direction))
        }
        facts = [
            fact("meetingWho", .participants, lines: officials),
            fact("meetingWhom", .counterparts, lines: counterparts),
            fact("meetingWhen", .startsAt, text: when),
            fact("meetingDuration", .durationMinutes, text: meeting.durationMinutes.map { strings.format("meetingMinutes", String($0)) }),
            fact("meetingPlace", .place, text: meeting.place, isContent: true),
            fact("meetingFormat", .format, text: meeting.format.map(strings.format)),
            fact("meetingDirection", .direction, text: meeting.direction.map(strings.direction)),
            fact("meetingInitiator", .initiator, text: meeting.initiator.map(strings.initiator)),
            fact("meetingIssues", .issues, lines: issues),
            fact("meetingSubject", .subject, text: meeting.subject, isContent: true),
            fact("meetingSummary", .summary, text: meeting.summary, isContent: true),
            fact("meetingDocuments", .documents, lines: documents),
        ]
        withheld = meeting.withheld.sorted { $0.key < $1.key }.map { field, reason in
            WithheldRow(field: strings.field(field), ground: reason.ground,
                        status: reason.redacted ? context["meetingRedactedStatus"] : context["meetingWithheldStatus"],
                        until: reason.until?.description ?? context["meetingNoRelease"])
        }
        hasWithheld = !withheld.isEmpty
        recordedAt = dates.rfc3339(meeting.recordedAt)
        publishedAt = dates.rfc3339(meeting.publishedAt)
        updatedAt = dates.rfc3339(meeting.updatedAt)
        version = String(meeting.version)
        self.history = history.versions
        self.contentLang = contentLang

        var feedLinks = (meeting.issues ?? []).map { PageLink(strings.format("meetingFeedIssue", catalogue.issueTitle($0)), .feed(.issue($0))) }
        feedLinks += (meeting.participants ?? []).map { PageLink(catalogue.officialName($0), .feed(.official($0))) }
        let organisations = (meeting.counterparts ?? []).flatMap { [$0.organisation, $0.onBehalfOf].compactMap { $0 } }
        var seen: Set<Int64> = []
        feedLinks += organisations.filter { seen.insert($0).inserted }.map { PageLink(catalogue.organisationName($0), .feed(.organisation($0))) }
        feedLinks.append(PageLink(context["meetingFeedAll"], .feed(.all)))
        self.feedLinks = feedLinks
        feeds = feedLinks
    }
}

/// The page of a withdrawn meeting, answered with 410: the withdrawal notice and its reason.
struct WithdrawnMeetingView: PageView {
    static let template = "meeting-withdrawn"
    let title: String
    let heading: String
    let text: String
    let reason: String
    let contentLang: String
    let note: String
    let feeds: [PageLink]

    init(_ meeting: PublicMeeting, context: PageContext) {
        contentLang = context.settings.language
        heading = context["meetingWithdrawnTitle"]
        title = "\(context.strings.format("meetingNumber", String(meeting.id))): \(heading)"
        text = context.strings.format("meetingWithdrawnText", context.dates.dayAndTime(meeting.publishedAt),
                                      context.dates.dayAndTime(meeting.withdrawnAt ?? meeting.updatedAt))
        reason = meeting.withdrawalReason ?? ""
        note = context["meetingWithdrawnNote"]
        feeds = [PageLink(context["feedLink"], .feed(.all))]
    }
}
