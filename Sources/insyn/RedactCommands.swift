import ArgumentParser
import Foundation
import RegisterCore

/// The options every redaction takes: what, on which ground, and why.
struct RedactionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The legal ground for removing it, e.g. \"GDPR art. 17\" or \"OSL 21 kap. 7 §\".", valueName: "text"))
    var ground: String
    @Option(help: ArgumentHelp("Why it is removed; shown to everyone with the redaction.", valueName: "text"))
    var reason: String
}

/// `insyn meeting redact`: takes a value published by mistake out of every public output.
struct MeetingRedact: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redact",
        abstract: "Remove a published value from every public output, earlier versions included.",
        discussion: """
            --field names a field (startsAt, durationMinutes, place, format, direction, initiator, participants, \
            counterparts, issues, subject, summary, documents), which is from then on withheld with the ground, or one \
            person's name (counterparts[0].people[1].name), who is from then on published as a private person. The \
            auditor's view of the ledger keeps the value, and the public view still verifies.
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The meeting's id.") var id: Int64
    @Option(help: ArgumentHelp("What to remove.", valueName: "field")) var field: String
    @OptionGroup var redaction: RedactionOptions

    func run() throws {
        let target = try MeetingRedactionTarget(parsing: field)
        try global.openRegister().redactMeeting(id, target, ground: redaction.ground, reason: redaction.reason, by: .shell)
        print("Redacted \(target) of meeting \(id); run `insyn publish` to rewrite the static feeds.")
    }
}

/// `insyn org redact` and its siblings: takes a catalogue record's earlier values of a field out of every public output.
struct CatalogueRedact<Kind: CatalogueCommandKind>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "redact",
            abstract: "Remove the earlier values of a \(Kind.Entry.noun)'s field from every public output.",
            discussion: "Change the current value first with `update`; then every earlier version shows the current value instead.")
    }
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The id.") var id: Int64
    @Option(help: ArgumentHelp("The field, as in the JSON form (e.g. name, website).", valueName: "field")) var field: String
    @OptionGroup var redaction: RedactionOptions

    func run() throws {
        try global.openRegister().redact(Kind.Entry.self, id: id, field: field, ground: redaction.ground, reason: redaction.reason, by: .shell)
        print("Redacted the earlier values of \(field) of \(Kind.Entry.noun) \(id); run `insyn publish` to rewrite the static feeds.")
    }
}
