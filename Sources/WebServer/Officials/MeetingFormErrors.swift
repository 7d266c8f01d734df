import Publishing
import RegisterCore

/// The register's refusal of a meeting form, field by field: each problem of the
/// `ValidationError` (named by the input's path, "counterparts[1].people[0].name")
/// is put beside the form field it concerns and said in the page's language.
struct MeetingFormErrors: Sendable {
    /// The message of each field that has one, by the field's id.
    private(set) var byField: [String: String] = [:]
    /// The ids in the order the summary lists them.
    private(set) var order: [String] = []

    init() {}

    init(_ error: ValidationError, input: MeetingFormInput, strings: Strings) {
        let plan = input.counterpartPlan
        for problem in error.problems {
            let (id, key) = Self.place(problem.field, input: input, plan: plan)
            let required = problem.rule == .required || problem.message.contains("whole number")
            add(id, required ? strings["deskRequired_" + key] : RuleWords.message(problem, label: strings["deskLabel_" + key], strings: strings))
        }
    }

    mutating func add(_ id: String, _ message: String) {
        guard byField[id] == nil else { return }
        byField[id] = message
        order.append(id)
    }

    subscript(_ id: String) -> String? { byField[id] }

    var isEmpty: Bool { order.isEmpty }

    var summary: FormErrors {
        FormErrors(order.map { FormError(target: $0, message: byField[$0]!) })
    }

    /// The field id and the words' key of an input path.
    static func place(_ path: String, input: MeetingFormInput, plan: [(organisation: Int64?, rows: [Int])]) -> (String, String) {
        let parts = path.split(separator: ".").map(String.init)
        let head = parts.first.map { $0.split(separator: "[").first.map(String.init) ?? $0 } ?? ""
        func index(_ part: String) -> Int? {
            guard let open = part.firstIndex(of: "["), let close = part.firstIndex(of: "]") else { return nil }
            return Int(part[part.index(after: open)..<close])
        }
        switch head {
        case "startsAt", "endsAt":
            return input.date.isEmpty || !input.time.isEmpty ? ("meeting-date", "date") : ("meeting-time", "time")
        case "durationMinutes": return ("meeting-duration", "duration")
        case "reason": return ("correction-reason", "reason")
        case "place", "subject", "summary", "format", "direction", "initiator": return ("meeting-" + head, head)
        case "participants": return ("find-official", "participants")
        case "issues": return ("find-issue", "issues")
        case "counterparts":
            guard let first = parts.first, let at = index(first), at < plan.count else { return ("find-organisation", "counterparts") }
            let part = plan[at]
            if parts.count > 1, parts[1] == "onBehalfOf", let organisation = part.organisation { return ("behalf-\(organisation)", "behalf") }
            if parts.count > 1, parts[1].hasPrefix("people"), let person = index(parts[1]), person < part.rows.count {
                let field = parts.count > 2 && parts[2] == "role" ? "role" : "name"
                return ("person-\(part.rows[person])-\(field)", "person-" + field)
            }
            return ("find-organisation", "counterparts")
        case "withheld":
            if parts.count > 1, let field = MeetingField(rawValue: parts[1]) {
                return parts.count > 2 && parts[2] == "until" ? ("withheld-\(field.rawValue)-until", "until") : ("withheld-" + field.rawValue, "ground")
            }
            return ("meeting-subject", "subject")
        default: return ("meeting-subject", "subject")
        }
    }
}
