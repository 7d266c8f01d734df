import Foundation
import GRDB

/// A person who signs in: the registrar adds them with a role and, for a recorder,
/// the officials they act for (an official's own account, or an assistant's acting
/// for several). A disabled account keeps its row, so the ledger and the access log
/// still name it, but it can neither sign in nor keep a session.
public struct Account: Sendable, Equatable {
    public let id: Int64
    public let name: String
    public let email: String
    public let role: Role
    public let officials: [Int64]
    public let createdAt: Date
    public let disabledAt: Date?
    /// False until the person sets a password through their link.
    public let hasPassword: Bool

    public var principal: Principal {
        Principal(kind: .account, id: id, name: name, role: role, officials: Set(officials))
    }

    static let columns = "a.id, a.name, a.email, a.role, a.created_at, a.disabled_at, a.password_hash IS NOT NULL AS has_password"

    init(_ row: Row, officials: [Int64]) {
        id = row["id"]
        name = row["name"]
        email = row["email"]
        role = Role(rawValue: row["role"]) ?? .recorder
        self.officials = officials
        createdAt = Timestamp.parse(row["created_at"]) ?? .distantPast
        disabledAt = (row["disabled_at"] as String?).flatMap { Timestamp.parse($0) }
        hasPassword = row["has_password"]
    }
}

/// An account as the registrar asks for it, before it is checked.
public struct NewAccount: Sendable {
    public var name: String
    public var email: String
    public var role: Role
    public var officials: [Int64]

    public init(name: String, email: String, role: Role, officials: [Int64] = []) {
        self.name = name
        self.email = email
        self.role = role
        self.officials = officials
    }

    /// The account with its name trimmed and its email in lower case; every problem is named by its field.
    func validated() throws(ValidationError) -> NewAccount {
        var problems: [ValidationError.Problem] = []
        let name = name.trimmed
        if name.isEmpty {
            problems.append(.init(field: "name", message: "is required", rule: .required))
        } else if let problem = TextRules.problem(name, max: 200) {
            problems.append(.init(field: "name", message: problem.message, rule: problem.rule))
        }
        let email = Self.normalised(email)
        if let problem = Self.emailProblem(email) { problems.append(.init(field: "email", message: problem.message, rule: problem.rule)) }
        problems += OfficialsRule.problems(role: role, officials: officials)
        guard problems.isEmpty else { throw ValidationError(problems: problems) }
        return NewAccount(name: name, email: email, role: role, officials: Array(Set(officials)).sorted())
    }

    /// How an email is compared: trimmed and in lower case.
    static func normalised(_ email: String) -> String { email.trimmed.lowercased() }

    /// A plain check of form (one "@", something on each side, a dot in the domain, no
    /// spaces): the address is only how the registrar tells people apart.
    static func emailProblem(_ email: String) -> Refusal? {
        if let problem = TextRules.problem(email, max: 254) { return problem }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              !email.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 }) else {
            return Refusal("\(ValidationError.quote(email)) is not an email address like name@example.se", rule: .notAnEmailAddress)
        }
        return nil
    }
}

/// Which officials a role acts for: a recorder acts for at least one, the other roles
/// (who may act on any meeting, or none) for none.
enum OfficialsRule {
    static func problems(role: Role, officials: [Int64]) -> [ValidationError.Problem] {
        if role == .recorder && officials.isEmpty {
            return [.init(field: "officials", message: "a recorder acts for at least one official (--official ID)", rule: .recorderWithoutOfficials)]
        }
        if role != .recorder && !officials.isEmpty {
            return [.init(field: "officials", message: "only a recorder acts for particular officials; a \(role.rawValue) acts on any meeting",
                          rule: .officialsOfOtherRole)]
        }
        return []
    }

    /// Refuses an official id the catalogue does not have.
    static func checkExist(_ officials: [Int64], in db: Database) throws {
        for id in officials where try Int.fetchOne(db, sql: "SELECT 1 FROM official WHERE id = ?", arguments: [id]) == nil {
            throw ValidationError("officials", "there is no official \(id)")
        }
    }
}
