/// The members a JSON input may have, at every depth, and where a number belongs:
/// what `RegisterInput` checks before a document is decoded, so that a misspelt or
/// unknown member (`witheld`, `"Private": true`) is an error naming its path and
/// the nearest known name instead of being ignored. Member names are compared by
/// Unicode scalars, never by canonical equivalence.
public indirect enum InputShape: Sendable {
    /// An object with these members; `ignored` names members the register sets
    /// itself (in the export's form), accepted so an exported record can be sent back.
    case object(members: [(name: String, shape: InputShape)], ignored: [String])
    /// A list whose elements all have one shape.
    case list(InputShape)
    /// A whole number (an Int64), described for messages: "a whole number of minutes".
    case whole(String)
    /// Any other value (text, a name from a list, true or false), described for the
    /// message when a number is found instead; its type is checked by decoding.
    case scalar(String)
    /// `shape`, named in messages by `noun` ("a legal ground or an object").
    case described(String, InputShape)
    /// An object `shape` that must have the members `names`: each one missing is
    /// named at once, beside the other problems, before anything is decoded.
    case requiring([String], InputShape)

    static let text = InputShape.scalar("text")
    static let flag = InputShape.scalar("true or false")
    static let id = InputShape.whole("an id (a whole number)")

    /// An object whose members are the cases of `keys` and then `extra`; a member
    /// not given a shape is text.
    static func object<Keys: CodingKey & CaseIterable & Hashable>(
        _ keys: Keys.Type, _ shapes: [Keys: InputShape] = [:], adding extra: [(name: String, shape: InputShape)] = [],
        ignoring ignored: [String] = []
    ) -> InputShape {
        .object(members: keys.allCases.map { ($0.stringValue, shapes[$0] ?? .text) } + extra, ignored: ignored)
    }

    /// The problems of `value`, named by their path below `path`. `kept` is the value
    /// without the ignored members, the document to decode when there are none.
    func check(_ value: InputValue, at path: String, into problems: inout Problems) -> InputValue {
        switch (self, value) {
        case (.object(let members, let ignored), .object(let given)):
            var kept: [(name: String, value: InputValue)] = []
            var seen: Set<[UInt32]> = []
            for (name, member) in given {
                let memberPath = InputPath.member(name, of: path)
                if !seen.insert(InputPath.scalars(name)).inserted {
                    problems.add(memberPath, "is given twice")
                } else if let known = members.first(where: { InputPath.same($0.name, name) }) {
                    kept.append((name, known.shape.check(member, at: memberPath, into: &problems)))
                } else if !ignored.contains(where: { InputPath.same($0, name) }) {
                    problems.add(memberPath, Self.unknown(name, among: members.map(\.name)))
                }
            }
            return .object(kept)
        case (.list(let element), .array(let items)):
            return .array(items.enumerated().map { element.check($1, at: "\(path)[\($0)]", into: &problems) })
        case (.whole(let noun), .number(let literal)):
            if Int64(literal) == nil { problems.add(path, Self.notWhole(literal, noun)) }
        case (.object, .number(let literal)):
            problems.add(path, "an object is expected, found \(Self.shown(literal))")
        case (.list, .number(let literal)):
            problems.add(path, "a list is expected, found \(Self.shown(literal))")
        case (.scalar(let noun), .number(let literal)), (.described(let noun, _), .number(let literal)):
            problems.add(path, "\(noun) is expected, found \(Self.shown(literal))")
        case (.described(_, let shape), _):
            return shape.check(value, at: path, into: &problems)
        case (.requiring(let names, let shape), .object(let given)):
            for name in names where !given.contains(where: { InputPath.same($0.name, name) }) {
                problems.add(InputPath.member(name, of: path), "is required", rule: .required)
            }
            return shape.check(value, at: path, into: &problems)
        case (.requiring(_, let shape), _):
            return shape.check(value, at: path, into: &problems)
        default:
            break
        }
        return value
    }

    private static func notWhole(_ literal: String, _ noun: String) -> String {
        let integral = !literal.contains(where: { $0 == "." || $0 == "e" || $0 == "E" })
        let why = integral ? (literal.hasPrefix("-") ? ", which is too small" : ", which is too large") : ""
        return "\(noun) is expected, found \(shown(literal))\(why)"
    }

    private static func shown(_ literal: String) -> String {
        literal.count > 40 ? String(literal.prefix(40)) + "…" : literal
    }

    private static func unknown(_ name: String, among known: [String]) -> String {
        let folded = Array(name.lowercased().unicodeScalars)
        let nearest = known.compactMap { candidate -> (String, Int)? in
            let scalars = Array(candidate.lowercased().unicodeScalars)
            let allowed = max(1, scalars.count / 3)
            guard abs(scalars.count - folded.count) <= allowed else { return nil }
            let distance = InputPath.distance(folded, scalars)
            return distance <= allowed ? (candidate, distance) : nil
        }.min { $0.1 < $1.1 }
        if let (candidate, _) = nearest {
            return "unknown member; did you mean '\(candidate)'?"
        }
        return "unknown member; expected one of \(known.joined(separator: ", "))"
    }
}

/// Paths of input values as messages name them: `counterparts[0].people[1].name`.
enum InputPath {
    static func member(_ name: String, of path: String) -> String {
        let simple = !name.isEmpty && name.unicodeScalars.count <= 60
            && name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "$" || $0 == "-") }
        let shown = simple ? name : ValidationError.quote(name)
        return path.isEmpty ? shown : "\(path).\(shown)"
    }

    /// The path of a decoder's coding path.
    static func text(_ codingPath: [any CodingKey]) -> String {
        codingPath.reduce("") { path, key in
            key.intValue.map { "\(path)[\($0)]" } ?? member(key.stringValue, of: path)
        }
    }

    static func scalars(_ name: String) -> [UInt32] {
        name.unicodeScalars.map(\.value)
    }

    static func same(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.elementsEqual(b.unicodeScalars)
    }

    /// Levenshtein distance between two scalar sequences.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var row = [i + 1]
            for (j, y) in b.enumerated() {
                row.append(min(previous[j + 1] + 1, row[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = row
        }
        return previous[b.count]
    }
}
