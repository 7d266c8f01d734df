import Foundation
import GRDB

/// How an import's catalogue references turn into ids: each named record is matched
/// in the register (an organisation by organisationsnummer, else by exact name;
/// officials by exact name; issues by exact title) or planned for creation
/// under a temporary negative id, which the real id replaces once it is created.
struct ImportPlan {
    private(set) var problems: [ImportProblem] = []
    private(set) var matched: [ImportReport.Entry] = []

    private(set) var officials: [ImportedOfficial] = []
    private(set) var organisations: [ImportedOrganisation] = []
    private(set) var issues: [ImportedIssue] = []
    /// The first line that names each record to create, for its problems.
    private(set) var lineOfOfficial: [Int] = []
    private(set) var lineOfOrganisation: [Int] = []
    private(set) var lineOfIssue: [Int] = []

    private let timeZone: TimeZone
    private let officialsByName: [String: [Int64]]
    private let activity: [Int64: (name: String, from: Day, to: Day?)]
    private let organisationsByNumber: [String: Int64]
    private let organisationsByName: [String: [Int64]]
    private let organisationIds: Set<Int64>
    private let issuesByTitle: [String: [Int64]]
    private let issueIds: Set<Int64>
    let grounds: Set<String>

    private var plannedOfficial: [String: Int] = [:]
    private var plannedOrganisation: [String: Int] = [:]
    private var plannedIssue: [String: Int] = [:]
    private var matchedKeys: Set<String> = []
    /// Whether each official to create is active from the day of their first imported meeting.
    private var startsAtFirstMeeting: [Bool] = []

    init(_ db: Database, timeZone: TimeZone) throws {
        self.timeZone = timeZone
        func grouped(_ sql: String) throws -> [String: [Int64]] {
            var result: [String: [Int64]] = [:]
            for row in try Row.fetchAll(db, sql: sql) { result[row[1], default: []].append(row[0]) }
            return result
        }
        officialsByName = try grouped("SELECT id, name FROM official ORDER BY id")
        var activity: [Int64: (name: String, from: Day, to: Day?)] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, name, active_from, active_to FROM official") {
            activity[row["id"]] = (row["name"], Day(row["active_from"] as String) ?? Day("1900-01-01")!,
                                   (row["active_to"] as String?).flatMap(Day.init))
        }
        self.activity = activity
        var byNumber: [String: Int64] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, organisation_number FROM organisation WHERE organisation_number IS NOT NULL ORDER BY id DESC") {
            byNumber[row[1]] = row[0]
        }
        organisationsByNumber = byNumber
        organisationsByName = try grouped("SELECT id, name FROM organisation ORDER BY id")
        organisationIds = Set(try Int64.fetchAll(db, sql: "SELECT id FROM organisation"))
        issuesByTitle = try grouped("SELECT id, title FROM issue ORDER BY id")
        issueIds = Set(try Int64.fetchAll(db, sql: "SELECT id FROM issue"))
        grounds = Set(try String.fetchAll(db, sql: "SELECT ground FROM legal_ground"))
    }

    /// The row's meeting with every reference an id (negative for a record to create).
    mutating func resolve(_ row: ImportRow) -> Meeting {
        var meeting = row.meeting
        let day = Day(meeting.startsAt, in: timeZone)
        meeting.participants = row.participants.enumerated().map { index, reference in
            official(reference, day: day, line: row.line, field: "participants[\(index)]")
        }
        meeting.counterparts = row.counterparts.enumerated().map { index, counterpart in
            Counterpart(organisation: counterpart.organisation.map { organisation($0, line: row.line, field: "counterparts[\(index)].organisation") },
                        onBehalfOf: counterpart.onBehalfOf.map { organisation($0, line: row.line, field: "counterparts[\(index)].onBehalfOf") },
                        people: counterpart.people)
        }
        meeting.issues = row.issues.enumerated().map { index, reference in issue(reference, line: row.line, field: "issues[\(index)]") }
        return meeting
    }

    /// Checks the references of a resolved meeting as the write path would (officials
    /// active on the day, listed legal grounds), planned records included.
    func checkReferences(of meeting: Meeting, line: Int) -> [ImportProblem] {
        var problems: [ImportProblem] = []
        let day = Day(meeting.startsAt, in: timeZone)
        for (index, id) in meeting.participants.enumerated() {
            let period: (name: String, from: Day, to: Day?)?
            if id < 0 {
                let planned = officials[Int(-id) - 1]
                period = planned.activeFrom.map { (planned.name, $0, planned.activeTo) }
            } else {
                period = activity[id]
            }
            if let period, day < period.from || (period.to.map { day > $0 } ?? false) {
                problems.append(ImportProblem(line: line, field: "participants[\(index)]",
                                              message: "\(period.name) was not active on \(day) (active \(period.from) to \(period.to?.description ?? "now"))"))
            }
        }
        if !grounds.isEmpty {
            for (field, withholding) in meeting.withheld.sorted(by: { $0.key < $1.key }) where !grounds.contains(withholding.ground) {
                problems.append(ImportProblem(line: line, field: "withheld.\(field.rawValue).ground",
                                              message: "\(ValidationError.quote(withholding.ground)) is not on the register's list of legal grounds (the registrar keeps the list)"))
            }
        }
        return problems
    }

    mutating func add(_ problem: ImportProblem) { problems.append(problem) }

    private mutating func noteMatch(_ noun: String, _ id: Int64, _ name: String, by: String) {
        if matchedKeys.insert("\(noun) \(id)").inserted { matched.append(.init(noun: noun, id: id, name: name, matchedBy: by)) }
    }

    private mutating func official(_ reference: ImportReference<ImportedOfficial>, day: Day, line: Int, field: String) -> Int64 {
        switch reference {
        case .id(let id):
            if activity[id] == nil { add(ImportProblem(line: line, field: field, message: "no official with id \(id)")) }
            return id
        case .named(let official):
            let name = official.name.trimmed
            if let ids = officialsByName[name] {
                if ids.count > 1 {
                    add(ImportProblem(line: line, field: field, message: "\(ids.count) officials are named \(ValidationError.quote(name)) (ids \(ids.map(String.init).joined(separator: ", "))); name one by id"))
                }
                noteMatch("official", ids[0], name, by: "name")
                return ids[0]
            }
            let key = official.sourceId.map { "#\($0)" } ?? name
            if let index = plannedOfficial[key] {
                if officials[index - 1].activeFrom.map({ day < $0 }) ?? false, startsAtFirstMeeting[index - 1] {
                    officials[index - 1].activeFrom = day
                }
                return -Int64(index)
            }
            var planned = official
            planned.name = name
            let defaultStart = planned.activeFrom == nil
            if defaultStart { planned.activeFrom = day }
            officials.append(planned)
            lineOfOfficial.append(line)
            startsAtFirstMeeting.append(defaultStart)
            plannedOfficial[key] = officials.count
            return -Int64(officials.count)
        }
    }

    private mutating func organisation(_ reference: ImportReference<ImportedOrganisation>, line: Int, field: String) -> Int64 {
        switch reference {
        case .id(let id):
            if !organisationIds.contains(id) { add(ImportProblem(line: line, field: field, message: "no organisation with id \(id)")) }
            return id
        case .named(let organisation):
            let name = organisation.name.trimmed
            let number = organisation.organisationNumber.map { SwedishIdentifiers.normalisedOrganisationNumber($0) ?? $0 }
            if let number, let id = organisationsByNumber[number] {
                noteMatch("organisation", id, name, by: "organisationsnummer")
                return id
            }
            if let ids = organisationsByName[name] {
                if ids.count > 1 {
                    add(ImportProblem(line: line, field: field, message: "\(ids.count) organisations are named \(ValidationError.quote(name)) (ids \(ids.map(String.init).joined(separator: ", "))); give its organisationsnummer"))
                }
                noteMatch("organisation", ids[0], name, by: "name")
                return ids[0]
            }
            let key = organisation.sourceId.map { "id \($0)" } ?? number.map { "#\($0)" } ?? name
            if let index = plannedOrganisation[key] { return -Int64(index) }
            var planned = organisation
            planned.name = name
            planned.organisationNumber = number
            organisations.append(planned)
            lineOfOrganisation.append(line)
            plannedOrganisation[key] = organisations.count
            return -Int64(organisations.count)
        }
    }

    private mutating func issue(_ reference: ImportReference<ImportedIssue>, line: Int, field: String) -> Int64 {
        switch reference {
        case .id(let id):
            if !issueIds.contains(id) { add(ImportProblem(line: line, field: field, message: "no issue with id \(id)")) }
            return id
        case .named(let issue):
            let title = issue.title.trimmed
            if let ids = issuesByTitle[title] {
                if ids.count > 1 {
                    add(ImportProblem(line: line, field: field, message: "\(ids.count) issues have the title \(ValidationError.quote(title)) (ids \(ids.map(String.init).joined(separator: ", ")))"))
                }
                noteMatch("issue", ids[0], title, by: "title")
                return ids[0]
            }
            let key = issue.sourceId.map { "#\($0)" } ?? title
            if let index = plannedIssue[key] { return -Int64(index) }
            var planned = issue
            planned.title = title
            issues.append(planned)
            lineOfIssue.append(line)
            plannedIssue[key] = issues.count
            return -Int64(issues.count)
        }
    }
}
