import ArgumentParser
import Foundation
import Publishing
import RegisterCore

/// `insyn report compliance`: the compliance report for the auditor and the registrar.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Reports for the auditor and the registrar.", subcommands: [Compliance.self])

    struct Compliance: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The compliance report: late publications, overdue drafts, meetings with no issue, vague subjects, organisations without an organisationsnummer, withheld fields with no release date older than a year.",
            discussion: """
                The deadline is the setting publication-deadline-days (default 14); a subject says nothing when the phrases of
                vague-phrases (separated by ";") cover at least half of its words, or when it has fewer words than
                subject-minimum-words (default 3). json follows Data/schema/compliance.schema.json; csv has one row per finding.
                The report holds drafts and withheld values: making it goes in the access log.
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable { case json, csv }

        @OptionGroup var global: GlobalOptions
        @Option(help: "json or csv.") var format: Format = .json
        @Option(help: "Only meetings in which an official of this unit takes part (id).") var unit: Int64?
        @Option(help: "Only meetings this official took part in (id).") var official: Int64?
        @Option(help: "Only meetings on or after this day (YYYY-MM-DD).") var from: DayArgument?
        @Option(help: "Only meetings on or before this day (YYYY-MM-DD).") var to: DayArgument?
        @Option(help: ArgumentHelp("Write to this file (atomically) instead of standard output.", valueName: "file")) var out: String?

        func run() throws {
            let register = try global.openRegister()
            let report = try register.complianceReport(
                ComplianceFilter(unit: unit, official: official, from: from?.day, to: to?.day), by: .shell)
            let sink = try out.map { try FileSink(path: $0) } ?? FileSink.standardOutput()
            do {
                switch format {
                case .json: try ComplianceExport.writeJSON(report, to: sink)
                case .csv: try ComplianceExport.writeCSV(report, to: sink)
                }
            } catch {
                sink.discard()
                throw error
            }
            if let out { FileHandle.standardError.write(Data("Wrote \(report.findings.count) findings to \(out)\n".utf8)) }
        }
    }
}

/// A day given on the command line: YYYY-MM-DD.
struct DayArgument: ExpressibleByArgument, Sendable {
    let day: Day

    init?(argument: String) {
        guard let day = Day(argument) else { return nil }
        self.day = day
    }
}
