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
///
/// The stored form is read once: one scan finds the members of the change and of its
/// record and checks every string on the way (eight bytes at a time), keeping their
/// places in a table on the stack; the line is then copied from those places in
/// PublicJSON's order. Only the small nested values (counterparts, documents, withheld
/// fields) are looked at a second time, to reorder their members.
struct ChangeLineTranscoder: Sendable {
    private let tagPrefix: [UInt8]
    private let pagePrefix: [UInt8]
    /// Each record kind's form, by the entity its change type begins with.
    private let forms: [(entity: [UInt8], form: Form)]
    /// `MeetingField`'s names in its order (PublicJSON's order of withheld fields).
    private let withheldNames: [[UInt8]]

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
            ("unit", Form(members: [("name", .required), ("kind", .required)], feed: nil)),
            ("official", Form(members: [("name", .required), ("title", .string), ("kind", .required), ("party", .string),
                                        ("unit", .integer), ("activeFrom", .requiredDay), ("activeTo", .day)],
                              feed: feed(.official(1)))),
            ("organisation", Form(members: [("name", .required), ("kind", .required), ("organisationNumber", .string),
                                            ("soleTrader", .bool), ("euTransparencyId", .string), ("website", .string)],
                                  feed: feed(.organisation(1)))),
            ("issue", Form(members: [("title", .required), ("summary", .string), ("position", .string), ("status", .required),
                                     ("caseNumber", .string), ("policyAreas", .strings), ("unit", .integer)],
                           feed: feed(.issue(1)))),
            ("meeting", Form(members: Self.meetingMembers, feed: nil, hasPage: true)),
        ].map { (Array($0.0.utf8), $0.1) }
        withheldNames = MeetingField.allCases.map { Array($0.rawValue.utf8) }
    }

    /// How a kind of record's data is written: its members after `id` in PublicJSON's order, and its feed's URL around the id.
    private final class Form: @unchecked Sendable {
        /// A member's name and the bytes `,"name":` written before its value, as places in `text`, and how the value is copied.
        struct Member {
            let name: Range<Int>
            let prefix: Range<Int>
            let kind: Kind
        }

        let members: [Member]
        /// The members' names and prefixes end to end, never changed after `init`.
        let text: UnsafeMutablePointer<UInt8>
        /// The members' indexes in the byte order of their names: the order of the stored (canonical) form.
        let byName: [Int]
        let feed: (prefix: [UInt8], suffix: [UInt8])?
        /// Whether the record has a tag URI and a page (`uri`, `url`) after its id: a meeting.
        let hasPage: Bool

        init(members: [(String, Kind)], feed: (prefix: [UInt8], suffix: [UInt8])?, hasPage: Bool = false) {
            var text: [UInt8] = []
            var laid: [Member] = []
            for (name, kind) in members {
                let nameStart = text.count
                text += Array(name.utf8)
                let prefixStart = text.count
                text += Array(",\"\(name)\":".utf8)
                laid.append(Member(name: nameStart..<prefixStart, prefix: prefixStart..<text.count, kind: kind))
            }
            self.members = laid
            self.text = .allocate(capacity: text.count)
            self.text.initialize(from: text, count: text.count)
            byName = laid.indices.sorted { text[laid[$0].name].lexicographicallyPrecedes(text[laid[$1].name]) }
            self.feed = feed
            self.hasPage = hasPage
        }

        deinit {
            text.deallocate()
        }

        /// The index of the member named by `key`, looking first just after `hint` (the
        /// position in `byName` of the previous match), so that members in canonical order cost one comparison each.
        func index(of key: Range<Int>, in body: Body, hint: inout Int) -> Int? {
            let count = byName.count
            for step in 0..<count {
                let position = (hint + step) % count
                let member = byName[position]
                let name = members[member].name
                if key.count == name.count, memcmp(body.p + key.lowerBound, text + name.lowerBound, name.count) == 0 {
                    hint = position + 1
                    return member
                }
            }
            return nil
        }
    }

    /// The most members a record's data may have for the line to be copied (the largest form has 22 with its id).
    private static let memberLimit = 32

    /// Appends the line (with its newline) to `out` and returns true, or leaves `out` as it was and returns false.
    func append(_ change: StoredChangeRow, to out: ChangeLineBuffer) -> Bool {
        let start = out.count
        guard let base = change.body.baseAddress?.assumingMemoryBound(to: UInt8.self),
              let hash = change.hashBytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return false }
        let body = Body(p: base, n: change.body.count)
        let written = withUnsafeTemporaryAllocation(of: Int.self, capacity: Self.memberLimit * 6) { table in
            write(body, hash: UnsafeBufferPointer(start: hash, count: change.hashBytes.count), table: table.baseAddress!, to: out)
        }
        if !written { out.count = start }
        return written
    }

    /// `table` holds the record's members as they are found, four numbers each (key start, key end, value start,
    /// value end), and then the form's members' values, two numbers each (start, end; equal when absent).
    private func write(_ b: Body, hash: UnsafeBufferPointer<UInt8>, table: UnsafeMutablePointer<Int>, to out: ChangeLineBuffer) -> Bool {
        var at = Body.none, data = Body.none, reason = Body.none, seq = Body.none, type = Body.none
        var found = 0
        let end = b.members(0) { key, start in
            if b.equals(key, "data") {
                let end = b.members(start) { key, start in
                    guard found < Self.memberLimit, let end = b.value(start) else { return nil }
                    let entry = table + found * 4
                    (entry[0], entry[1], entry[2], entry[3]) = (key.lowerBound, key.upperBound, start, end)
                    found += 1
                    return end
                }
                data = start..<(end ?? start)
                return end
            }
            guard let end = b.value(start) else { return nil }
            switch b.key(key) {
            case "at": at = start..<end
            case "reason": reason = start..<end
            case "seq": seq = start..<end
            case "type": type = start..<end
            default: return nil
            }
            return end
        }
        guard end == b.n, !data.isEmpty, b.isTimestamp(at), b.isInteger(seq), b.isString(type),
              reason.isEmpty || b.isString(reason) || b.isNull(reason),
              let dot = (type.lowerBound..<type.upperBound).first(where: { b.p[$0] == UInt8(ascii: ".") }) else { return false }
        let entity = (type.lowerBound + 1)..<dot
        guard let form = forms.first(where: { b.equals(entity, $0.entity) })?.form else { return false }

        let fields = UnsafeMutableBufferPointer(start: table + Self.memberLimit * 4, count: form.members.count * 2)
        for index in 0..<form.members.count { (fields[index * 2], fields[index * 2 + 1]) = (0, 0) }
        var id = Body.none
        var hint = 0
        for member in 0..<found {
            let entry = table + member * 4
            let key = entry[0]..<entry[1], value = entry[2]..<entry[3]
            if b.equals(key, "id") {
                id = value
            } else if let index = form.index(of: key, in: b, hint: &hint), fields[index * 2] == fields[index * 2 + 1] {
                (fields[index * 2], fields[index * 2 + 1]) = (value.lowerBound, value.upperBound)
            } else {
                return false
            }
        }
        guard b.isInteger(id) else { return false }
        return write(b, hash: hash, seq: seq, type: type, at: at, entity: entity, reason: reason, id: id, form: form, fields: fields, to: out)
    }

    private func write(_ b: Body, hash: UnsafeBufferPointer<UInt8>, seq: Range<Int>, type: Range<Int>, at: Range<Int>,
                       entity: Range<Int>, reason: Range<Int>, id: Range<Int>, form: Form,
                       fields: UnsafeMutableBufferPointer<Int>, to out: ChangeLineBuffer) -> Bool {
        out.reserve(b.n + 512)
        out.append("{\"id\":\"msg_")
        b.copy(seq, to: out)
        out.append(UInt8(ascii: "_"))
        out.append(hash.baseAddress!, min(16, hash.count))
        out.append("\",\"type\":")
        b.copy(type, to: out)
        out.append(",\"sequence\":")
        b.copy(seq, to: out)
        out.append(",\"hash\":\"")
        out.append(hash.baseAddress!, hash.count)
        out.append("\",\"occurred_at\":")
        b.copy(at, to: out)
        out.append(",\"entity\":\"")
        b.copy(entity, to: out)
        out.append("\",\"entity_id\":")
        b.copy(id, to: out)
        out.append(",\"reason\":")
        b.copyOrNull(reason, to: out)
        out.append(",\"data\":{\"id\":")
        b.copy(id, to: out)
        if form.hasPage {
            out.append(",\"uri\":\"")
            out.append(tagPrefix)
            b.copy(id, to: out)
            out.append("\",\"url\":\"")
            out.append(pagePrefix)
            b.copy(id, to: out)
            out.append(UInt8(ascii: "\""))
        }
        for (index, member) in form.members.enumerated() {
            out.append(form.text + member.prefix.lowerBound, member.prefix.count)
            let range = fields[index * 2]..<fields[index * 2 + 1]
            guard !range.isEmpty, !b.isNull(range) else {
                guard !member.kind.isAlwaysPresent else { return false }
                out.append("null")
                continue
            }
            switch member.kind {
            case .string, .required: guard b.isString(range) else { return false }
            case .timestamp: guard b.isTimestamp(range) else { return false }
            case .day, .requiredDay: guard b.isDay(range) else { return false }
            case .bool: guard b.isBool(range) else { return false }
            case .integer: guard b.isInteger(range) else { return false }
            case .ids: guard b.isIdList(range) else { return false }
            case .strings: guard b.items(range, { b.p[$0] == UInt8(ascii: "\"") ? b.string($0) : nil }) else { return false }
            case .withheld: guard withheld(range, b, out) else { return false }
                continue
            case .counterparts: guard counterparts(range, b, out) else { return false }
                continue
            case .documents: guard documents(range, b, out) else { return false }
                continue
            }
            b.copy(range, to: out)
        }
        if let feed = form.feed {
            out.append(",\"feed\":\"")
            out.append(feed.prefix)
            b.copy(id, to: out)
            out.append(feed.suffix)
            out.append(UInt8(ascii: "\""))
        }
        out.append("}}\n")
        return true
    }

    private func counterparts(_ range: Range<Int>, _ b: Body, _ out: ChangeLineBuffer) -> Bool {
        out.append(UInt8(ascii: "["))
        var first = true
        let written = b.items(range) { start in
            var organisation = Body.none, onBehalfOf = Body.none, people = Body.none
            let end = b.members(start) { key, start in
                guard let end = b.value(start) else { return nil }
                switch b.key(key) {
                case "organisation": organisation = start..<end
                case "onBehalfOf": onBehalfOf = start..<end
                case "people": people = start..<end
                default: return nil
                }
                return end
            }
            guard let end, !people.isEmpty,
                  organisation.isEmpty || b.isInteger(organisation) || b.isNull(organisation),
                  onBehalfOf.isEmpty || b.isInteger(onBehalfOf) || b.isNull(onBehalfOf) else { return nil }
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.append("{\"organisation\":")
            b.copyOrNull(organisation, to: out)
            out.append(",\"onBehalfOf\":")
            b.copyOrNull(onBehalfOf, to: out)
            out.append(",\"people\":[")
            var firstPerson = true
            let persons = b.items(people) { start in
                var name = Body.none, role = Body.none, isPrivate = Body.none
                let end = b.members(start) { key, start in
                    guard let end = b.value(start) else { return nil }
                    switch b.key(key) {
                    case "name": name = start..<end
                    case "role": role = start..<end
                    case "private": isPrivate = start..<end
                    default: return nil
                    }
                    return end
                }
                guard let end, b.isBool(isPrivate), name.isEmpty || b.isString(name) || b.isNull(name),
                      role.isEmpty || b.isString(role) || b.isNull(role) else { return nil }
                if !firstPerson { out.append(UInt8(ascii: ",")) }
                firstPerson = false
                out.append("{\"name\":")
                b.copyOrNull(name, to: out)
                out.append(",\"role\":")
                b.copyOrNull(role, to: out)
                out.append(",\"private\":")
                b.copy(isPrivate, to: out)
                out.append(UInt8(ascii: "}"))
                return end
            }
            guard persons else { return nil }
            out.append("]}")
            return end
        }
        out.append(UInt8(ascii: "]"))
        return written
    }

    /// The withheld fields in `MeetingField`'s order (PublicJSON's), each with its ground, release day and whether it was redacted.
    private func withheld(_ range: Range<Int>, _ b: Body, _ out: ChangeLineBuffer) -> Bool {
        let fieldCount = withheldNames.count
        return withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: fieldCount * 2) { places in
            places.initialize(repeating: Body.none)
            let end = b.members(range.lowerBound) { key, start in
                guard let end = b.value(start),
                      let order = withheldNames.firstIndex(where: { b.equals(key, $0) }), places[order * 2].isEmpty else { return nil }
                places[order * 2] = key
                places[order * 2 + 1] = start..<end
                return end
            }
            guard end == range.upperBound else { return false }
            out.append(UInt8(ascii: "{"))
            var first = true
            for order in 0..<fieldCount where !places[order * 2].isEmpty {
                var ground = Body.none, until = Body.none, redacted = Body.none
                let end = b.members(places[order * 2 + 1].lowerBound) { key, start in
                    guard let end = b.value(start) else { return nil }
                    switch b.key(key) {
                    case "ground": ground = start..<end
                    case "until": until = start..<end
                    case "redacted": redacted = start..<end
                    default: return nil
                    }
                    return end
                }
                guard end != nil, b.isString(ground), until.isEmpty || b.isDay(until) || b.isNull(until),
                      redacted.isEmpty || b.isBool(redacted) else { return false }
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                out.append(UInt8(ascii: "\""))
                b.copy(places[order * 2], to: out)
                out.append("\":{\"ground\":")
                b.copy(ground, to: out)
                out.append(",\"until\":")
                b.copyOrNull(until, to: out)
                out.append(",\"redacted\":")
                if redacted.isEmpty { out.append("false") } else { b.copy(redacted, to: out) }
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "}"))
            return true
        }
    }

    private func documents(_ range: Range<Int>, _ b: Body, _ out: ChangeLineBuffer) -> Bool {
        out.append(UInt8(ascii: "["))
        var first = true
        let written = b.items(range) { start in
            var title = Body.none, direction = Body.none, url = Body.none
            let end = b.members(start) { key, start in
                guard let end = b.value(start) else { return nil }
                switch b.key(key) {
                case "title": title = start..<end
                case "direction": direction = start..<end
                case "url": url = start..<end
                default: return nil
                }
                return end
            }
            guard let end, b.isString(title), b.isString(direction), url.isEmpty || b.isString(url) || b.isNull(url) else { return nil }
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.append("{\"title\":")
            b.copy(title, to: out)
            out.append(",\"direction\":")
            b.copy(direction, to: out)
            out.append(",\"url\":")
            b.copyOrNull(url, to: out)
            out.append(UInt8(ascii: "}"))
            return end
        }
        out.append(UInt8(ascii: "]"))
        return written
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

    /// The members of `PublicJSON.meeting` after id, uri and url, in its order, and how each is copied.
    private static let meetingMembers: [(String, Kind)] = [
        ("status", .required), ("version", .integer), ("startsAt", .timestamp), ("durationMinutes", .integer), ("place", .string),
        ("format", .string), ("direction", .string), ("initiator", .string), ("participants", .ids), ("counterparts", .counterparts),
        ("issues", .ids), ("subject", .string), ("summary", .string), ("documents", .documents), ("withheld", .withheld),
        ("recordedAt", .timestamp), ("publishedAt", .timestamp), ("updatedAt", .timestamp), ("correctionReason", .string),
        ("withdrawnAt", .timestamp), ("withdrawalReason", .string),
    ]
}

/// A member's name as bytes, matched by `switch` against string literals.
private struct RawKey {
    let start: UnsafePointer<UInt8>
    let count: Int

    static func ~= (pattern: StaticString, key: RawKey) -> Bool {
        pattern.utf8CodeUnitCount == key.count && memcmp(pattern.utf8Start, key.start, key.count) == 0
    }
}

/// The stored form's bytes, read as canonical JSON (no whitespace) by byte offsets.
/// Every string it passes is checked to be one `JSONStreamWriter` writes the same
/// way (no escape, no control character, no U+2028 or U+2029); any other makes the
/// scan fail and the change be decoded instead.
private struct Body {
    let p: UnsafePointer<UInt8>
    let n: Int

    /// A value not found.
    static let none = 0..<0

    /// Calls `visit` with each member's key (without quotes) and where its value starts;
    /// `visit` returns where the value ends, or nil to give up. Returns the index past
    /// the object's closing brace.
    @inline(__always)
    func members(_ start: Int, _ visit: (_ key: Range<Int>, _ value: Int) -> Int?) -> Int? {
        guard start < n, p[start] == UInt8(ascii: "{") else { return nil }
        var index = start + 1
        if index < n, p[index] == UInt8(ascii: "}") { return index + 1 }
        while index < n, p[index] == UInt8(ascii: "\"") {
            guard let keyEnd = string(index), keyEnd < n, p[keyEnd] == UInt8(ascii: ":"),
                  let valueEnd = visit((index + 1)..<(keyEnd - 1), keyEnd + 1), valueEnd < n else { return nil }
            switch p[valueEnd] {
            case UInt8(ascii: ","): index = valueEnd + 1
            case UInt8(ascii: "}"): return valueEnd + 1
            default: return nil
            }
        }
        return nil
    }

    /// Whether `range` is an array whose items `visit` reads: given where an item starts,
    /// it returns where it ends, or nil to give up.
    @inline(__always)
    func items(_ range: Range<Int>, _ visit: (Int) -> Int?) -> Bool {
        guard range.count >= 2, p[range.lowerBound] == UInt8(ascii: "["), p[range.upperBound - 1] == UInt8(ascii: "]") else { return false }
        var index = range.lowerBound + 1
        if index == range.upperBound - 1 { return true }
        while index < range.upperBound {
            guard let end = visit(index), end < range.upperBound else { return false }
            switch p[end] {
            case UInt8(ascii: ","): index = end + 1
            case UInt8(ascii: "]"): return end == range.upperBound - 1
            default: return false
            }
        }
        return false
    }

    /// The index just past the value starting at `start`.
    func value(_ start: Int) -> Int? {
        guard start < n else { return nil }
        switch p[start] {
        case UInt8(ascii: "\""):
            return string(start)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var index = start
            while index < n {
                switch p[index] {
                case UInt8(ascii: "\""):
                    guard let end = string(index) else { return nil }
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
            var index = start
            scalar: while index < n {
                switch p[index] {
                case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ":"), UInt8(ascii: "\""): break scalar
                default: index += 1
                }
            }
            return index > start ? index : nil
        }
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Whether one of the eight bytes may end a plain string or make it not plain: a
    /// quote, a backslash, a control character or 0xE2 (the first byte of U+2028 and U+2029).
    @inline(__always)
    private static func needsLook(_ word: UInt64) -> Bool {
        func zeroByte(_ value: UInt64) -> UInt64 { (value &- ones) & ~value }
        let quote = zeroByte(word ^ (ones &* 0x22)), backslash = zeroByte(word ^ (ones &* 0x5C))
        let e2 = zeroByte(word ^ (ones &* 0xE2)), control = (word &- ones &* 0x20) & ~word
        return (quote | backslash | e2 | control) & highs != 0
    }

    /// The index past the closing quote of the plain string whose opening quote is at
    /// `start`, or nil when the string is not plain or does not end.
    @inline(__always)
    func string(_ start: Int) -> Int? {
        var index = start + 1
        while true {
            var stop = index + 8
            if stop <= n {
                if !Self.needsLook(UnsafeRawPointer(p + index).loadUnaligned(as: UInt64.self)) {
                    index = stop
                    continue
                }
            } else {
                stop = n
                if index >= n { return nil }
            }
            while index < stop {
                let byte = p[index]
                if byte == UInt8(ascii: "\"") { return index + 1 }
                if byte < 0x20 || byte == UInt8(ascii: "\\") { return nil }
                if byte == 0xE2, index + 2 < n, p[index + 1] == 0x80, p[index + 2] & 0xFE == 0xA8 { return nil }
                index += 1
            }
        }
    }

    /// A member's name, for `switch` against string literals without making a String.
    @inline(__always)
    func key(_ range: Range<Int>) -> RawKey { RawKey(start: p + range.lowerBound, count: range.count) }

    @inline(__always)
    func equals(_ range: Range<Int>, _ expected: [UInt8]) -> Bool {
        range.count == expected.count && expected.withUnsafeBufferPointer { memcmp(p + range.lowerBound, $0.baseAddress!, range.count) == 0 }
    }

    @inline(__always)
    func equals(_ range: Range<Int>, _ expected: StaticString) -> Bool { expected ~= key(range) }

    @inline(__always)
    func copy(_ range: Range<Int>, to out: ChangeLineBuffer) { out.append(p + range.lowerBound, range.count) }

    /// Appends the value's bytes, or null when there is none.
    @inline(__always)
    func copyOrNull(_ range: Range<Int>, to out: ChangeLineBuffer) {
        if range.isEmpty { out.append("null") } else { copy(range, to: out) }
    }

    /// A string value (already checked plain by the scan that found it).
    func isString(_ range: Range<Int>) -> Bool { range.count >= 2 && p[range.lowerBound] == UInt8(ascii: "\"") }

    func isNull(_ range: Range<Int>) -> Bool { "null" ~= key(range) }

    func isBool(_ range: Range<Int>) -> Bool { "true" ~= key(range) || "false" ~= key(range) }

    func isInteger(_ range: Range<Int>) -> Bool {
        guard !range.isEmpty, range.count <= 19 else { return false }
        let first = p[range.lowerBound]
        let digits = first == UInt8(ascii: "-") ? range.dropFirst() : range[...]
        return !digits.isEmpty && digits.allSatisfy { p[$0] >= 0x30 && p[$0] <= 0x39 }
            && (p[digits.lowerBound] != UInt8(ascii: "0") || digits.count == 1)
            && !(first == UInt8(ascii: "-") && p[digits.lowerBound] == UInt8(ascii: "0"))
    }

    /// A timestamp as `Timestamp.format` writes it: "2026-11-23T13:30:00Z".
    func isTimestamp(_ range: Range<Int>) -> Bool { matches(range, Self.timestampPattern) }

    /// A day as `Day` writes it: "2027-06-30".
    func isDay(_ range: Range<Int>) -> Bool { matches(range, Self.dayPattern) }

    private func matches(_ range: Range<Int>, _ pattern: StaticString) -> Bool {
        let length = pattern.utf8CodeUnitCount
        guard range.count == length else { return false }
        let expected = pattern.utf8Start
        for offset in 0..<length {
            let byte = p[range.lowerBound + offset]
            if expected[offset] == UInt8(ascii: "d") ? !(byte >= 0x30 && byte <= 0x39) : byte != expected[offset] { return false }
        }
        return true
    }

    private static let timestampPattern: StaticString = "\"dddd-dd-ddTdd:dd:ddZ\""
    private static let dayPattern: StaticString = "\"dddd-dd-dd\""

    /// A list of ids: "[187,155]".
    func isIdList(_ range: Range<Int>) -> Bool {
        guard range.count >= 2, p[range.lowerBound] == UInt8(ascii: "["), p[range.upperBound - 1] == UInt8(ascii: "]") else { return false }
        return range.dropFirst().dropLast().allSatisfy { (p[$0] >= 0x30 && p[$0] <= 0x39) || p[$0] == UInt8(ascii: ",") }
    }
}
