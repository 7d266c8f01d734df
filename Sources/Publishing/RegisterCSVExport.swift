import Foundation
import RegisterCore

/// The public register as CSV (RFC 4180, UTF-8 with a byte order mark, formula
/// guard on) for people who open it in a spreadsheet: one file per kind of record,
/// meetings in their flat form (`MeetingRow`, the same as a CKAN row). Times
/// are ISO 8601 in the register's time zone with its offset. A withheld value is an
/// empty cell, and the `withheld` column names it with its legal ground.
public struct RegisterCSVExport {
    /// The kinds of record, one CSV file each.
    public enum Entity: String, Sendable, CaseIterable {
        case units, officials, organisations, issues, meetings
    }

    public var filter: MeetingFilter

    public init(filter: MeetingFilter = .all) {
        self.filter = filter
    }

    /// Writes one entity's file to `sink` and finishes the sink; returns the number of rows.
    @discardableResult
    public func write(_ entity: Entity, _ register: Register, to sink: any ByteSink) throws -> Int {
        try register.read { snapshot in try write(entity, snapshot, to: sink) }
    }

    @discardableResult
    public func write(_ entity: Entity, _ snapshot: RegisterSnapshot, to sink: any ByteSink) throws -> Int {
        let publication = Publication(settings: try snapshot.settings())
        let csv = CSVWriter(sink)
        var rows = 0
        func row(_ fields: [String?]) throws {
            try csv.row(fields)
            rows += 1
        }
        switch entity {
        case .units:
            try csv.row(["id", "name", "kind"])
            for unit in try snapshot.units() { try row([String(unit.id), unit.name, unit.kind.rawValue]) }
        case .officials:
            let units = Dictionary(uniqueKeysWithValues: try snapshot.units().map { ($0.id, $0.name) })
            try csv.row(["id", "name", "title", "kind", "party", "unit_id", "unit", "active_from", "active_to", "feed"])
            for official in try snapshot.officials() {
                try row([String(official.id), official.name, official.title, official.kind.rawValue, official.party,
                         String(official.unit), units[official.unit], official.activeFrom.description,
                         official.activeTo?.description, publication.feedURL(.official(official.id))])
            }
        case .organisations:
            try csv.row(["id", "name", "kind", "organisation_number", "sole_trader", "eu_transparency_id", "website", "feed"])
            for organisation in try snapshot.organisations() {
                try row([String(organisation.id), organisation.name, organisation.kind.rawValue, organisation.organisationNumber,
                         String(organisation.soleTrader), organisation.euTransparencyId, organisation.website,
                         publication.feedURL(.organisation(organisation.id))])
            }
        case .issues:
            let units = Dictionary(uniqueKeysWithValues: try snapshot.units().map { ($0.id, $0.name) })
            try csv.row(["id", "title", "summary", "position", "status", "case_number", "policy_areas", "unit_id", "unit", "feed"])
            for issue in try snapshot.issues() {
                try row([String(issue.id), issue.title, issue.summary, issue.position, issue.status.rawValue, issue.caseNumber,
                         issue.policyAreas.joined(separator: "; "), String(issue.unit), units[issue.unit],
                         publication.feedURL(.issue(issue.id))])
            }
        case .meetings:
            let meetingRow = MeetingRow(publication: publication, names: try CatalogueNames(snapshot))
            try csv.row(MeetingRow.header)
            try snapshot.forEachPublicMeeting(filter, order: .id) { meeting in try row(meetingRow.fields(meeting)) }
        }
        try csv.finish()
        return rows
    }
}
