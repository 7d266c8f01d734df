import Foundation
import GRDB

/// A program's credential (a calendar integration, a case-management system): a role
/// and, for a recorder, the officials it records for. The secret is shown once, when
/// it is created; the register keeps only its SHA-256 hash, the time of its last use,
/// and whether it was revoked.
public struct APIToken: Sendable, Equatable {
    public let id: Int64
    public let name: String
    public let role: Role
    public let officials: [Int64]
    public let createdAt: Date
    public let expiresAt: Date?
    public let lastUsedAt: Date?
    public let revokedAt: Date?

    public var principal: Principal {
        Principal(kind: .token, id: id, name: name, role: role, officials: Set(officials))
    }

    /// Whether a request bearing it at `now` is refused.
    public func isExpired(at now: Date) -> Bool { expiresAt.map { $0 <= now } ?? false }

    init(_ row: Row, officials: [Int64]) {
        id = row["id"]
        name = row["name"]
        role = Role(rawValue: row["role"]) ?? .recorder
        self.officials = officials
        createdAt = Timestamp.parse(row["created_at"]) ?? .distantPast
        expiresAt = (row["expires_at"] as String?).flatMap { Timestamp.parse($0) }
        lastUsedAt = (row["last_used_at"] as String?).flatMap { Timestamp.parse($0) }
        revokedAt = (row["revoked_at"] as String?).flatMap { Timestamp.parse($0) }
    }
}

/// A token as the registrar asks for it.
public struct NewAPIToken: Sendable {
    public var name: String
    public var role: Role
    public var officials: [Int64]
    public var expiresAt: Date?

    public init(name: String, role: Role, officials: [Int64] = [], expiresAt: Date? = nil) {
        self.name = name
        self.role = role
        self.officials = officials
        self.expiresAt = expiresAt
    }

    func validated(now: Date) throws(ValidationError) -> NewAPIToken {
        var problems: [ValidationError.Problem] = []
        let name = name.trimmed
        if name.isEmpty {
            problems.append(.init(field: "name", message: "is required", rule: .required))
        } else if let problem = TextRules.problem(name, max: 200) {
            problems.append(.init(field: "name", message: problem.message, rule: problem.rule))
        }
        problems += OfficialsRule.problems(role: role, officials: officials)
        if let expiresAt, expiresAt <= now {
            problems.append(.init(field: "expires", message: "\(Timestamp.format(expiresAt)) has passed already"))
        }
        guard problems.isEmpty else { throw ValidationError(problems: problems) }
        return NewAPIToken(name: name, role: role, officials: Array(Set(officials)).sorted(), expiresAt: expiresAt)
    }
}

/// A token just created: the secret to hand to the program (shown only this once) and the token as listed.
public struct CreatedAPIToken: Sendable {
    public let secret: String
    public let token: APIToken
}

/// What a bearer token is worth at a request.
public enum BearerCheck: Sendable, Equatable {
    case valid(Principal)
    case unknown
    case expired
    case revoked
}
