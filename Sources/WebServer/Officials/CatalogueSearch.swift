import Foundation
import RegisterCore

/// The server-side search step of the meeting form: the catalogue's officials,
/// organisations or issues whose name (or title, organisationsnummer, case number)
/// contains what was typed, ignoring case and diacritics.
struct CatalogueSearch: Sendable {
    /// One entry as the form lists it.
    struct Entry: Sendable, Equatable {
        let id: Int64
        let label: String
        let searched: [String]
    }

    static let limit = 10
    let entries: [MeetingFormInput.Pick: [Entry]]

    init(officials: [PublicOfficial], organisations: [PublicOrganisation], issues: [PublicIssue]) {
        entries = [
            .official: officials.map { Entry(id: $0.id, label: "\($0.name), \($0.title)", searched: [$0.name, $0.title]) },
            .organisation: organisations.map { organisation in
                Entry(id: organisation.id, label: organisation.organisationNumber.map { "\(organisation.name) (\($0))" } ?? organisation.name,
                      searched: [organisation.name, organisation.organisationNumber ?? "",
                                 organisation.organisationNumber?.replacingOccurrences(of: "-", with: "") ?? ""])
            },
            .issue: issues.map { issue in
                Entry(id: issue.id, label: issue.caseNumber.map { "\(issue.title) (\($0))" } ?? issue.title,
                      searched: [issue.title, issue.caseNumber ?? ""])
            },
        ]
    }

    func label(_ pick: MeetingFormInput.Pick, _ id: Int64) -> String {
        entries[pick]?.first { $0.id == id }?.label ?? "#\(id)"
    }

    /// The first `limit` entries matching every word of `query`, leaving out those in `excluding`.
    func matches(_ pick: MeetingFormInput.Pick, _ query: String, excluding: Set<Int64>) -> [Entry] {
        let words = query.split(whereSeparator: \.isWhitespace).map(String.init)
        guard !words.isEmpty else { return [] }
        let found = (entries[pick] ?? []).filter { entry in
            !excluding.contains(entry.id) && words.allSatisfy { word in
                entry.searched.contains { $0.range(of: word, options: [.caseInsensitive, .diacriticInsensitive]) != nil }
            }
        }
        return Array(found.prefix(Self.limit))
    }
}
