import Foundation
import RegisterCore

extension MeetingCSVImport.Catalogue {
    /// The records of an export's `units.csv`, `officials.csv`, `organisations.csv`
    /// and `issues.csv`, by id; a problem names the file and line.
    public init(units: [UInt8], officials: [UInt8], organisations: [UInt8], issues: [UInt8]) throws(ValidationError) {
        func table(_ bytes: [UInt8], _ file: String) throws(ValidationError) -> [(line: Int, cell: (String) -> String?)] {
            let records: [CSVReader.Record]
            do { records = try CSVReader.records(bytes) } catch {
                throw ValidationError(file, "line \(error.line): \(error.message)")
            }
            guard let header = records.first else { throw ValidationError(file, "is empty") }
            var columns: [String: Int] = [:]
            for (index, name) in header.fields.enumerated() { columns[name] = index }
            return records.dropFirst().map { record in
                (record.line, { name in
                    guard let index = columns[name], index < record.fields.count, !record.fields[index].isEmpty else { return nil }
                    let cell = record.fields[index]
                    if cell.hasPrefix("'"), let next = cell.dropFirst().first, "=+-@\t\r".contains(next) { return String(cell.dropFirst()) }
                    return cell
                })
            }
        }
        func id(_ row: (line: Int, cell: (String) -> String?), _ file: String) throws(ValidationError) -> Int64 {
            guard let id = row.cell("id").flatMap({ Int64($0) }) else { throw ValidationError(file, "line \(row.line): the id is not a number") }
            return id
        }
        var unitsById: [Int64: ImportedUnit] = [:]
        for row in try table(units, "units.csv") {
            unitsById[try id(row, "units.csv")] = ImportedUnit(name: row.cell("name") ?? "", kind: row.cell("kind").flatMap(UnitKind.init) ?? .department)
        }
        func unit(_ row: (line: Int, cell: (String) -> String?)) -> ImportedUnit? {
            row.cell("unit_id").flatMap { Int64($0) }.flatMap { unitsById[$0] } ?? row.cell("unit").map { ImportedUnit(name: $0) }
        }
        for row in try table(officials, "officials.csv") {
            let official = try id(row, "officials.csv")
            self.officials[official] = ImportedOfficial(
                sourceId: official, name: row.cell("name") ?? "", title: row.cell("title"), kind: row.cell("kind").flatMap(OfficialKind.init),
                party: row.cell("party"), unit: unit(row), activeFrom: row.cell("active_from").flatMap(Day.init),
                activeTo: row.cell("active_to").flatMap(Day.init))
        }
        for row in try table(organisations, "organisations.csv") {
            let organisation = try id(row, "organisations.csv")
            self.organisations[organisation] = ImportedOrganisation(
                sourceId: organisation, name: row.cell("name") ?? "", kind: row.cell("kind").flatMap(OrganisationKind.init),
                organisationNumber: row.cell("organisation_number"), euTransparencyId: row.cell("eu_transparency_id"),
                website: row.cell("website"))
        }
        for row in try table(issues, "issues.csv") {
            let issue = try id(row, "issues.csv")
            self.issues[issue] = ImportedIssue(
                sourceId: issue, title: row.cell("title") ?? "", summary: row.cell("summary"), position: row.cell("position"),
                status: row.cell("status").flatMap(IssueStatus.init), caseNumber: row.cell("case_number"),
                policyAreas: row.cell("policy_areas")?.components(separatedBy: "; ") ?? [], unit: unit(row))
        }
    }
}
