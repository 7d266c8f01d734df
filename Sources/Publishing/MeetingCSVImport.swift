import Foundation
import RegisterCore

/// Reads meetings back from their flat form (`MeetingRow`, the meetings CSV that
/// `export --format csv` writes) for `insyn import`. Officials, organisations and
/// issues are named by name (`participants`, `organisations`, `on_behalf_of`,
/// `issues`); with the export's other files beside it (a `--out-dir` set), by the
/// `_ids` columns and the records those files hold. An optional column
/// `organisation_numbers`, in the order of `organisations`, matches organisations by
/// organisationsnummer. Columns the import does not need (ids, URLs, dates the
/// register sets) are ignored; a withdrawn meeting's row (a tombstone, no content)
/// is skipped.
public struct MeetingCSVImport {
    /// The export's other files, by record id, when importing a set.
    public struct Catalogue {
        var officials: [Int64: ImportedOfficial] = [:]
        var organisations: [Int64: ImportedOrganisation] = [:]
        var issues: [Int64: ImportedIssue] = [:]
    }

    /// What reading the file found.
    public struct Result {
        public var rows: [ImportRow] = []
        public var problems: [ImportProblem] = []
        /// Lines skipped, with why (withdrawn meetings).
        public var skipped: [Int] = []
        /// How many withheld values the file left empty and the import filled in with `missingWithheld`.
        public var filledIn = 0
    }

    /// What a withheld text the file leaves empty is recorded as (it stays withheld).
    public static let missingWithheld = "Uppgiften saknades i importfilen."
    /// The name a private person the file names only as "privatperson" is recorded under (never published).
    public static let unnamedPrivatePerson = "Privatperson utan namn (import)"

    static let required = ["starts_at", "duration_minutes", "place", "format", "direction", "initiator", "participants",
                           "subject", "summary"]

    let timeZone: TimeZone
    let catalogue: Catalogue?

    public init(timeZone: TimeZone, catalogue: Catalogue? = nil) {
        self.timeZone = timeZone
        self.catalogue = catalogue
    }

    /// The CSV column a field of the meeting's JSON shape is read from, for reports.
    public static func column(for field: String) -> String {
        let head = String(field.prefix { $0 != "[" && $0 != "." })
        if head == "counterparts" {
            if field.contains(".onBehalfOf") { return "on_behalf_of" }
            if field.contains(".people") { return "people" }
            return "organisations"
        }
        if head == "withheld" { return "withheld" }
        return MeetingField(rawValue: head).map { MeetingRow.columns(of: $0)[0] } ?? field
    }

    public func read(_ bytes: [UInt8]) -> Result {
        var result = Result()
        let records: [CSVReader.Record]
        do {
            records = try CSVReader.records(bytes)
        } catch {
            result.problems.append(ImportProblem(line: error.line, field: "", message: error.message))
            return result
        }
        guard let header = records.first else {
            result.problems.append(ImportProblem(line: 1, field: "", message: "the file is empty; it needs a header row (\(MeetingRow.header.joined(separator: ",")))"))
            return result
        }
        var columns: [String: Int] = [:]
        for (index, name) in header.fields.enumerated() { columns[name.trimmingCharacters(in: .whitespaces)] = index }
        let missing = Self.required.filter { columns[$0] == nil } + (columns["organisations"] == nil && columns["people"] == nil ? ["organisations or people"] : [])
        guard missing.isEmpty else {
            result.problems.append(ImportProblem(line: header.line, field: "", message: "the header lacks the column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", "))"))
            return result
        }
        for record in records.dropFirst() {
            var row = RowReader(record: record, columns: columns, timeZone: timeZone, catalogue: catalogue)
            if row.text("status") == MeetingStatus.withdrawn.rawValue {
                result.skipped.append(record.line)
                continue
            }
            if record.fields.count != header.fields.count {
                result.problems.append(ImportProblem(line: record.line, field: "", message: "has \(record.fields.count) fields; the header has \(header.fields.count)"))
                continue
            }
            if let imported = row.read() {
                result.rows.append(imported)
                result.filledIn += row.filledIn
            }
            result.problems += row.problems
        }
        return result
    }
}

/// Reads one meetings CSV record, collecting its problems by column.
private struct RowReader {
    let record: CSVReader.Record
    let columns: [String: Int]
    let timeZone: TimeZone
    let catalogue: MeetingCSVImport.Catalogue?
    var problems: [ImportProblem] = []
    var filledIn = 0

    init(record: CSVReader.Record, columns: [String: Int], timeZone: TimeZone, catalogue: MeetingCSVImport.Catalogue?) {
        self.record = record
        self.columns = columns
        self.timeZone = timeZone
        self.catalogue = catalogue
    }

    mutating func problem(_ column: String, _ message: String) {
        problems.append(ImportProblem(line: record.line, field: column, message: message))
    }

    /// The cell's text, the export's formula guard taken off; nil when empty or absent.
    func text(_ column: String) -> String? {
        guard let index = columns[column], index < record.fields.count else { return nil }
        var cell = record.fields[index]
        if cell.hasPrefix("'"), let next = cell.dropFirst().first, "=+-@\t\r".contains(next) { cell.removeFirst() }
        return cell.isEmpty ? nil : cell
    }

    func list(_ column: String) -> [String] {
        text(column).map { $0.components(separatedBy: "; ") } ?? []
    }

    mutating func read() -> ImportRow? {
        let withheld = readWithheld()
        let startsAt = text("starts_at").flatMap { Timestamp.parse($0, timeZone: timeZone) }
        if startsAt == nil {
            problem("starts_at", text("starts_at").map { "\(ValidationError.quote($0)) is not a date and time like 2026-11-23T14:30:00+01:00" }
                    ?? required("starts_at", withheld))
        }
        let minutes = text("duration_minutes").flatMap { Int($0) }
        if minutes == nil {
            problem("duration_minutes", text("duration_minutes").map { "\(ValidationError.quote($0)) is not a whole number of minutes" }
                    ?? required("duration_minutes", withheld))
        }
        let format: MeetingFormat? = choice("format", withheld)
        let direction: MeetingDirection? = choice("direction", withheld)
        let initiator: MeetingInitiator? = choice("initiator", withheld)
        let participants = references("participants", ids: "participant_ids", in: catalogue?.officials) { ImportedOfficial(name: $0) }
        if participants.isEmpty { problem("participants", required("participants", withheld)) }
        let counterparts = readCounterparts(withheld)
        let issues = references("issues", ids: "issue_ids", in: catalogue?.issues) { ImportedIssue(title: $0) }
        let documents = readDocuments()
        let place = filled("place", withheld), subject = filled("subject", withheld), summary = filled("summary", withheld)
        guard let startsAt, let minutes, let format, let direction, let initiator, !participants.isEmpty, problems.isEmpty else { return nil }
        let meeting = Meeting(startsAt: startsAt, durationMinutes: minutes, place: place,
                              format: format, direction: direction, initiator: initiator, participants: [], counterparts: [], issues: [],
                              subject: subject, summary: summary, documents: documents, withheld: withheld)
        return ImportRow(line: record.line, meeting: meeting, participants: participants, counterparts: counterparts, issues: issues)
    }

    private func required(_ column: String, _ withheld: [MeetingField: Withholding]) -> String {
        withheld.keys.contains { MeetingRow.columns(of: $0).contains(column) }
            ? "is withheld and empty in the file; give the value (it stays withheld)"
            : "is required and must not be empty"
    }

    /// A withheld text the file leaves empty is filled in; any other empty text stays
    /// empty, for the register to refuse.
    private mutating func filled(_ column: String, _ withheld: [MeetingField: Withholding]) -> String {
        if let value = text(column) { return value }
        guard let field = MeetingField(rawValue: column), withheld[field] != nil else {
            problem(column, "is required and must not be empty")
            return ""
        }
        filledIn += 1
        return MeetingCSVImport.missingWithheld
    }

    private mutating func choice<T: RawRepresentable & CaseIterable>(_ column: String, _ withheld: [MeetingField: Withholding]) -> T?
    where T.RawValue == String {
        guard let value = text(column) else {
            problem(column, required(column, withheld))
            return nil
        }
        guard let choice = T(rawValue: value) else {
            problem(column, "\(ValidationError.quote(value)) is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return choice
    }

    /// The records a name column and its `_ids` column name: by the set's records when
    /// importing a set, else by the names.
    private mutating func references<Entry>(_ column: String, ids idColumn: String, in records: [Int64: Entry]?,
                                            named: (String) -> Entry) -> [ImportReference<Entry>] {
        guard let records else { return list(column).map { .named(named($0)) } }
        var references: [ImportReference<Entry>] = []
        for text in list(idColumn) {
            guard let id = Int64(text), let entry = records[id] else {
                problem(idColumn, "\(ValidationError.quote(text)) is not the id of a record in the export's other files")
                continue
            }
            references.append(.named(entry))
        }
        return references
    }

    private mutating func readCounterparts(_ withheld: [MeetingField: Withholding]) -> [ImportedCounterpart] {
        let organisations = references("organisations", ids: "organisation_ids", in: catalogue?.organisations) { ImportedOrganisation(name: $0) }
        var numbered = organisations
        let numbers = list("organisation_numbers")
        if !numbers.isEmpty {
            if numbers.count != organisations.count {
                problem("organisation_numbers", "names \(numbers.count) organisationsnummer for \(organisations.count) organisations; give one for each, in the same order (an empty one as -)")
            }
            for (index, number) in numbers.enumerated() where index < numbered.count && number != "-" {
                if case .named(var organisation) = numbered[index] {
                    organisation.organisationNumber = number
                    numbered[index] = .named(organisation)
                }
            }
        }
        let clients = references("on_behalf_of", ids: "on_behalf_of_ids", in: catalogue?.organisations) { ImportedOrganisation(name: $0) }
        if clients.count > numbered.count {
            problem("on_behalf_of", "names more clients than there are organisations acting for them")
        }
        let people = list("people").map(Self.person)
        var counterparts = numbered.map { ImportedCounterpart(organisation: $0) }
        // The flat form does not say which organisation acts for which client: each
        // client goes to the first organisation, in order, that is not itself.
        var free = Array(counterparts.indices)
        for client in clients {
            guard let slot = free.firstIndex(where: { counterparts[$0].organisation != client }) else { continue }
            counterparts[free[slot]].onBehalfOf = client
            free.remove(at: slot)
        }
        if !people.isEmpty {
            if counterparts.isEmpty { counterparts.append(ImportedCounterpart(organisation: nil)) }
            counterparts[0].people = people
        }
        if counterparts.isEmpty { problem("organisations", required("organisations", withheld)) }
        return counterparts
    }

    /// "Name (role)", "privatperson (role)" (a private person), or a name alone.
    static func person(_ text: String) -> CounterpartPerson {
        var name = text
        var role: String?
        if text.hasSuffix(")"), let open = text.range(of: " (", options: .backwards) {
            name = String(text[..<open.lowerBound])
            role = String(text[open.upperBound..<text.index(before: text.endIndex)])
        }
        if name == "privatperson" { return CounterpartPerson(name: MeetingCSVImport.unnamedPrivatePerson, role: role, isPrivate: true) }
        return CounterpartPerson(name: name, role: role)
    }

    /// "title (received|given[, url])".
    private mutating func readDocuments() -> [MeetingDocument] {
        list("documents").compactMap { text in
            guard text.hasSuffix(")"), let open = text.range(of: " (", options: .backwards) else {
                problem("documents", "\(ValidationError.quote(text)) is not a document like 'Skrivelse (received, https://…)'")
                return nil
            }
            let inside = text[open.upperBound..<text.index(before: text.endIndex)]
            let parts = inside.split(separator: ",", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let direction = DocumentDirection(rawValue: parts[0]) else {
                problem("documents", "\(ValidationError.quote(text)) does not say received or given")
                return nil
            }
            return MeetingDocument(title: String(text[..<open.lowerBound]), direction: direction, url: parts.count > 1 ? parts[1] : nil)
        }
    }

    /// "place: OSL 19 kap. 3 §; summary: OSL 19 kap. 3 § until 2027-06-30": the
    /// columns a withheld field empties, its ground and the day it is released.
    private mutating func readWithheld() -> [MeetingField: Withholding] {
        var withheld: [MeetingField: Withholding] = [:]
        for entry in list("withheld") {
            guard let colon = entry.range(of: ": ") else {
                problem("withheld", "\(ValidationError.quote(entry)) is not like 'summary: OSL 19 kap. 3 § until 2027-06-30'")
                continue
            }
            let first = entry[..<colon.lowerBound].split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            guard let field = MeetingField.allCases.first(where: { MeetingRow.columns(of: $0).first == first }) else {
                problem("withheld", "\(ValidationError.quote(first)) is not a column that can be withheld")
                continue
            }
            var ground = String(entry[colon.upperBound...])
            var until: Day?
            if let range = ground.range(of: " until ", options: .backwards) {
                let day = String(ground[range.upperBound...])
                guard let parsed = Day(day) else {
                    problem("withheld", "\(ValidationError.quote(day)) is not a date like 2027-06-30")
                    continue
                }
                until = parsed
                ground = String(ground[..<range.lowerBound])
            }
            withheld[field] = Withholding(ground: ground, until: until)
        }
        return withheld
    }
}
