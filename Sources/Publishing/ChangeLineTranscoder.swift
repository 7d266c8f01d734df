import Foundation
import RegisterCore

/// Writes the incremental export's line of a stored change straight from its
/// stored public form, copying each value's bytes, so that a change costs a scan of
/// its bytes instead of a decoding (decoding was ~125 µs a change, four minutes for a
/// million). It writes exactly what `PublicJSON.change` writes: the same members in
/// the same order, the same derived `id`, `uri` and `url`. A value it cannot copy
/// as it stands — a string with an escape or a character `JSONStreamWriter` escapes
/// differently (U+2028, U+2029), a timestamp or day not in the one form, a member it
/// does not know — makes it decline, and the caller decodes that change instead.
struct ChangeLineTranscoder: Sendable {
    private let tagPrefix: [UInt8]
    private let pagePrefix: [UInt8]

    init(_ publication: Publication) {
        func escaped(_ text: String) -> [UInt8] {
            let sink = BufferSink()
            let json = JSONStreamWriter(sink)
            try? json.string(text)
            try? json.finish()
            return Array(sink.take().dropFirst().dropLast())
        }
        tagPrefix = escaped(publication.tag("meeting", ""))
        let page = publication.meetingPage(1)
        pagePrefix = escaped(String(page.dropLast()))
        func feed(_ subject: FeedSubject) -> (prefix: [UInt8], suffix: [UInt8]) {
            let parts = publication.feedURL(subject).components(separatedBy: "/1.atom")
            return (escaped(parts[0] + "/"), escaped(".atom"))
        }
        forms = [
            ("unit", Form(members: Self.table([("name", .required), ("kind", .required)]), feed: nil)),
            ("official", Form(members: Self.table([("name", .required), ("title", .string), ("kind", .required), ("party", .string),
                                                  ("unit", .integer), ("activeFrom", .requiredDay), ("activeTo", .day)]),
                             feed: feed(.official(1)))),
            ("organisation", Form(members: Self.table([("name", .required), ("kind", .required), ("organisationNumber", .string),
                                                      ("soleTrader", .bool), ("euTransparencyId", .string), ("website", .string)]),
                                 feed: feed(.organisation(1)))),
            ("issue", Form(members: Self.table([("title", .required), ("summary", .string), ("position", .string), ("status", .required),
                                               ("caseNumber", .string), ("policyAreas", .strings), ("unit", .integer)]),
                          feed: feed(.issue(1)))),
            ("meeting", Form(members: Self.meetingMembers, feed: nil, hasPage: true)),
        ].map { (Array($0.0.utf8), $0.1) }
    }

    /// How a kind of record's data is written: its members after `id` in PublicJSON's order, and its feed's URL around the id.
    private struct Form {
        /// Name, the bytes `,"name":` and the name's bytes, and how the value is copied.
        var members: [(String, [UInt8], Kind)]
        var feed: (prefix: [UInt8], suffix: [UInt8])?
        /// Each member's name as bytes, in `members`' order.
        let names: [[UInt8]]

        /// Whether the record has a tag URI and a page (`uri`, `url`) after its id: a meeting.
        var hasPage: Bool

        init(members: [(String, [UInt8], Kind)], feed: (prefix: [UInt8], suffix: [UInt8])?, hasPage: Bool = false) {
            self.members = members
            self.feed = feed
            self.hasPage = hasPage
            names = members.map { Array($0.0.utf8) }
        }
    }

    /// Each record kind's form, by the entity its change type begins with.
    private let forms: [(entity: [UInt8], form: Form)]

    /// Appends the line (with its newline) to `out` and returns true, or leaves `out` as it was and returns false.
    func append(_ change: StoredChangeRow, to out: inout [UInt8]) -> Bool {
        let start = out.count
        guard let bytes = change.body.bindMemory(to: UInt8.self).baseAddress.map({ UnsafeBufferPointer(start: $0, count: change.body.count) }),
              write(bytes, sequence: change.sequence, hash: change.hash, to: &out) else {
            out.removeSubrange(start...)
            return false
        }
        return true
    }

    private func write(_ b: UnsafeBufferPointer<UInt8>, sequence: Int64, hash: String, to out: inout [UInt8]) -> Bool {
        let scan = Scanner(b)
        guard let top = scan.object(at: 0), top.end == b.count else { return false }
        var at: Range<Int>?, data: Range<Int>?, reason: Range<Int>?, seq: Range<Int>?, type: Range<Int>?
        for member in top.members {
            switch scan.key(member.key) {
            case "at": at = member.value
            case "data": data = member.value
            case "reason": reason = member.value
            case "seq": seq = member.value
            case "type": type = member.value
            default: return false
            }
        }
        guard let at, let data, let seq, let type, scan.isTimestamp(at), scan.isInteger(seq), scan.isPlainString(type),
              reason.map({ scan.isPlainString($0) || scan.isNull($0) }) ?? true,
              let dot = b[type].firstIndex(of: UInt8(ascii: ".")) else { return false }
        let entity = (type.lowerBound + 1)..<dot
        guard let form = forms.first(where: { scan.equals(entity, $0.entity) })?.form,
              let record = scan.object(at: data.lowerBound), record.end == data.upperBound else { return false }
        var fields = [Range<Int>?](repeating: nil, count: form.members.count)
        var id: Range<Int>?
        for member in record.members {
            if "id" ~= scan.key(member.key) {
                id = member.value
            } else if let index = form.names.firstIndex(where: { scan.equals(member.key, $0) }) {
                fields[index] = member.value
            } else {
                return false
            }
        }
        guard let id, scan.isInteger(id) else { return false }
        out.append(contentsOf: "{\"id\":\"msg_".utf8)
        out.append(contentsOf: UnsafeBufferPointer(rebasing: b[seq]))
        out.append(UInt8(ascii: "_"))
        out.append(contentsOf: hash.utf8.prefix(16))
        out.append(contentsOf: "\",\"type\":".utf8)
        out.append(contentsOf: UnsafeBufferPointer(rebasing: b[type]))
        out.append(contentsOf: ",\"sequence\":".utf8)
        out.append(contentsOf: UnsafeBufferPointer(rebasing: b[seq]))
        out.append(contentsOf: ",\"hash\":\"".utf8)
        out.append(contentsOf: hash.utf8)
        out.append(contentsOf: "\",\"occurred_at\":".utf8)
        out.append(contentsOf: UnsafeBufferPointer(rebasing: b[at]))
        out.append(contentsOf: ",\"entity\":\"".utf8)
        out.append(contentsOf: UnsafeBufferPointer(rebasing: b[entity]))
        out.append(contentsOf: "\",\"entity_id\":".utf8)
        out.append(contentsOf: UnsafeBufferPointer(rebasing: b[id]))
        out.append(contentsOf: ",\"reason\":".utf8)
        Self.put(reason, b, &out)
        out.append(contentsOf: ",\"data\":{\"id\":".utf8)
        out.append(contentsOf: UnsafeBufferPointer(rebasing: b[id]))
        if form.hasPage {
            out.append(contentsOf: ",\"uri\":\"".utf8)
            out.append(contentsOf: tagPrefix)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[id]))
            out.append(contentsOf: "\",\"url\":\"".utf8)
            out.append(contentsOf: pagePrefix)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[id]))
            out.append(UInt8(ascii: "\""))
        }
        for (index, (_, prefix, kind)) in form.members.enumerated() {
            out.append(contentsOf: prefix)
            guard let range = fields[index], !scan.isNull(range) else {
                guard !kind.isAlwaysPresent else { return false }
                out.append(contentsOf: Self.null)
                continue
            }
            switch kind {
            case .string, .required: guard scan.isPlainString(range) else { return false }
            case .timestamp: guard scan.isTimestamp(range) else { return false }
            case .day, .requiredDay: guard scan.isDay(range) else { return false }
            case .bool: guard scan.isBool(range) else { return false }
            case .integer: guard scan.isInteger(range) else { return false }
            case .ids: guard scan.isIdList(range) else { return false }
            case .strings: guard let items = scan.array(range), items.allSatisfy(scan.isPlainString) else { return false }
            case .withheld: guard withheld(range, scan, &out) else { return false }
                continue
            case .counterparts: guard counterparts(range, scan, &out) else { return false }
                continue
            case .documents: guard documents(range, scan, &out) else { return false }
                continue
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[range]))
        }
        if let feed = form.feed {
            out.append(contentsOf: ",\"feed\":\"".utf8)
            out.append(contentsOf: feed.prefix)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[id]))
            out.append(contentsOf: feed.suffix)
            out.append(UInt8(ascii: "\""))
        }
        out.append(contentsOf: "}}\n".utf8)
        return true
    }

    private func counterparts(_ range: Range<Int>, _ scan: Scanner, _ out: inout [UInt8]) -> Bool {
        guard let items = scan.array(range) else { return false }
        out.append(UInt8(ascii: "["))
        for (index, item) in items.enumerated() {
            guard let counterpart = scan.object(at: item.lowerBound) else { return false }
            var organisation: Range<Int>?, onBehalfOf: Range<Int>?, people: Range<Int>?
            for member in counterpart.members {
                switch scan.key(member.key) {
                case "organisation": organisation = member.value
                case "onBehalfOf": onBehalfOf = member.value
                case "people": people = member.value
                default: return false
                }
            }
            guard let people, let persons = scan.array(people),
                  [organisation, onBehalfOf].allSatisfy({ $0.map { scan.isInteger($0) || scan.isNull($0) } ?? true }) else { return false }
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: "{\"organisation\":".utf8)
            Self.put(organisation, scan.bytes, &out)
            out.append(contentsOf: ",\"onBehalfOf\":".utf8)
            Self.put(onBehalfOf, scan.bytes, &out)
            out.append(contentsOf: ",\"people\":[".utf8)
            for (position, person) in persons.enumerated() {
                guard let members = scan.object(at: person.lowerBound) else { return false }
                var name: Range<Int>?, role: Range<Int>?, isPrivate: Range<Int>?
                for member in members.members {
                    switch scan.key(member.key) {
                    case "name": name = member.value
                    case "role": role = member.value
                    case "private": isPrivate = member.value
                    default: return false
                    }
                }
                guard let isPrivate, scan.isBool(isPrivate),
                      [name, role].allSatisfy({ $0.map { scan.isPlainString($0) || scan.isNull($0) } ?? true }) else { return false }
                if position > 0 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: "{\"name\":".utf8)
                Self.put(name, scan.bytes, &out)
                out.append(contentsOf: ",\"role\":".utf8)
                Self.put(role, scan.bytes, &out)
                out.append(contentsOf: ",\"private\":".utf8)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: scan.bytes[isPrivate]))
                out.append(UInt8(ascii: "}"))
            }
            out.append(contentsOf: "]}".utf8)
        }
        out.append(UInt8(ascii: "]"))
        return true
    }

    /// The withheld fields in `MeetingField`'s order (PublicJSON's), each with its ground, release day and whether it was redacted.
    private func withheld(_ range: Range<Int>, _ scan: Scanner, _ out: inout [UInt8]) -> Bool {
        guard let object = scan.object(at: range.lowerBound), object.end == range.upperBound else { return false }
        var fields: [(order: Int, key: Range<Int>, value: Range<Int>)] = []
        for member in object.members {
            guard let field = MeetingField(rawValue: scan.text(member.key)), let order = MeetingField.allCases.firstIndex(of: field) else { return false }
            fields.append((order, member.key, member.value))
        }
        fields.sort { $0.order < $1.order }
        out.append(UInt8(ascii: "{"))
        for (index, field) in fields.enumerated() {
            guard let withholding = scan.object(at: field.value.lowerBound) else { return false }
            var ground: Range<Int>?, until: Range<Int>?, redacted: Range<Int>?
            for member in withholding.members {
                switch scan.key(member.key) {
                case "ground": ground = member.value
                case "until": until = member.value
                case "redacted": redacted = member.value
                default: return false
                }
            }
            guard let ground, scan.isPlainString(ground), until.map({ scan.isDay($0) || scan.isNull($0) }) ?? true,
                  redacted.map({ scan.isBool($0) }) ?? true else { return false }
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: UnsafeBufferPointer(rebasing: scan.bytes[field.key]))
            out.append(contentsOf: "\":{\"ground\":".utf8)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: scan.bytes[ground]))
            out.append(contentsOf: ",\"until\":".utf8)
            Self.put(until, scan.bytes, &out)
            out.append(contentsOf: ",\"redacted\":".utf8)
            if let redacted { out.append(contentsOf: UnsafeBufferPointer(rebasing: scan.bytes[redacted])) } else { out.append(contentsOf: "false".utf8) }
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "}"))
        return true
    }

    private func documents(_ range: Range<Int>, _ scan: Scanner, _ out: inout [UInt8]) -> Bool {
        guard let items = scan.array(range) else { return false }
        out.append(UInt8(ascii: "["))
        for (index, item) in items.enumerated() {
            guard let document = scan.object(at: item.lowerBound) else { return false }
            var title: Range<Int>?, direction: Range<Int>?, url: Range<Int>?
            for member in document.members {
                switch scan.key(member.key) {
                case "title": title = member.value
                case "direction": direction = member.value
                case "url": url = member.value
                default: return false
                }
            }
            guard let title, let direction, scan.isPlainString(title), scan.isPlainString(direction),
                  url.map({ scan.isPlainString($0) || scan.isNull($0) }) ?? true else { return false }
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: "{\"title\":".utf8)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: scan.bytes[title]))
            out.append(contentsOf: ",\"direction\":".utf8)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: scan.bytes[direction]))
            out.append(contentsOf: ",\"url\":".utf8)
            Self.put(url, scan.bytes, &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
        return true
    }

    /// Appends the value's bytes, or null when there is none.
    private static func put(_ range: Range<Int>?, _ bytes: UnsafeBufferPointer<UInt8>, _ out: inout [UInt8]) {
        if let range { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range])) } else { out.append(contentsOf: null) }
    }

    private enum Kind {
        case string, required, timestamp, day, requiredDay, bool, integer, ids, strings, counterparts, documents, withheld

        /// Whether PublicJSON always writes a value here, never null.
        var isAlwaysPresent: Bool {
            switch self {
            case .required, .withheld, .requiredDay, .bool, .strings: true
            default: false
            }
        }
    }

    private static func table(_ members: [(String, Kind)]) -> [(String, [UInt8], Kind)] {
        members.map { ($0.0, Array(",\"\($0.0)\":".utf8), $0.1) }
    }

    /// The members of `PublicJSON.meeting` after id, uri and url, in its order, and how each is copied.
    private static let meetingMembers = table([
        ("status", .required), ("version", .integer), ("startsAt", .timestamp), ("durationMinutes", .integer), ("place", .string),
        ("format", .string), ("direction", .string), ("initiator", .string), ("participants", .ids), ("counterparts", .counterparts),
        ("issues", .ids), ("subject", .string), ("summary", .string), ("documents", .documents), ("withheld", .withheld),
        ("recordedAt", .timestamp), ("publishedAt", .timestamp), ("updatedAt", .timestamp), ("correctionReason", .string),
        ("withdrawnAt", .timestamp), ("withdrawalReason", .string),
    ])
    private static let null = Array("null".utf8)
}

/// A member's name as bytes, matched by `switch` against string literals.
private struct RawKey {
    let bytes: UnsafeBufferPointer<UInt8>

    static func ~= (pattern: StaticString, key: RawKey) -> Bool {
        pattern.utf8CodeUnitCount == key.bytes.count
            && (key.bytes.isEmpty || memcmp(pattern.utf8Start, key.bytes.baseAddress!, key.bytes.count) == 0)
    }
}

/// Finds the members and items of canonical JSON (no whitespace) by byte ranges.
private struct Scanner {
    let bytes: UnsafeBufferPointer<UInt8>

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    struct Object {
        var members: [(key: Range<Int>, value: Range<Int>)]
        var end: Int
    }

    /// The object starting at `start`: each member's key (without quotes) and value.
    func object(at start: Int) -> Object? {
        guard start < bytes.count, bytes[start] == UInt8(ascii: "{") else { return nil }
        var members: [(key: Range<Int>, value: Range<Int>)] = []
        var index = start + 1
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { return Object(members: [], end: index + 1) }
        while index < bytes.count {
            guard let keyEnd = skip(index), bytes[index] == UInt8(ascii: "\""), keyEnd < bytes.count,
                  bytes[keyEnd] == UInt8(ascii: ":"), let valueEnd = skip(keyEnd + 1), valueEnd < bytes.count else { return nil }
            members.append(((index + 1)..<(keyEnd - 1), (keyEnd + 1)..<valueEnd))
            switch bytes[valueEnd] {
            case UInt8(ascii: ","): index = valueEnd + 1
            case UInt8(ascii: "}"): return Object(members: members, end: valueEnd + 1)
            default: return nil
            }
        }
        return nil
    }

    /// The items of the array filling `range`.
    func array(_ range: Range<Int>) -> [Range<Int>]? {
        guard bytes[range.lowerBound] == UInt8(ascii: "["), bytes[range.upperBound - 1] == UInt8(ascii: "]") else { return nil }
        var items: [Range<Int>] = []
        var index = range.lowerBound + 1
        if index == range.upperBound - 1 { return [] }
        while index < range.upperBound {
            guard let end = skip(index), end < range.upperBound else { return nil }
            items.append(index..<end)
            if bytes[end] == UInt8(ascii: "]") { return end == range.upperBound - 1 ? items : nil }
            guard bytes[end] == UInt8(ascii: ",") else { return nil }
            index = end + 1
        }
        return nil
    }

    /// The index just past the value starting at `start`.
    func skip(_ start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        var index = start
        switch bytes[index] {
        case UInt8(ascii: "\""):
            return stringEnd(after: index)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    guard let end = skip(index) else { return nil }
                    index = end
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return index + 1 }
                default: break
                }
                index += 1
            }
            return nil
        default:
            scalar: while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ":"): break scalar
                default: index += 1
                }
            }
            return index > start ? index : nil
        }
    }

    /// The index past the closing quote of the string whose opening quote is at `start`.
    private func stringEnd(after start: Int) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var index = start + 1
        while index < bytes.count {
            guard let found = memchr(base + index, Int32(UInt8(ascii: "\"")), bytes.count - index) else { return nil }
            let quote = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            var backslashes = 0
            while quote - backslashes - 1 > start, bytes[quote - backslashes - 1] == UInt8(ascii: "\\") { backslashes += 1 }
            if backslashes % 2 == 0 { return quote + 1 }
            index = quote + 1
        }
        return nil
    }

    /// A member's name, for `switch` against string literals without making a String.
    func key(_ range: Range<Int>) -> RawKey { RawKey(bytes: UnsafeBufferPointer(rebasing: bytes[range])) }
    func text(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }

    func equals(_ range: Range<Int>, _ expected: [UInt8]) -> Bool {
        guard range.count == expected.count else { return false }
        guard !range.isEmpty, let base = bytes.baseAddress else { return true }
        return expected.withUnsafeBufferPointer { memcmp(base + range.lowerBound, $0.baseAddress!, range.count) == 0 }
    }

    func isNull(_ range: Range<Int>) -> Bool { range.count == 4 && bytes[range.lowerBound] == UInt8(ascii: "n") }

    func isBool(_ range: Range<Int>) -> Bool { "true" ~= key(range) || "false" ~= key(range) }

    func isInteger(_ range: Range<Int>) -> Bool {
        guard !range.isEmpty, range.count <= 19 else { return false }
        let first = bytes[range.lowerBound]
        return (first == UInt8(ascii: "-") ? range.dropFirst() : range[...]).allSatisfy { bytes[$0] >= 0x30 && bytes[$0] <= 0x39 }
            && (first != UInt8(ascii: "0") || range.count == 1)
    }

    /// A string with no escape and no U+2028 or U+2029 (which `JSONStreamWriter` escapes): its bytes are what the writer writes.
    func isPlainString(_ range: Range<Int>) -> Bool {
        guard range.count >= 2, bytes[range.lowerBound] == UInt8(ascii: "\""), bytes[range.upperBound - 1] == UInt8(ascii: "\""),
              let base = bytes.baseAddress else { return false }
        let end = range.upperBound - 1
        var index = range.lowerBound + 1
        while index < end {
            let byte = base[index]
            if Self.unplain[Int(byte)] {
                if byte != 0xE2 { return false }
                if index + 2 < end, base[index + 1] == 0x80, base[index + 2] & 0xFE == 0xA8 { return false }
            }
            index += 1
        }
        return true
    }

    /// A timestamp as `Timestamp.format` writes it: "2026-11-23T13:30:00Z".
    func isTimestamp(_ range: Range<Int>) -> Bool {
        guard range.count == 22, bytes[range.lowerBound] == UInt8(ascii: "\""), bytes[range.upperBound - 1] == UInt8(ascii: "\"") else { return false }
        for (offset, expected) in Self.timestampPattern.enumerated() {
            let byte = bytes[range.lowerBound + 1 + offset]
            if expected == UInt8(ascii: "d") ? !(byte >= 0x30 && byte <= 0x39) : byte != expected { return false }
        }
        return true
    }

    private static let timestampPattern = Array("dddd-dd-ddTdd:dd:ddZ".utf8)
    private static let dayPattern = Array("dddd-dd-dd".utf8)
    /// The bytes a plain string cannot hold as they are: a backslash, a quote, a control
    /// character, and the first byte of U+2028 and U+2029 (looked at further).
    private static let unplain: [Bool] = (0...255).map { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 }

    /// A day as `Day` writes it: "2027-06-30".
    func isDay(_ range: Range<Int>) -> Bool {
        guard range.count == 12, bytes[range.lowerBound] == UInt8(ascii: "\""), bytes[range.upperBound - 1] == UInt8(ascii: "\"") else { return false }
        for (offset, expected) in Self.dayPattern.enumerated() {
            let byte = bytes[range.lowerBound + 1 + offset]
            if expected == UInt8(ascii: "d") ? !(byte >= 0x30 && byte <= 0x39) : byte != expected { return false }
        }
        return true
    }

    /// A list of ids: "[187,155]".
    func isIdList(_ range: Range<Int>) -> Bool {
        guard range.count >= 2, bytes[range.lowerBound] == UInt8(ascii: "["), bytes[range.upperBound - 1] == UInt8(ascii: "]") else { return false }
        return range.dropFirst().dropLast().allSatisfy { (bytes[$0] >= 0x30 && bytes[$0] <= 0x39) || bytes[$0] == UInt8(ascii: ",") }
    }
}
