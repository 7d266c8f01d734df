import Foundation

/// What the compliance report looks at: the meetings whose day (in the register's
/// time zone) lies from `from` to `to`, both included, and in which an official of
/// `unit`, or `official`, takes part. Nil keeps every meeting.
public struct ComplianceFilter: Sendable, Hashable {
    public var unit: Int64?
    public var official: Int64?
    public var from: Day?
    public var to: Day?

    public init(unit: Int64? = nil, official: Int64? = nil, from: Day? = nil, to: Day? = nil) {
        self.unit = unit
        self.official = official
        self.from = from
        self.to = to
    }

    public static let all = ComplianceFilter()
}

/// The kinds of gap the compliance report finds, in the order it lists them.
public enum ComplianceCategory: String, Sendable, CaseIterable, Codable {
    /// Published more than the deadline's days after the meeting's day; `days` late.
    case latePublication = "late-publication"
    /// A draft whose deadline has passed; `days` past it.
    case overdueDraft = "overdue-draft"
    /// A meeting (draft or published) that names no issue.
    case noIssue = "no-issue"
    /// A subject that says nothing (`SubjectRule`).
    case vagueSubject = "vague-subject"
    /// An organisation met, of a kind that has an organisationsnummer, recorded without one.
    case missingOrganisationNumber = "missing-organisation-number"
    /// A field withheld with no release date in a meeting held more than a year ago.
    case withheldWithoutEnd = "withheld-without-end"
}

/// One finding of the compliance report: a flat row, the same in the page, the CSV and
/// the JSON. Meeting rows carry the meeting's members; an organisation row
/// (`missingOrganisationNumber`) carries the organisation and how many of the
/// reported meetings met it. Values are the full record's: drafts and withheld
/// values included, so the report is for the auditor and the registrar only.
public struct ComplianceFinding: Sendable, Equatable {
    public var category: ComplianceCategory
    public var meeting: Int64?
    public var status: MeetingStatus?
    /// The meeting's day in the register's time zone.
    public var meetingDay: Day?
    public var subject: String?
    public var officials: [String] = []
    public var units: [String] = []
    /// Late publication: the day it was first published.
    public var publishedDay: Day?
    /// Days late (late publication), past the deadline (overdue draft) or since the meeting (withheld without end).
    public var days: Int?
    /// Vague subject: the vague phrase found, or nil when the subject is too short.
    public var phrase: String?
    /// Vague subject: how many words the subject has.
    public var words: Int?
    /// Withheld without end: the field and its legal ground.
    public var field: MeetingField?
    public var ground: String?
    public var organisation: Int64?
    public var organisationName: String?
    public var organisationKind: OrganisationKind?
    /// Missing organisationsnummer: how many of the meetings the filter keeps met the organisation.
    public var meetings: Int?

    public init(category: ComplianceCategory) { self.category = category }
}

/// The compliance report: its findings and what they were judged by (the day, the
/// deadline, the subject rule, the filter) at one ledger head.
public struct ComplianceReport: Sendable, Equatable {
    public var today: Day
    public var deadlineDays: Int
    public var minimumSubjectWords: Int
    public var vaguePhrases: [String]
    public var filter: ComplianceFilter
    public var head: LedgerHead
    public var findings: [ComplianceFinding]

    public init(today: Day, deadlineDays: Int, minimumSubjectWords: Int, vaguePhrases: [String], filter: ComplianceFilter,
                head: LedgerHead, findings: [ComplianceFinding]) {
        self.today = today
        self.deadlineDays = deadlineDays
        self.minimumSubjectWords = minimumSubjectWords
        self.vaguePhrases = vaguePhrases
        self.filter = filter
        self.head = head
        self.findings = findings
    }

    public func findings(_ category: ComplianceCategory) -> [ComplianceFinding] {
        findings.filter { $0.category == category }
    }
}
