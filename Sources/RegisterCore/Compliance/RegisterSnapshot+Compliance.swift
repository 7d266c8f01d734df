import Foundation
import GRDB

extension RegisterSnapshot {
    /// The compliance report on `today` (a day in the register's time zone), read from
    /// the full records in this snapshot. Withdrawn meetings are left out of every
    /// category but late publication (they were published, late or not).
    public func complianceReport(_ filter: ComplianceFilter = .all, today: Day) throws -> ComplianceReport {
        let settings = try settings()
        let timeZone = settings.timeZone
        let deadline = settings.publicationDeadlineDays
        let rule = SubjectRule(settings)
        var officials: [Int64: (name: String, unit: Int64)] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, name, unit_id FROM official") {
            officials[row[0]] = (row[1], row[2])
        }
        let unitNames = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, name FROM unit").map { ($0[0] as Int64, $0[1] as String) })
        let yearAgo = today.yearEarlier

        var findings: [ComplianceCategory: [ComplianceFinding]] = [:]
        var organisationMeetings: [Int64: Int] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT * FROM meeting_record ORDER BY id")
        while let row = try rows.next() {
            let stored = try StoredMeeting(row: row)
            let meeting = stored.meeting
            let day = Day(meeting.startsAt, in: timeZone)
            if let from = filter.from, day < from { continue }
            if let to = filter.to, day > to { continue }
            if let official = filter.official, !meeting.participants.contains(official) { continue }
            let units = meeting.participants.compactMap { officials[$0]?.unit }
            if let unit = filter.unit, !units.contains(unit) { continue }

            func finding(_ category: ComplianceCategory) -> ComplianceFinding {
                var finding = ComplianceFinding(category: category)
                finding.meeting = stored.id
                finding.status = stored.status
                finding.meetingDay = day
                finding.subject = meeting.subject
                finding.officials = meeting.participants.map { officials[$0]?.name ?? String($0) }
                var seen = Set<Int64>()
                finding.units = units.filter { seen.insert($0).inserted }.map { unitNames[$0] ?? String($0) }
                return finding
            }

            if let published = stored.publishedAt {
                let publishedDay = Day(published, in: timeZone)
                let late = publishedDay.daysSince(day) - deadline
                if late > 0 {
                    var row = finding(.latePublication)
                    row.publishedDay = publishedDay
                    row.days = late
                    findings[.latePublication, default: []].append(row)
                }
            }
            if stored.status == .withdrawn { continue }
            if stored.status == .draft {
                let overdue = today.daysSince(day) - deadline
                if overdue > 0 {
                    var row = finding(.overdueDraft)
                    row.days = overdue
                    findings[.overdueDraft, default: []].append(row)
                }
            }
            if meeting.issues.isEmpty { findings[.noIssue, default: []].append(finding(.noIssue)) }
            if let verdict = rule.verdict(meeting.subject) {
                var row = finding(.vagueSubject)
                row.words = SubjectRule.words(meeting.subject).count
                if case .vaguePhrase(let phrase) = verdict { row.phrase = phrase }
                findings[.vagueSubject, default: []].append(row)
            }
            if stored.status == .published, day < yearAgo {
                for (field, withholding) in meeting.withheld.sorted(by: { $0.key < $1.key })
                where withholding.until == nil && !withholding.redacted {
                    var row = finding(.withheldWithoutEnd)
                    row.field = field
                    row.ground = withholding.ground
                    row.days = today.daysSince(day)
                    findings[.withheldWithoutEnd, default: []].append(row)
                }
            }
            let met = Set(meeting.counterparts.flatMap { [$0.organisation, $0.onBehalfOf].compactMap { $0 } })
            for organisation in met { organisationMeetings[organisation, default: 0] += 1 }
        }

        let kinds = ComplianceReport.kindsWithOrganisationNumber.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let unnumbered = try Row.fetchAll(db, sql: """
            SELECT id, name, kind FROM organisation
            WHERE organisation_number IS NULL AND sole_trader = 0 AND kind IN (\(kinds)) ORDER BY name, id
            """)
        findings[.missingOrganisationNumber] = unnumbered.compactMap { row in
            let id: Int64 = row[0]
            guard let count = organisationMeetings[id] else { return nil }
            var finding = ComplianceFinding(category: .missingOrganisationNumber)
            finding.organisation = id
            finding.organisationName = row[1]
            finding.organisationKind = OrganisationKind(rawValue: row[2])
            finding.meetings = count
            return finding
        }
        let ordered = ComplianceCategory.allCases.flatMap { category in
            (findings[category] ?? []).sorted { ($0.meetingDay ?? today, $0.meeting ?? 0) < ($1.meetingDay ?? today, $1.meeting ?? 0) }
        }
        return ComplianceReport(today: today, deadlineDays: deadline, minimumSubjectWords: rule.minimumWords,
                                vaguePhrases: settings.vaguePhraseList, filter: filter, head: try ledgerHead(), findings: ordered)
    }
}

extension ComplianceReport {
    /// The kinds of organisation that are registered with an organisationsnummer in
    /// Sweden; an NGO (an ideell förening need not register) and "other" may lack one.
    public static let kindsWithOrganisationNumber: [OrganisationKind] = [.company, .tradeAssociation, .union, .publicAuthority, .consultancy]
}

extension Register {
    /// The compliance report for the auditor, the registrar or the admin, on today's
    /// date in the register's time zone. The report holds drafts and withheld values,
    /// so reading it goes in the access log first.
    public func complianceReport(_ filter: ComplianceFilter = .all, by reader: Principal) async throws -> ComplianceReport {
        try reader.requireOversight("read the compliance report")
        let now = clock()
        try await logAccess(by: reader, entity: "report", id: nil, what: "compliance report")
        return try await read { snapshot in
            try snapshot.complianceReport(filter, today: Day(now, in: try snapshot.settings().timeZone))
        }
    }

    /// The same from synchronous code (`insyn report compliance`).
    public func complianceReport(_ filter: ComplianceFilter = .all, by reader: Principal) throws -> ComplianceReport {
        try reader.requireOversight("read the compliance report")
        let now = clock()
        try logAccess(by: reader, entity: "report", id: nil, what: "compliance report")
        return try read { snapshot in
            try snapshot.complianceReport(filter, today: Day(now, in: try snapshot.settings().timeZone))
        }
    }
}

extension Principal {
    /// The compliance report and the register's oversight: the auditor, the registrar and the admin.
    public func requireOversight(_ action: String) throws(NotPermitted) {
        if role == .recorder { throw NotPermitted("a recorder may not \(action); that is the auditor's and the registrar's") }
    }

    /// The auditor's pages (every meeting in full, the ledger, the access log): the auditor and the admin.
    public func requireAuditor(_ action: String) throws(NotPermitted) {
        switch role {
        case .auditor, .admin: return
        case .recorder, .registrar: throw NotPermitted("a \(role.rawValue) may not \(action); that is the auditor's")
        }
    }
}

extension Day {
    /// Whole days from `earlier` to this day (negative when `earlier` is later).
    func daysSince(_ earlier: Day) -> Int {
        Int(Day.days(year: year, month: month, day: day) - Day.days(year: earlier.year, month: earlier.month, day: earlier.day))
    }

    /// The same day a year before (28 February for 29 February).
    var yearEarlier: Day {
        Day(year: year - 1, month: month, day: day) ?? Day(year: year - 1, month: month, day: 28)!
    }
}
