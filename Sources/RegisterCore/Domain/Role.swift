/// What an account or an API token may do in the register: a recorder records the
/// meetings of the officials it acts for, a registrar keeps the catalogue and any
/// meeting, an auditor reads everything and changes nothing, an admin does all.
public enum Role: String, Sendable, CaseIterable, Codable {
    case recorder, registrar, auditor, admin
}
