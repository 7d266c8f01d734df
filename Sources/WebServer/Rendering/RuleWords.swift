import Publishing
import RegisterCore

/// The register's rules in the page's language: every form (the meeting desk, the
/// registrar's catalogue, accounts and tokens) words a broken rule from one place,
/// with the label of the input it concerns first.
enum RuleWords {
    /// A broken rule in the page's words; a problem with no rule a form can break
    /// quotes the register's own message after the label.
    static func message(_ problem: ValidationError.Problem, label: String, strings: Strings) -> String {
        guard let rule = problem.rule else { return strings.format("deskInvalid", label, problem.message) }
        switch rule {
        case .tooLong(let max): return strings.format("deskRule_tooLong", label, String(max))
        case .nulCharacter: return strings.format("deskRule_nulCharacter", label)
        case .byteOrderMark: return strings.format("deskRule_byteOrderMark", label)
        case .notPositive: return strings.format("deskRule_notPositive", label)
        case .longerThanAWeek: return strings.format("deskRule_longerThanAWeek", label)
        case .outsideYears: return strings.format("deskRule_outsideYears", label)
        case .listedTwice: return strings.format("deskRule_listedTwice", label)
        case .onBehalfWithoutOrganisation: return strings.format("deskRule_onBehalfWithoutOrganisation", label)
        case .onBehalfOfItself: return strings.format("deskRule_onBehalfOfItself", label)
        case .endsBeforeStart: return strings.format("deskRule_endsBeforeStart", label)
        case .notAWebAddress: return strings.format("deskRule_notAWebAddress", label)
        case .notADate: return strings.format("deskRule_notADate", label)
        case .skippedHour: return strings.format("deskRule_skippedHour", label)
        case .repeatedHour: return strings.format("deskRule_repeatedHour", label)
        case .required: return strings.format("deskRule_required", label)
        case .notADay: return strings.format("deskRule_notADay", label)
        case .partyOfStaff: return strings.format("deskRule_partyOfStaff", label)
        case .beforeActiveFrom: return strings.format("deskRule_beforeActiveFrom", label)
        case .notAnOrganisationNumber: return strings.format("deskRule_notAnOrganisationNumber", label)
        case .notAPersonnummer: return strings.format("deskRule_notAPersonnummer", label)
        case .personnummerAndOrganisationNumber: return strings.format("deskRule_personnummerAndOrganisationNumber", label)
        case .notATransparencyId: return strings.format("deskRule_notATransparencyId", label)
        case .notAnEmailAddress: return strings.format("deskRule_notAnEmailAddress", label)
        case .emailTaken: return strings.format("deskRule_emailTaken", label)
        case .recorderWithoutOfficials: return strings.format("deskRule_recorderWithoutOfficials", label)
        case .officialsOfOtherRole: return strings.format("deskRule_officialsOfOtherRole", label)
        case .onTheListAlready: return strings.format("deskRule_onTheListAlready", label)
        }
    }
}
