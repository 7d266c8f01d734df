import Foundation
import GRDB

/// Reads the catalogue's public projections (units, officials, organisations,
/// issues) in id order, for both the register's one-shot reads and a snapshot.
/// The personnummer of a sole trader lives in another table and is never read here.
/// `condition` narrows a read to some records (a SQL condition on the record's own
/// columns, with its arguments).
enum PublicCatalogueReader {
    typealias Condition = (sql: String, arguments: StatementArguments)

    private static func narrowed(_ condition: Condition?) -> (String, StatementArguments) {
        guard let condition else { return ("", []) }
        return (" WHERE " + condition.sql, condition.arguments)
    }

    /// The rows of `sql` narrowed by `condition` (`{where}` in `sql`): a statement kept
    /// by the connection, except for a list of ids, whose text differs with its length.
    private static func rows(_ db: Database, _ sql: String, _ condition: Condition?) throws -> [Row] {
        let (clause, arguments) = narrowed(condition)
        let text = sql.replacingOccurrences(of: "{where}", with: clause)
        guard condition?.sql.contains(" IN (") != true else { return try Row.fetchAll(db, sql: text, arguments: arguments) }
        return try Row.fetchAll(db.cachedStatement(sql: text), arguments: arguments)
    }

    static func units(_ db: Database, _ condition: Condition? = nil) throws -> [PublicUnit] {
        try rows(db, "SELECT id, name, kind FROM unit{where} ORDER BY id", condition).map {
            PublicUnit(id: $0[0], name: $0[1], kind: UnitKind(rawValue: $0[2]) ?? .department)
        }
    }

    static func officials(_ db: Database, _ condition: Condition? = nil) throws -> [PublicOfficial] {
        try rows(db, "SELECT id, name, title, kind, party, unit_id, active_from, active_to FROM official{where} ORDER BY id", condition).map { row in
            PublicOfficial(id: row[0], Official(
                name: row[1], title: row[2], kind: OfficialKind(rawValue: row[3]) ?? .staff, party: row[4], unit: row[5],
                activeFrom: Day(row[6] as String) ?? Day(year: 1970, month: 1, day: 1)!,
                activeTo: (row[7] as String?).flatMap(Day.init)))
        }
    }

    static func organisations(_ db: Database, _ condition: Condition? = nil) throws -> [PublicOrganisation] {
        try rows(db, "SELECT id, name, kind, organisation_number, sole_trader, eu_transparency_id, website FROM organisation{where} ORDER BY id", condition).map { row in
            var organisation = PublicOrganisation(id: row[0], Organisation(
                name: row[1], kind: OrganisationKind(rawValue: row[2]) ?? .other, organisationNumber: row[3],
                euTransparencyId: row[5], website: row[6]))
            organisation.soleTrader = row[4]
            return organisation
        }
    }

    static func issues(_ db: Database, _ condition: Condition? = nil) throws -> [PublicIssue] {
        try rows(db, "SELECT id, title, summary, position, status, case_number, policy_areas, unit_id FROM issue{where} ORDER BY id", condition).map { row in
            PublicIssue(id: row[0], Issue(
                title: row[1], summary: row[2], position: row[3], status: IssueStatus(rawValue: row[4]) ?? .active,
                caseNumber: row[5],
                policyAreas: (try? JSONDecoder().decode([String].self, from: Data((row[6] as String).utf8))) ?? [],
                unit: row[7]))
        }
    }
}
