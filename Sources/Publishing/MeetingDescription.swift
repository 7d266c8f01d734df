import Foundation
import RegisterCore

/// A meeting told in words for people: its title ("Möte med Nordvind AB om
/// Dubbelspår på Exempelbanan") and labelled lines saying who met whom, when,
/// where and about what, and which fields are withheld on which legal ground.
/// Written once for every human-readable format (feed entries, web pages).
public struct MeetingDescription: Sendable {
    public struct Line: Sendable, Equatable {
        public var label: String
        public var text: String
    }

    public let title: String
    public let lines: [Line]
    public let authors: [String]
    public let issues: [(id: Int64, title: String)]

    public init(_ meeting: PublicMeeting, catalogue: CatalogueIndex, dates: LocalDates, bodyName: String) {
        let words = Strings(language: dates.language)
        let issueTitles = (meeting.issues ?? []).map { (id: $0, title: catalogue.issueTitle($0)) }
        issues = issueTitles
        title = Self.title(meeting, catalogue: catalogue, dates: dates)

        var lines: [Line] = []
        func add(_ label: String, _ text: String?) {
            if let text, !text.isEmpty { lines.append(Line(label: label, text: text)) }
        }
        if let start = meeting.startsAt {
            var when = dates.dayAndTime(start)
            if let minutes = meeting.durationMinutes {
                when += "–" + dates.time(start.addingTimeInterval(TimeInterval(minutes * 60)))
            }
            add(words.when, when)
        }
        add(words.place, [meeting.place, meeting.format.map(words.format)].compactMap { $0 }.joined(separator: ", "))
        if let participants = meeting.participants {
            authors = participants.map(catalogue.officialName)
            add(words.ours, participants.map { id in
                guard let official = catalogue.officials[id] else { return "#\(id)" }
                return "\(official.name) (\(official.title)\(official.party.map { ", \($0)" } ?? ""))"
            }.joined(separator: "; "))
        } else {
            authors = [bodyName]
        }
        if let counterparts = meeting.counterparts {
            add(words.theirs, counterparts.map { counterpart in
                var text = counterpart.organisation.map(catalogue.organisationName) ?? ""
                if let client = counterpart.onBehalfOf { text += " \(words.onBehalfOf) \(catalogue.organisationName(client))" }
                let people = counterpart.people.map { person in
                    let name = person.name ?? words.privatePersonWithheld
                    return person.role.map { "\(name), \($0)" } ?? name
                }
                if !people.isEmpty { text += (text.isEmpty ? "" : ": ") + people.joined(separator: "; ") }
                return text
            }.joined(separator: " · "))
        }
        if let direction = meeting.direction { add(words.directionLabel, words.direction(direction)) }
        if let initiator = meeting.initiator { add(words.initiatorLabel, words.initiator(initiator)) }
        add(words.issuesLabel, issueTitles.map(\.title).joined(separator: "; "))
        add(words.subject, meeting.subject)
        add(words.summary, meeting.summary)
        if let documents = meeting.documents, !documents.isEmpty {
            add(words.documents, documents.map { "\($0.title) (\(words.document($0.direction)))\($0.url.map { " \($0)" } ?? "")" }
                .joined(separator: "; "))
        }
        for (field, withholding) in meeting.withheld.sorted(by: { $0.key < $1.key }) {
            var text = "\(withholding.ground)"
            if let until = withholding.until { text += ", \(words.until) \(dates.text(until))" }
            add("\(withholding.redacted ? words.redacted : words.withheld): \(words.field(field))", text)
        }
        if meeting.version > 1, let reason = meeting.correctionReason {
            add(words.corrected, "\(words.version) \(meeting.version), \(dates.day(meeting.updatedAt)): \(reason)")
        }
        add(words.published, dates.dayAndTime(meeting.publishedAt))
        self.lines = lines
    }

    /// The title alone, for a list of meetings (the lines cost far more to write than the title).
    public static func title(_ meeting: PublicMeeting, catalogue: CatalogueIndex, dates: LocalDates) -> String {
        title(organisations: meeting.counterparts.map { $0.compactMap(\.organisation) }, issues: meeting.issues,
              subject: meeting.subject, publishedAt: meeting.publishedAt, catalogue: catalogue, dates: dates)
    }

    /// The same title of a meeting as a list shows it.
    public static func title(_ meeting: ListedMeeting, catalogue: CatalogueIndex, dates: LocalDates) -> String {
        title(organisations: meeting.counterparts.map { $0.compactMap(\.organisation) }, issues: meeting.issues,
              subject: meeting.subject, publishedAt: meeting.publishedAt, catalogue: catalogue, dates: dates)
    }

    /// `organisations`: the named counterparts' organisations, nil when the counterparts are withheld.
    private static func title(organisations ids: [Int64]?, issues: [Int64]?, subject: String?, publishedAt: Date,
                              catalogue: CatalogueIndex, dates: LocalDates) -> String {
        let words = Strings(language: dates.language)
        let counterpartText = ids.map { ids in
            ids.isEmpty ? words.privatePerson : ListFormat.join(ids.map(catalogue.organisationName), and: words.and)
        }
        switch (counterpartText, issues?.first.map(catalogue.issueTitle) ?? subject) {
        case (let who?, let what?): return "\(words.meetingWith) \(who) \(words.about) \(what)"
        case (let who?, nil): return "\(words.meetingWith) \(who)"
        case (nil, let what?): return "\(words.meetingAbout) \(what)"
        case (nil, nil): return "\(words.meeting) \(dates.day(publishedAt))"
        }
    }
}

/// Joins names the way a sentence does: "A, B och C".
enum ListFormat {
    static func join(_ items: [String], and: String) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " \(and) " + items.last!
    }
}
