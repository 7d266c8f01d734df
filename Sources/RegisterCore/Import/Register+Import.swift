import Foundation
import GRDB

extension Register {
    /// Imports historical meetings (`insyn import`), all or nothing: every row is
    /// checked first, and any problem refuses the whole import with every bad row's
    /// problems (`ImportFailure`); else, in one transaction, the catalogue records the
    /// rows name are matched or created (through `add`, a change each) and the
    /// meetings recorded through the batch write path: as drafts (the same changes as
    /// recording them one by one), or with `publish` each as one `meeting.published`
    /// change, with no draft before it, since it never was one here. A `dryRun` does all of it and
    /// rolls back, reporting what it would have done. `progress` gets the number of
    /// meetings recorded so far.
    public func importMeetings(_ rows: [ImportRow], publish: Bool, dryRun: Bool = false, by actor: Principal,
                               progress: @escaping (Int) -> Void = { _ in }) throws -> ImportReport {
        try actor.requireRegistrar("import meetings")
        do {
            return try inOneTransaction { register in
                var report = try register.importInTransaction(rows, publish: publish, by: actor, progress: progress)
                report.dryRun = dryRun
                if dryRun { throw DryRunRollback(report: report) }
                return report
            }
        } catch let rollback as DryRunRollback {
            return rollback.report
        }
    }

    private struct DryRunRollback: Error {
        var report: ImportReport
    }

    private func importInTransaction(_ rows: [ImportRow], publish: Bool, by actor: Principal,
                                     progress: @escaping (Int) -> Void) throws -> ImportReport {
        let timeZone = try settings().timeZone
        var plan = try writer.read { db in try ImportPlan(db, timeZone: timeZone) }
        var problems: [ImportProblem] = []
        var meetings: [Meeting] = []
        meetings.reserveCapacity(rows.count)
        for row in rows {
            let resolved = plan.resolve(row)
            do {
                let valid = try resolved.validated()
                problems += plan.checkReferences(of: valid, line: row.line)
                meetings.append(valid)
            } catch {
                problems += error.problems.map { ImportProblem(line: row.line, field: $0.field, message: $0.message) }
            }
        }
        var creator = ImportCreator(plan: plan, register: self, actor: actor)
        problems += plan.problems + creator.check()
        guard problems.isEmpty else { throw ImportFailure(problems: problems) }

        var report = ImportReport()
        report.published = publish
        report.matched = plan.matched
        try writer.write { db in try creator.create(in: db) }
        report.matched += creator.matchedUnits
        report.created = creator.created
        let resolved = meetings.map(creator.replacingPlannedIds)
        report.meetings = try writer.write { db in
            try recordBatch(resolved, as: publish ? .published : .drafts, by: actor, times: { _ in let now = clock(); return (now, now) }, in: db, progress: progress)
        }
        return report
    }
}

/// Creates the records an import plan lists as missing, and maps the plan's
/// temporary ids to theirs.
private struct ImportCreator {
    let plan: ImportPlan
    let register: Register
    let actor: Principal
    private(set) var created: [ImportReport.Entry] = []
    private(set) var matchedUnits: [ImportReport.Entry] = []
    private var officialIds: [Int64] = []
    private var organisationIds: [Int64] = []
    private var issueIds: [Int64] = []
    private var unitIds: [String: Int64] = [:]

    init(plan: ImportPlan, register: Register, actor: Principal) {
        self.plan = plan
        self.register = register
        self.actor = actor
    }

    static let unknownTitle = "Okänd titel (import)"
    static let issueText = "Skapad vid import av möten."

    static func official(_ planned: ImportedOfficial, unit: Int64) -> Official {
        Official(name: planned.name, title: planned.title ?? unknownTitle, kind: planned.kind ?? .staff,
                 party: planned.kind == .elected ? planned.party : nil, unit: unit,
                 activeFrom: planned.activeFrom ?? Day("1900-01-01")!, activeTo: planned.activeTo)
    }

    static func organisation(_ planned: ImportedOrganisation) -> Organisation {
        Organisation(name: planned.name, kind: planned.kind ?? .other, organisationNumber: planned.organisationNumber,
                     euTransparencyId: planned.euTransparencyId, website: planned.website)
    }

    static func issue(_ planned: ImportedIssue, unit: Int64) -> Issue {
        Issue(title: planned.title, summary: planned.summary ?? issueText, position: planned.position ?? issueText,
              status: planned.status ?? .active, caseNumber: planned.caseNumber, policyAreas: planned.policyAreas, unit: unit)
    }

    /// The problems of the records to create, each on the first line naming it.
    func check() -> [ImportProblem] {
        var problems: [ImportProblem] = []
        func collect(_ line: Int, _ field: String, _ noun: String, _ name: String, _ check: () throws(ValidationError) -> Void) {
            do { try check() } catch {
                problems += error.problems.map {
                    ImportProblem(line: line, field: field, message: "the new \(noun) \(ValidationError.quote(name)) cannot be created: \($0.field): \($0.message)")
                }
            }
        }
        for (index, planned) in plan.officials.enumerated() {
            collect(plan.lineOfOfficial[index], "participants", "official", planned.name) { () throws(ValidationError) in _ = try Self.official(planned, unit: 0).validated() }
            if let unit = planned.unit {
                collect(plan.lineOfOfficial[index], "participants", "unit", unit.name) { () throws(ValidationError) in _ = try Unit(name: unit.name, kind: unit.kind).validated() }
            }
        }
        for (index, planned) in plan.organisations.enumerated() {
            collect(plan.lineOfOrganisation[index], "counterparts", "organisation", planned.name) { () throws(ValidationError) in _ = try Self.organisation(planned).validated() }
        }
        for (index, planned) in plan.issues.enumerated() {
            collect(plan.lineOfIssue[index], "issues", "issue", planned.title) { () throws(ValidationError) in _ = try Self.issue(planned, unit: 0).validated() }
        }
        return problems
    }

    /// Creates the records in the open transaction `db`, each with its change (as `add`
    /// would), their changes appended one after another to one tail of the ledger.
    mutating func create(in db: Database) throws {
        var tail = try LedgerTail(db)
        let register = register, actor = actor
        func add<Entry: CatalogueEntry>(_ entry: Entry) throws -> Int64 {
            try Register.add(try entry.validated(), by: actor, at: register.clock(), onto: &tail, in: db)
        }
        for planned in plan.officials {
            let id = try add(Self.official(planned, unit: try unit(planned.unit, in: db, add: add)))
            officialIds.append(id)
            created.append(.init(noun: "official", id: id, name: planned.name))
        }
        for planned in plan.organisations {
            let id = try add(Self.organisation(planned))
            organisationIds.append(id)
            created.append(.init(noun: "organisation", id: id, name: planned.name))
        }
        for planned in plan.issues {
            let id = try add(Self.issue(planned, unit: try unit(planned.unit, in: db, add: add)))
            issueIds.append(id)
            created.append(.init(noun: "issue", id: id, name: planned.title))
        }
    }

    private mutating func unit(_ named: ImportedUnit?, in db: Database, add: (Unit) throws -> Int64) throws -> Int64 {
        let unit = named ?? .unknown
        let name = unit.name.trimmed
        if let id = unitIds[name] { return id }
        let id: Int64
        if let existing = try Int64.fetchOne(db, sql: "SELECT id FROM unit WHERE name = ? ORDER BY id", arguments: [name]) {
            id = existing
            matchedUnits.append(.init(noun: "unit", id: id, name: name, matchedBy: "name"))
        } else {
            id = try add(Unit(name: name, kind: unit.kind))
            created.append(.init(noun: "unit", id: id, name: name))
        }
        unitIds[name] = id
        return id
    }

    func replacingPlannedIds(_ meeting: Meeting) -> Meeting {
        func real(_ id: Int64, _ ids: [Int64]) -> Int64 { id < 0 ? ids[Int(-id) - 1] : id }
        var meeting = meeting
        meeting.participants = meeting.participants.map { real($0, officialIds) }
        meeting.issues = meeting.issues.map { real($0, issueIds) }
        meeting.counterparts = meeting.counterparts.map {
            Counterpart(organisation: $0.organisation.map { real($0, organisationIds) }, onBehalfOf: $0.onBehalfOf.map { real($0, organisationIds) },
                        people: $0.people)
        }
        return meeting
    }
}
