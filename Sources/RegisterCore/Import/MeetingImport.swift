import Foundation

/// A catalogue record an import file names: by the register's id (JSON Lines, in the
/// command line's shape), or by what the file says of it (a CSV row names it), so
/// that the import can match it in the register or create it.
public enum ImportReference<Entry: Sendable & Hashable>: Sendable, Hashable {
    case id(Int64)
    case named(Entry)
}

/// A unit an import file names; matched by exact name.
public struct ImportedUnit: Sendable, Hashable {
    public var name: String
    public var kind: UnitKind

    public init(name: String, kind: UnitKind = .department) {
        self.name = name
        self.kind = kind
    }

    /// The unit officials and issues named only by a meetings file are put in when created.
    public static let unknown = ImportedUnit(name: "Okänd enhet (import)")
}

/// An official an import file names; matched by exact name. What the file does not
/// say is filled in when the official is created (title "Okänd titel (import)", staff,
/// the unknown unit, active from the day of their first imported meeting).
public struct ImportedOfficial: Sendable, Hashable {
    /// The record's id in the file it comes from (an export's `officials.csv`), which
    /// tells apart two officials of the same name; nil when named by name alone.
    public var sourceId: Int64?
    public var name: String
    public var title: String?
    public var kind: OfficialKind?
    public var party: String?
    public var unit: ImportedUnit?
    public var activeFrom: Day?
    public var activeTo: Day?

    public init(sourceId: Int64? = nil, name: String, title: String? = nil, kind: OfficialKind? = nil, party: String? = nil, unit: ImportedUnit? = nil,
                activeFrom: Day? = nil, activeTo: Day? = nil) {
        self.sourceId = sourceId
        self.name = name
        self.title = title
        self.kind = kind
        self.party = party
        self.unit = unit
        self.activeFrom = activeFrom
        self.activeTo = activeTo
    }
}

/// An organisation an import file names; matched by organisationsnummer when it has
/// one, else by exact name. Created as kind `other` unless the file says its kind.
public struct ImportedOrganisation: Sendable, Hashable {
    /// The record's id in the file it comes from (see `ImportedOfficial.sourceId`).
    public var sourceId: Int64?
    public var name: String
    public var kind: OrganisationKind?
    public var organisationNumber: String?
    public var euTransparencyId: String?
    public var website: String?

    public init(sourceId: Int64? = nil, name: String, kind: OrganisationKind? = nil, organisationNumber: String? = nil, euTransparencyId: String? = nil,
                website: String? = nil) {
        self.sourceId = sourceId
        self.name = name
        self.kind = kind
        self.organisationNumber = organisationNumber
        self.euTransparencyId = euTransparencyId
        self.website = website
    }
}

/// An issue an import file names; matched by exact title.
public struct ImportedIssue: Sendable, Hashable {
    /// The record's id in the file it comes from (see `ImportedOfficial.sourceId`).
    public var sourceId: Int64?
    public var title: String
    public var summary: String?
    public var position: String?
    public var status: IssueStatus?
    public var caseNumber: String?
    public var policyAreas: [String]
    public var unit: ImportedUnit?

    public init(sourceId: Int64? = nil, title: String, summary: String? = nil, position: String? = nil, status: IssueStatus? = nil,
                caseNumber: String? = nil, policyAreas: [String] = [], unit: ImportedUnit? = nil) {
        self.sourceId = sourceId
        self.title = title
        self.summary = summary
        self.position = position
        self.status = status
        self.caseNumber = caseNumber
        self.policyAreas = policyAreas
        self.unit = unit
    }
}

/// One counterpart of an imported meeting.
public struct ImportedCounterpart: Sendable {
    public var organisation: ImportReference<ImportedOrganisation>?
    public var onBehalfOf: ImportReference<ImportedOrganisation>?
    public var people: [CounterpartPerson]

    public init(organisation: ImportReference<ImportedOrganisation>?, onBehalfOf: ImportReference<ImportedOrganisation>? = nil,
                people: [CounterpartPerson] = []) {
        self.organisation = organisation
        self.onBehalfOf = onBehalfOf
        self.people = people
    }
}

/// One meeting of an import file, with the line it starts on. `meeting` holds every
/// field read; its participants, counterparts and issues are set from the references
/// when the import has matched or created them.
public struct ImportRow: Sendable {
    public var line: Int
    public var meeting: Meeting
    public var participants: [ImportReference<ImportedOfficial>]
    public var counterparts: [ImportedCounterpart]
    public var issues: [ImportReference<ImportedIssue>]

    public init(line: Int, meeting: Meeting, participants: [ImportReference<ImportedOfficial>], counterparts: [ImportedCounterpart],
                issues: [ImportReference<ImportedIssue>]) {
        self.line = line
        self.meeting = meeting
        self.participants = participants
        self.counterparts = counterparts
        self.issues = issues
    }

    /// A row whose references are the register's ids (the command line's JSON shape).
    public init(line: Int, meeting: Meeting) {
        self.init(line: line, meeting: meeting, participants: meeting.participants.map { .id($0) },
                  counterparts: meeting.counterparts.map {
                      ImportedCounterpart(organisation: $0.organisation.map { .id($0) }, onBehalfOf: $0.onBehalfOf.map { .id($0) },
                                          people: $0.people)
                  },
                  issues: meeting.issues.map { .id($0) })
    }
}

/// A problem with one row of an import file: its line, the field (as the meeting's
/// JSON shape names it) and what is wrong.
public struct ImportProblem: Sendable, Equatable {
    public var line: Int
    public var field: String
    public var message: String

    public init(line: Int, field: String, message: String) {
        self.line = line
        self.field = field
        self.message = message
    }
}

/// An import refused: every bad row's problems, in line order. Nothing was written.
public struct ImportFailure: Error, Sendable, CustomStringConvertible {
    public var problems: [ImportProblem]

    public init(problems: [ImportProblem]) {
        self.problems = problems.sorted { ($0.line, $0.field) < ($1.line, $1.field) }
    }

    public var description: String {
        let lines = Set(problems.map(\.line)).count
        return "\(problems.count) problem\(problems.count == 1 ? "" : "s") in \(lines) row\(lines == 1 ? "" : "s"); nothing was imported"
    }
}

/// What an import did (or, for a dry run, would do).
public struct ImportReport: Sendable, Equatable {
    /// A catalogue record the import created or matched.
    public struct Entry: Sendable, Equatable {
        public var noun: String
        public var id: Int64
        public var name: String
        /// How it was matched: "id", "organisationsnummer" or "name"; nil when created.
        public var matchedBy: String?
    }

    public var meetings: [Int64] = []
    public var published = false
    public var dryRun = false
    public var created: [Entry] = []
    public var matched: [Entry] = []
}
