/// Bad input, named by the field it concerns, so that every command and request can
/// say in one line what was wrong with which field.
public struct ValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [Problem]

    public struct Problem: Sendable, Equatable {
        public var field: String
        public var message: String
        /// The rule the value broke, when it is one a form can break: a page says it
        /// in the reader's language instead of quoting `message`, which is English.
        public var rule: Rule?

        public init(field: String, message: String, rule: Rule? = nil) {
            self.field = field
            self.message = message
            self.rule = rule
        }

        /// The same problem is the same message about the same field; the rule only
        /// says how else to word it.
        public static func == (left: Problem, right: Problem) -> Bool {
            left.field == right.field && left.message == right.message
        }
    }

    /// The rules of the register that a person filling in a form can break.
    public enum Rule: Sendable, Equatable {
        case required
        case tooLong(max: Int)
        case nulCharacter
        case byteOrderMark
        case notPositive
        case longerThanAWeek
        case outsideYears
        case listedTwice
        case onBehalfWithoutOrganisation
        case onBehalfOfItself
        case endsBeforeStart
        case notAWebAddress
        case notADate
        /// A local time the clocks skip when they are put forward.
        case skippedHour
        /// A local time that happens twice when the clocks are put back.
        case repeatedHour
        case notADay
        /// A party given for an official who is staff, not elected.
        case partyOfStaff
        /// An end of office (`activeTo`) before its beginning.
        case beforeActiveFrom
        case notAnOrganisationNumber
        case notAPersonnummer
        /// A sole trader's personnummer given beside an organisationsnummer.
        case personnummerAndOrganisationNumber
        case notATransparencyId
        case notAnEmailAddress
        /// An e-mail address another account has.
        case emailTaken
        /// A recorder's account or token acting for no official.
        case recorderWithoutOfficials
        /// Officials given for a role that acts on any meeting.
        case officialsOfOtherRole
        /// A value a list (the legal grounds) holds already.
        case onTheListAlready
    }

    /// How many problems `description` names before it only counts the rest.
    public static let problemsShown = 5

    public init(_ field: String, _ message: String, rule: Rule? = nil) {
        problems = [Problem(field: field, message: message, rule: rule)]
    }

    init(problems: [Problem]) {
        self.problems = problems
    }

    /// One line: the first few problems ("field: message", or the message alone for
    /// the input as a whole), then how many more there are.
    public var description: String {
        var parts = problems.prefix(Self.problemsShown).map { $0.field.isEmpty ? $0.message : "\($0.field): \($0.message)" }
        let rest = problems.count - Self.problemsShown
        if rest > 0 { parts.append("and \(rest) more problem\(rest == 1 ? "" : "s")") }
        return parts.joined(separator: "; ")
    }

    /// A value as a message quotes it: in single quotes, on one line (control
    /// characters and the bidirectional embeddings, overrides and isolates escaped, so
    /// that a quoted value cannot reorder the message around it) and at most `limit`
    /// Unicode scalars long.
    public static func quote(_ value: some StringProtocol, limit: Int = 60) -> String {
        var out = "'"
        var shown = 0
        for scalar in value.unicodeScalars {
            if shown == limit { out += "…"; break }
            shown += 1
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value)
                || scalar == "\u{2028}" || scalar == "\u{2029}" || (0x202A...0x202E).contains(scalar.value)
                || (0x2066...0x2069).contains(scalar.value) {
                out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "'"
    }
}

/// Collects problems so that one error can name every bad field at once.
struct Problems {
    private(set) var list: [ValidationError.Problem] = []

    mutating func add(_ field: String, _ message: String, rule: ValidationError.Rule? = nil) {
        list.append(.init(field: field, message: message, rule: rule))
    }

    mutating func add(_ error: ValidationError) {
        list += error.problems
    }

    mutating func requireText(_ value: String, _ field: String, max: Int = 10_000) {
        if value.trimmed.isEmpty {
            add(field, "is required and must not be empty", rule: .required)
        } else {
            checkText(value, field, max: max)
        }
    }

    mutating func optionalText(_ value: String?, _ field: String, max: Int = 10_000) {
        if let value { requireText(value, field, max: max) }
    }

    /// The rules of every text field (see `TextRules`).
    mutating func checkText(_ value: String, _ field: String, max: Int) {
        if let problem = TextRules.problem(value, max: max) { add(field, problem.message, rule: problem.rule) }
    }

    func check() throws(ValidationError) {
        if !list.isEmpty { throw ValidationError(problems: list) }
    }
}
