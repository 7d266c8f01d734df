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
        self.init(tags: try SearchIndex.storedTags(ids, in: db).values)
    }

    /// The counts over the meetings whose stored tags are `tags`, one string each.
    init(tags: some Sequence<String>) {
        var counter = Counter()
        for line in tags {
            var line = line
            line.withUTF8 { counter.count($0) }
        }
        for (parameter, names, counts) in [(MeetingSearch.Parameter.direction, Counter.directions, counter.directions),
                                           (.format, Counter.formats, counter.formats), (.kind, Counter.kinds, counter.kinds)] {
            for (index, count) in counts.enumerated() where count > 0 { choices[parameter, default: [:]][names[index].value] = count }
        }
        for (parameter, counts) in [(MeetingSearch.Parameter.official, counter.officials), (.unit, counter.units),
                                    (.organisation, counter.organisations), (.issue, counter.issues)] where !counts.isEmpty {
            records[parameter] = counts
        }
    }

    /// Counts the tags of one meeting after another, read as bytes: a tag is a
    /// letter and a value (`dinbound`, `o12`), with a "_" before it, or without in a
    /// register indexed before "_" was a token character.
    private struct Counter {
        /// A choice's value as a tag writes it (`inperson`), and as its parameter takes it (`in-person`).
        static let directions = MeetingDirection.allCases.map { (tag: Array($0.rawValue.utf8), value: $0.rawValue) }
        static let formats = MeetingFormat.allCases.map { (tag: Array($0.rawValue.replacingOccurrences(of: "-", with: "").utf8), value: $0.rawValue) }
        static let kinds = OrganisationKind.allCases.map { (tag: Array($0.rawValue.replacingOccurrences(of: "-", with: "").utf8), value: $0.rawValue) }

        var directions = [Int](repeating: 0, count: Self.directions.count)
        var formats = [Int](repeating: 0, count: Self.formats.count)
        var kinds = [Int](repeating: 0, count: Self.kinds.count)
        var officials: [Int64: Int] = [:], units: [Int64: Int] = [:], organisations: [Int64: Int] = [:], issues: [Int64: Int] = [:]

        mutating func count(_ line: UnsafeBufferPointer<UInt8>) {
            let space = UInt8(ascii: " "), underscore = UInt8(ascii: "_")
            var start = 0
            while start < line.count {
                var end = start
                while end < line.count, line[end] != space { end += 1 }
                var first = start
                if first < end, line[first] == underscore { first += 1 }
                if first < end { count(letter: line[first], value: UnsafeBufferPointer(rebasing: line[(first + 1)..<end])) }
                start = end + 1
            }
        }

        private mutating func count(letter: UInt8, value: UnsafeBufferPointer<UInt8>) {
            switch letter {
            case UInt8(ascii: "d"): Self.choice(value, of: Self.directions).map { directions[$0] += 1 }
            case UInt8(ascii: "f"): Self.choice(value, of: Self.formats).map { formats[$0] += 1 }
            case UInt8(ascii: "k"): Self.choice(value, of: Self.kinds).map { kinds[$0] += 1 }
            case UInt8(ascii: "o"): Self.id(value).map { officials[$0, default: 0] += 1 }
            case UInt8(ascii: "u"): Self.id(value).map { units[$0, default: 0] += 1 }
            case UInt8(ascii: "g"): Self.id(value).map { organisations[$0, default: 0] += 1 }
            case UInt8(ascii: "i"): Self.id(value).map { issues[$0, default: 0] += 1 }
            default: break
            }
        }

        private static func choice(_ value: UnsafeBufferPointer<UInt8>, of choices: [(tag: [UInt8], value: String)]) -> Int? {
            choices.firstIndex { $0.tag.elementsEqual(value) }
        }

        /// The number `Int64(_:)` reads from the value's text: digits, with a sign or not, within range.
        private static func id(_ value: UnsafeBufferPointer<UInt8>) -> Int64? {
            var digits = value[...]
            var negative = false
            if let sign = digits.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                negative = sign == UInt8(ascii: "-")
                digits = digits.dropFirst()
            }
            guard !digits.isEmpty else { return nil }
            var number: Int64 = 0
            for byte in digits {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                let digit = Int64(byte - UInt8(ascii: "0"))
                let (times, overflowed) = number.multipliedReportingOverflow(by: 10)
                let (sum, overflowedAgain) = negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
                guard !overflowed, !overflowedAgain else { return nil }
                number = sum
            }
            return number
        }
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
}
