import Foundation
import GRDB

extension Unit: CatalogueEntry {
    public static let noun = "unit"
    public static let table = "unit"
    public static let added = ChangeType.unitAdded
    public static let updated = ChangeType.unitUpdated
    public static let redacted = ChangeType.unitRedacted

    public func projection(id: Int64) -> PublicUnit { PublicUnit(id: id, self) }

    public func save(id: Int64?, sequence: Int64, in db: Database) throws -> Int64 {
        try upsert(db, table: Self.table, id: id, columns: ["name": name, "kind": kind.rawValue, "updated_seq": sequence])
    }
}

extension Official: CatalogueEntry {
    public static let noun = "official"
    public static let table = "official"
    public static let added = ChangeType.officialAdded
    public static let updated = ChangeType.officialUpdated
    public static let redacted = ChangeType.officialRedacted

    public func projection(id: Int64) -> PublicOfficial { PublicOfficial(id: id, self) }

    /// The search index holds an official's name and unit.
    public static var meetingsNamingIt: String? { "SELECT DISTINCT meeting_id FROM meeting_participant WHERE official_id = ?" }
    public static var tallyColumn: String? { "unit_id" }

    public func checkReferences(_ db: Database) throws {
        try requireExists("unit", "unit", id: unit, field: "unit", in: db)
    }

    public func save(id: Int64?, sequence: Int64, in db: Database) throws -> Int64 {
        try upsert(db, table: Self.table, id: id, columns: [
            "name": name, "title": title, "kind": kind.rawValue, "party": party, "unit_id": unit,
            "active_from": activeFrom.description, "active_to": activeTo?.description, "updated_seq": sequence,
        ])
    }
}

extension Organisation: CatalogueEntry {
    public static let noun = "organisation"
    public static let table = "organisation"
    public static let added = ChangeType.organisationAdded
    public static let updated = ChangeType.organisationUpdated
    public static let redacted = ChangeType.organisationRedacted

    public func projection(id: Int64) -> PublicOrganisation { PublicOrganisation(id: id, self) }

    public static var meetingsNamingIt: String? {
        "SELECT meeting_id FROM meeting_counterpart WHERE ?1 IN (organisation_id, on_behalf_of_id) GROUP BY meeting_id"
    }
    public static var tallyColumn: String? { "kind" }

    public var confidential: [String: JSONValue] {
        personnummer.map { ["personnummer": .string($0)] } ?? [:]
    }

    public func save(id: Int64?, sequence: Int64, in db: Database) throws -> Int64 {
        let saved = try upsert(db, table: Self.table, id: id, columns: [
            "name": name, "kind": kind.rawValue, "organisation_number": organisationNumber,
            "sole_trader": personnummer != nil, "eu_transparency_id": euTransparencyId, "website": website,
            "updated_seq": sequence,
        ])
        try db.executeCached(sql: "DELETE FROM organisation_private WHERE organisation_id = ?", arguments: [saved])
        if let personnummer {
            try db.executeCached(sql: "INSERT INTO organisation_private(organisation_id, personnummer) VALUES (?, ?)",
                           arguments: [saved, personnummer])
        }
        return saved
    }
}

extension Issue: CatalogueEntry {
    public static let noun = "issue"
    public static let table = "issue"
    public static let added = ChangeType.issueAdded
    public static let updated = ChangeType.issueUpdated
    public static let redacted = ChangeType.issueRedacted

    public func projection(id: Int64) -> PublicIssue { PublicIssue(id: id, self) }

    public static var meetingsNamingIt: String? { "SELECT DISTINCT meeting_id FROM meeting_issue WHERE issue_id = ?" }

    public func checkReferences(_ db: Database) throws {
        try requireExists("unit", "unit", id: unit, field: "unit", in: db)
    }

    public func save(id: Int64?, sequence: Int64, in db: Database) throws -> Int64 {
        let areas = String(decoding: try JSONEncoder().encode(policyAreas), as: UTF8.self)
        return try upsert(db, table: Self.table, id: id, columns: [
            "title": title, "summary": summary, "position": position, "status": status.rawValue,
            "case_number": caseNumber, "policy_areas": areas, "unit_id": unit, "updated_seq": sequence,
        ])
    }
}

/// Inserts a row (returning its new id) or updates the row with `id`.
private func upsert(_ db: Database, table: String, id: Int64?, columns: [String: (any DatabaseValueConvertible)?]) throws -> Int64 {
    let names = columns.keys.sorted()
    let arguments = StatementArguments(names.map { columns[$0]! })
    if let id {
        try db.executeCached(sql: "UPDATE \(table) SET \(names.map { "\($0) = ?" }.joined(separator: ", ")) WHERE id = ?",
                       arguments: arguments + [id])
        return id
    }
    try db.executeCached(sql: "INSERT INTO \(table)(\(names.joined(separator: ", "))) VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))",
                   arguments: arguments)
    return db.lastInsertedRowID
}
