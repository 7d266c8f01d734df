import GRDB

/// The counts of every facet's values over a sample of meetings, read from the
/// filter tags the search index holds for each (see `SearchIndex`): one read of
/// the sample instead of one counting query per facet over the public tables. A
/// meeting's tags are its distinct filter values, written with its index row and
/// written again whenever a value they come from changes (the meeting, or the
/// official, organisation or issue it names), so they count what those queries
/// count: meetings per direction, format, counterpart kind, official, unit,
/// organisation (as counterpart or client) and issue.
struct SearchFacetTally {
    private var choices: [MeetingSearch.Parameter: [String: Int]] = [:]
    private var records: [MeetingSearch.Parameter: [Int64: Int]] = [:]

    init(ids: some Collection<Int64>, in db: Database) throws {
        guard !ids.isEmpty else {
            self.init(tags: [])
            return
        }
        self.init(tags: try String.fetchAll(db, sql: """
            SELECT c6 FROM \(SearchIndex.contentTable) WHERE id IN (\(ids.map(String.init).joined(separator: ",")))
            """))
    }

    /// The counts over the meetings whose stored tags are `tags`, one string each.
    init(tags: some Sequence<String>) {
        for line in tags {
            // A register indexed before "_" was a token character stores its tags without it.
            for token in line.split(separator: " ") {
                let tag = token.first == "_" ? token.dropFirst() : token
                guard let letter = tag.first else { continue }
                let value = tag.dropFirst()
                switch letter {
                case "d": count(.direction, MeetingDirection(rawValue: String(value))?.rawValue)
                case "f": count(.format, Self.formats[String(value)])
                case "k": count(.kind, Self.kinds[String(value)])
                case "o": count(.official, Int64(value))
                case "u": count(.unit, Int64(value))
                case "g": count(.organisation, Int64(value))
                case "i": count(.issue, Int64(value))
                default: break
                }
            }
        }
    }

    private mutating func count(_ parameter: MeetingSearch.Parameter, _ value: String?) {
        if let value { choices[parameter, default: [:]][value, default: 0] += 1 }
    }

    private mutating func count(_ parameter: MeetingSearch.Parameter, _ id: Int64?) {
        if let id { records[parameter, default: [:]][id, default: 0] += 1 }
    }

    /// The facet of `parameter`: its `SearchFacet.valueLimit` most frequent values,
    /// ties in the order of the value (a choice) or of the record's name, then id.
    func facet(_ parameter: MeetingSearch.Parameter, selected: String?, isSampled: Bool, in db: Database) throws -> SearchFacet {
        var values: [SearchFacet.Value]
        if let (table, column) = Self.catalogue[parameter] {
            let counts = records[parameter] ?? [:]
            // Only the records counted at least as often as the last one listed can be listed.
            let floor = counts.values.sorted(by: >).prefix(SearchFacet.valueLimit).last ?? 0
            let candidates = counts.filter { $0.value >= floor }
            let names = candidates.isEmpty ? [] : try Row.fetchAll(db, sql: """
                SELECT id, \(column) FROM \(table) WHERE id IN (\(candidates.keys.map(String.init).joined(separator: ",")))
                """).map { (id: $0[0] as Int64, name: $0[1] as String) }
            values = names.map { SearchFacet.Value(value: String($0.id), name: $0.name, count: candidates[$0.id] ?? 0, isSelected: false) }
            values.sort { left, right in
                if left.count != right.count { return left.count > right.count }
                if left.name != right.name { return (left.name ?? "").utf8.lexicographicallyPrecedes((right.name ?? "").utf8) }
                return Int64(left.value) ?? 0 < Int64(right.value) ?? 0
            }
        } else {
            values = (choices[parameter] ?? [:]).map { SearchFacet.Value(value: $0.key, name: nil, count: $0.value, isSelected: false) }
            values.sort { $0.count != $1.count ? $0.count > $1.count : $0.value.utf8.lexicographicallyPrecedes($1.value.utf8) }
        }
        values = values.prefix(SearchFacet.valueLimit).map { value in
            var value = value
            value.isSelected = value.value == selected
            return value
        }
        return SearchFacet(parameter: parameter, values: values, isSampled: isSampled)
    }

    /// The table and name column of the facets whose values are catalogue records.
    private static let catalogue: [MeetingSearch.Parameter: (String, String)] = [
        .official: ("official", "name"), .unit: ("unit", "name"), .organisation: ("organisation", "name"), .issue: ("issue", "title"),
    ]
    /// A tag writes a format or kind without its hyphens (`_finperson`).
    private static let formats = Dictionary(uniqueKeysWithValues: MeetingFormat.allCases.map {
        ($0.rawValue.replacingOccurrences(of: "-", with: ""), $0.rawValue)
    })
    private static let kinds = Dictionary(uniqueKeysWithValues: OrganisationKind.allCases.map {
        ($0.rawValue.replacingOccurrences(of: "-", with: ""), $0.rawValue)
    })
}
