import ArgumentParser
import Foundation
import RegisterCore

/// The add/update/list subcommands every catalogue kind shares; each kind names
/// its type and how to print one line of its list.
protocol CatalogueCommandKind {
    associatedtype Entry: CatalogueEntry & InputShaped
    static var example: String { get }
    static func list(_ register: Register) throws -> [String]
}

struct CatalogueAdd<Kind: CatalogueCommandKind>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "add", abstract: "Add a \(Kind.Entry.noun) described by a JSON file; prints its id.",
                             discussion: "Example:\n\(Kind.example)")
    }
    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("The JSON file (- for standard input).", valueName: "file")) var from: String

    func run() throws {
        let register = try global.openRegister()
        let entry = try InputFile.decode(Kind.Entry.self, from: from, timeZone: try register.settings().timeZone)
        print(try register.add(entry, by: .shell))
    }
}

struct CatalogueUpdate<Kind: CatalogueCommandKind>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "update", abstract: "Replace a \(Kind.Entry.noun)'s fields with those of a JSON file.")
    }
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The id.") var id: Int64
    @Option(help: ArgumentHelp("The JSON file (- for standard input).", valueName: "file")) var from: String

    func run() throws {
        let register = try global.openRegister()
        let entry = try InputFile.decode(Kind.Entry.self, from: from, timeZone: try register.settings().timeZone)
        try register.update(id, with: entry, by: .shell)
        print("Updated \(Kind.Entry.noun) \(id).")
    }
}

struct CatalogueList<Kind: CatalogueCommandKind>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "list", abstract: "List every \(Kind.Entry.noun).")
    }
    @OptionGroup var global: GlobalOptions

    func run() throws {
        for line in try Kind.list(global.openRegister()) { print(line) }
    }
}

enum UnitKindCommands: CatalogueCommandKind {
    typealias Entry = RegisterCore.Unit
    static let example = #"{"name": "Regionstyrelsen", "kind": "board"}   (kind: board, committee, company, department)"#
    static func list(_ register: Register) throws -> [String] {
        try register.units().map { "\($0.id)\t\($0.kind.rawValue)\t\($0.name)" }
    }
}

enum OfficialKindCommands: CatalogueCommandKind {
    typealias Entry = Official
    static let example = #"{"name": "Anna Lindqvist", "title": "Regionråd", "kind": "elected", "party": "S", "unit": 1, "activeFrom": "2022-11-01"}"#
    static func list(_ register: Register) throws -> [String] {
        try register.officials().map {
            "\($0.id)\t\($0.name)\t\($0.title)\($0.party.map { " (\($0))" } ?? "")\tunit \($0.unit)\t\($0.activeFrom)–\($0.activeTo?.description ?? "")"
        }
    }
}

enum OrganisationKindCommands: CatalogueCommandKind {
    typealias Entry = Organisation
    static let example = #"{"name": "Klarälvens Energi AB", "kind": "company", "organisationNumber": "556710-1231", "euTransparencyId": "123456789012-34", "website": "https://example.se"}   (kind: company, trade-association, ngo, union, public-authority, consultancy, other; a sole trader gives "personnummer" instead, never published)"#
    static func list(_ register: Register) throws -> [String] {
        try register.organisations().map {
            "\($0.id)\t\($0.name)\t\($0.kind.rawValue)\t\($0.organisationNumber ?? ($0.soleTrader ? "enskild firma" : "–"))"
        }
    }
}

enum IssueKindCommands: CatalogueCommandKind {
    typealias Entry = Issue
    static let example = #"{"title": "Dubbelspår på Exempelbanan", "summary": "…", "position": "…", "status": "active", "caseNumber": "RS/2024:112", "policyAreas": ["Infrastruktur"], "unit": 1}"#
    static func list(_ register: Register) throws -> [String] {
        try register.issues().map { "\($0.id)\t\($0.status.rawValue)\t\($0.caseNumber ?? "–")\t\($0.title)" }
    }
}

struct UnitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unit", abstract: "Keep the units: the board, committees, companies, departments.",
        subcommands: [CatalogueAdd<UnitKindCommands>.self, CatalogueUpdate<UnitKindCommands>.self, CatalogueList<UnitKindCommands>.self,
                      CatalogueRedact<UnitKindCommands>.self])
}

struct OfficialCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "official", abstract: "Keep the officials: elected officials and staff.",
        subcommands: [CatalogueAdd<OfficialKindCommands>.self, CatalogueUpdate<OfficialKindCommands>.self, CatalogueList<OfficialKindCommands>.self,
                      CatalogueRedact<OfficialKindCommands>.self])
}

struct OrganisationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "org", abstract: "Keep the counterpart organisations.",
        subcommands: [CatalogueAdd<OrganisationKindCommands>.self, CatalogueUpdate<OrganisationKindCommands>.self, CatalogueList<OrganisationKindCommands>.self,
                      CatalogueRedact<OrganisationKindCommands>.self])
}

struct IssueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue", abstract: "Keep the issues (påverkansfrågor) the body pursues or is lobbied on.",
        subcommands: [CatalogueAdd<IssueKindCommands>.self, CatalogueUpdate<IssueKindCommands>.self, CatalogueList<IssueKindCommands>.self,
                      CatalogueRedact<IssueKindCommands>.self])
}
