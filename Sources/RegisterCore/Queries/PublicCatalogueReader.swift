import Foundation
import GRDB

/// Reads the catalogue's public projections (units, officials, organisations,
/// issues) in id order, for both the register's one-shot reads and a snapshot.
/// The personnummer of a sole trader lives in another table and is never read here.
/// `condition` narrows a read to some records (a SQL condition on the record's own
/// columns, with its arguments).
enum PublicCatalogueReader {
    /// A SQL condition on the record's own columns, with its arguments. `isKept`: its
    /// statement may be kept by the connection; not for a long list of ids, whose text
    /// differs with its length (`PublicMeetingReader.cachedListLength`).
    struct Condition {
        var sql: String
        var arguments: StatementArguments
        var isKept = true
    }

    /// The rows of `select` narrowed by `condition`, in id order.
    private static func rows(_ db: Database, _ select: String, _ condition: Condition?) throws -> [Row] {
        let sql = select + (condition.map { " WHERE " + $0.sql } ?? "") + " ORDER BY id"
        return try Row.fetchAll(PublicMeetingReader.statement(sql, in: db, cached: condition?.isKept ?? true),
                                arguments: condition?.arguments ?? [])
    }

    static func units(_ db: Database, _ condition: Condition? = nil) throws -> [PublicUnit] {
        try rows(db, "SELECT id, name, kind FROM unit", condition).map {
            PublicUnit(id: $0[0], name: $0[1], kind: UnitKind(rawValue: $0[2]) ?? .department)
        }
    }

    static func officials(_ db: Database, _ condition: Condition? = nil) throws -> [PublicOfficial] {
        try rows(db, "SELECT id, name, title, kind, party, unit_id, active_from, active_to FROM official", condition).map { row in
            PublicOfficial(id: row[0], Official(
                name: row[1], title: row[2], kind: OfficialKind(rawValue: row[3]) ?? .staff, party: row[4], unit: row[5],
                activeFrom: Day(row[6] as String) ?? Day(year: 1970, month: 1, day: 1)!,
                activeTo: (row[7] as String?).flatMap(Day.init)))
        }
    }

    static func organisations(_ db: Database, _ condition: Condition? = nil) throws -> [PublicOrganisation] {
        try rows(db, "SELECT id, name, kind, organisation_number, sole_trader, eu_transparency_id, website FROM organisation", condition).map { row in
            var organisation = PublicOrganisation(id: row[0], Organisation(
                name: row[1], kind: OrganisationKind(rawValue: row[2]) ?? .other, organisationNumber: row[3],
                euTransparencyId: row[5], website: row[6]))
            organisation.soleTrader = row[4]
            return organisation
        }
    }

    static func issues(_ db: Database, _ condition: Condition? = nil) throws -> [PublicIssue] {
        try rows(db, "SELECT id, title, summary, position, status, case_number, policy_areas, unit_id FROM issue", condition).map { row in
            PublicIssue(id: row[0], Issue(
                title: row[1], summary: row[2], position: row[3], status: IssueStatus(rawValue: row[4]) ?? .active,
                caseNumber: row[5],
                policyAreas: (try? JSONDecoder().decode([String].self, from: Data((row[6] as String).utf8))) ?? [],
                unit: row[7]))
        }
    }
}
