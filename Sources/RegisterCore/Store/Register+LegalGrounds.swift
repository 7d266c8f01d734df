import Foundation
import GRDB

/// A legal ground on which a field of a meeting may be withheld ("OSL 19 kap. 3 §"),
/// as the registrar lists them. Once the list has any ground, a meeting may withhold
/// a field only on a ground of the list, so recorders cite the law the same way.
public struct LegalGround: Sendable, Equatable, Codable {
    public var ground: String
    /// What the ground covers, in a sentence a recorder understands.
    public var description: String

    public init(ground: String, description: String) {
        self.ground = ground
        self.description = description
    }

    func validated() throws(ValidationError) -> LegalGround {
        var problems = Problems()
        problems.requireText(ground, "ground", max: 300)
        problems.requireText(description, "description", max: 2000)
        try problems.check()
        return LegalGround(ground: ground.trimmed, description: description.trimmed)
    }
}

extension LegalGround: InputShaped {
    public static var inputShape: InputShape { .object(members: [("ground", .text), ("description", .text)], ignored: ["id"]) }
}

/// A listed ground with its id.
public struct ListedLegalGround: Sendable, Equatable {
    public var id: Int64
    public var ground: LegalGround
}

extension Register {
    /// Adds a ground to the list and returns its id.
    @discardableResult
    public func addLegalGround(_ ground: LegalGround, by actor: Principal) throws -> Int64 {
        try actor.requireRegistrar("keep the list of legal grounds")
        let valid = try ground.validated()
        let now = clock()
        return try writer.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM legal_ground WHERE ground = ?", arguments: [valid.ground]) == true {
                throw ValidationError("ground", "\(ValidationError.quote(valid.ground)) is on the list already", rule: .onTheListAlready)
            }
            try db.execute(sql: "INSERT INTO legal_ground(ground, description, added_at) VALUES (?, ?, ?)",
                           arguments: [valid.ground, valid.description, Timestamp.format(now)])
            return db.lastInsertedRowID
        }
    }

    /// Takes a ground off the list; meetings that withhold on it keep it.
    public func removeLegalGround(_ id: Int64, by actor: Principal) throws {
        try actor.requireRegistrar("keep the list of legal grounds")
        try writer.write { db in
            try db.execute(sql: "DELETE FROM legal_ground WHERE id = ?", arguments: [id])
            if db.changesCount == 0 { throw ValidationError("id", "no legal ground with id \(id)") }
        }
    }

    public func legalGrounds() throws -> [ListedLegalGround] {
        try writer.read { db in try Self.legalGrounds(db) }
    }

    static func legalGrounds(_ db: Database) throws -> [ListedLegalGround] {
        try Row.fetchAll(db, sql: "SELECT id, ground, description FROM legal_ground ORDER BY ground").map {
            ListedLegalGround(id: $0["id"], ground: LegalGround(ground: $0["ground"], description: $0["description"]))
        }
    }

    /// A meeting's withheld fields cite grounds of the list, when there is one. A
    /// withholding kept from before (a redaction, or one already stored) is not checked.
    static func checkGrounds(of meeting: Meeting, keeping stored: Meeting?, in db: Database, into problems: inout Problems) throws {
        let listed = Set(try String.fetchAll(db.cachedStatement(sql: "SELECT ground FROM legal_ground")))
        guard !listed.isEmpty else { return }
        for (field, withholding) in meeting.withheld.sorted(by: { $0.key < $1.key })
        where !listed.contains(withholding.ground) && stored?.withheld[field]?.ground != withholding.ground {
            problems.add("withheld.\(field.rawValue).ground", "\(ValidationError.quote(withholding.ground)) is not on the register's list of legal grounds (the registrar keeps the list)")
        }
    }
}

extension RegisterSnapshot {
    /// The list of legal grounds, by ground.
    public func legalGrounds() throws -> [ListedLegalGround] {
        try Register.legalGrounds(db)
    }
}
