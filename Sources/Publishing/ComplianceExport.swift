import RegisterCore

/// The compliance report as CSV and as JSON, each written once here and used by
/// `insyn report compliance` and the `/audit/compliance.csv` and `.json` downloads.
/// Both carry the same rows (`ComplianceFinding`): the CSV one record per finding
/// with the report's columns, the JSON (`Data/schema/compliance.schema.json`) the
/// report's settings, filter and ledger head, then the findings.
public enum ComplianceExport {
    /// The CSV's columns, in order; lists are written "a; b".
    public static let columns = [
        "category", "meeting", "status", "meetingDay", "subject", "officials", "units", "publishedDay", "days",
        "phrase", "words", "field", "ground", "organisation", "organisationName", "organisationKind", "meetings",
    ]

    public static func writeCSV(_ report: ComplianceReport, to sink: any ByteSink) throws {
        let csv = CSVWriter(sink)
        try csv.row(columns)
        for finding in report.findings {
            try csv.row([
                finding.category.rawValue, finding.meeting.map(String.init), finding.status?.rawValue, finding.meetingDay?.description,
                finding.subject, list(finding.officials), list(finding.units), finding.publishedDay?.description,
                finding.days.map(String.init), finding.phrase, finding.words.map(String.init), finding.field?.rawValue, finding.ground,
                finding.organisation.map(String.init), finding.organisationName, finding.organisationKind?.rawValue,
                finding.meetings.map(String.init),
            ])
        }
        try csv.finish()
    }

    public static func writeJSON(_ report: ComplianceReport, to sink: any ByteSink) throws {
        let json = JSONStreamWriter(sink)
        try json.beginObject()
        try json.field("today", report.today.description)
        try json.field("deadlineDays", Int64(report.deadlineDays))
        try json.field("minimumSubjectWords", Int64(report.minimumSubjectWords))
        try json.key("vaguePhrases")
        try json.beginArray()
        for phrase in report.vaguePhrases { try json.string(phrase) }
        try json.endArray()
        try json.key("filter")
        try json.beginObject()
        try json.field("unit", report.filter.unit)
        try json.field("official", report.filter.official)
        try json.field("from", report.filter.from?.description)
        try json.field("to", report.filter.to?.description)
        try json.endObject()
        try json.key("ledgerHead")
        try json.beginObject()
        try json.field("sequence", report.head.sequence)
        try json.field("hash", report.head.hash)
        try json.endObject()
        try json.key("findings")
        try json.beginArray()
        for finding in report.findings { try write(finding, json) }
        try json.endArray()
        try json.endObject()
        try json.finish()
    }

    private static func write(_ finding: ComplianceFinding, _ json: JSONStreamWriter) throws {
        try json.beginObject()
        try json.field("category", finding.category.rawValue)
        if let meeting = finding.meeting {
            try json.field("meeting", meeting)
            try json.field("status", finding.status?.rawValue)
            try json.field("meetingDay", finding.meetingDay?.description)
            try json.field("subject", finding.subject)
            for (key, names) in [("officials", finding.officials), ("units", finding.units)] {
                try json.key(key)
                try json.beginArray()
                for name in names { try json.string(name) }
                try json.endArray()
            }
        }
        if let day = finding.publishedDay { try json.field("publishedDay", day.description) }
        if let days = finding.days { try json.field("days", Int64(days)) }
        if finding.category == .vagueSubject {
            try json.field("phrase", finding.phrase)
            try json.field("words", finding.words.map(Int64.init))
        }
        if let field = finding.field {
            try json.field("field", field.rawValue)
            try json.field("ground", finding.ground)
        }
        if let organisation = finding.organisation {
            try json.field("organisation", organisation)
            try json.field("organisationName", finding.organisationName)
            try json.field("organisationKind", finding.organisationKind?.rawValue)
            try json.field("meetings", finding.meetings.map(Int64.init))
        }
        try json.endObject()
    }

    private static func list(_ names: [String]) -> String { names.joined(separator: "; ") }
}
