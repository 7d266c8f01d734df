import Foundation
import RegisterCore

/// The four kinds of the registrar's catalogue as its pages know them: each one's
/// form, its records as the API gives them, and how a form's body becomes an added
/// or updated entry through the register's catalogue write path.
enum CatalogueKind: String, CaseIterable, Sendable {
    case units, officials, organisations, issues

    var form: RecordForm {
        switch self {
        case .units:
            RecordForm(inputs: [
                .init(member: "name", label: "registrarFieldName", kind: .text),
                .init(member: "kind", label: "registrarFieldUnitKind", kind: .choice(UnitKind.allCases.map(\.rawValue), labelPrefix: "unitKind-")),
            ])
        case .officials:
            RecordForm(inputs: [
                .init(member: "name", label: "registrarFieldName", kind: .text),
                .init(member: "title", label: "registrarFieldTitle", kind: .text),
                .init(member: "kind", label: "registrarFieldOfficialKind",
                      kind: .choice(OfficialKind.allCases.map(\.rawValue), labelPrefix: "officialKind-")),
                .init(member: "party", label: "registrarFieldParty", kind: .text, optional: true),
                .init(member: "unit", label: "registrarFieldUnit", kind: .reference("units")),
                .init(member: "activeFrom", label: "registrarFieldActiveFrom", kind: .day),
                .init(member: "activeTo", label: "registrarFieldActiveTo", kind: .day, optional: true),
            ])
        case .organisations:
            RecordForm(inputs: [
                .init(member: "name", label: "registrarFieldName", kind: .text),
                .init(member: "kind", label: "registrarFieldOrganisationKind",
                      kind: .choice(OrganisationKind.allCases.map(\.rawValue), labelPrefix: "organisationKind-")),
                .init(member: "organisationNumber", label: "registrarFieldOrganisationNumber", kind: .text, optional: true),
                .init(member: "personnummer", label: "registrarFieldPersonnummer", kind: .text, optional: true),
                .init(member: "euTransparencyId", label: "registrarFieldEuTransparencyId", kind: .text, optional: true),
                .init(member: "website", label: "registrarFieldWebsite", kind: .text, optional: true),
            ])
        case .issues:
            RecordForm(inputs: [
                .init(member: "title", label: "registrarFieldIssueTitle", kind: .text),
                .init(member: "summary", label: "registrarFieldSummary", kind: .longText),
                .init(member: "position", label: "registrarFieldPosition", kind: .longText),
                .init(member: "status", label: "registrarFieldIssueStatus", kind: .choice(IssueStatus.allCases.map(\.rawValue), labelPrefix: "issueStatus-")),
                .init(member: "caseNumber", label: "registrarFieldCaseNumber", kind: .text, optional: true),
                .init(member: "policyAreas", label: "registrarFieldPolicyAreas", kind: .lines, optional: true),
                .init(member: "unit", label: "registrarFieldUnit", kind: .reference("units")),
            ])
        }
    }

    /// The kind's records in their public JSON form, by id, with the values only the
    /// registrar keeps (a sole trader's personnummer) put back for the form.
    func records(_ snapshot: RegisterSnapshot) throws -> [(id: Int64, record: JSONValue)] {
        func listed<T: Encodable>(_ items: [T], id: KeyPath<T, Int64>) throws -> [(id: Int64, record: JSONValue)] {
            try items.map { ($0[keyPath: id], try JSONValue.from($0)) }
        }
        switch self {
        case .units: return try listed(snapshot.units(), id: \.id)
        case .officials: return try listed(snapshot.officials(), id: \.id)
        case .issues: return try listed(snapshot.issues(), id: \.id)
        case .organisations:
            let personnummer = try snapshot.soleTraderPersonnummer()
            return try listed(snapshot.organisations(), id: \.id).map { entry in
                guard let number = personnummer[entry.id], case .object(var members) = entry.record else { return entry }
                members["personnummer"] = .string(number)
                return (entry.id, .object(members))
            }
        }
    }

    /// The options the form's references pick from: the units, by name.
    static func options(_ snapshot: RegisterSnapshot) throws -> [String: [(value: String, label: String)]] {
        ["units": try snapshot.units().map { (String($0.id), $0.name) }]
    }

    /// Decodes the form's body as the write API does and adds the entry, or updates entry `id`; returns its id.
    func save(_ body: Data, id: Int64?, register: Register, actor: Principal, timeZone: TimeZone) throws -> Int64 {
        switch self {
        case .units: try Self.save(RegisterCore.Unit.self, body, id: id, register: register, actor: actor, timeZone: timeZone)
        case .officials: try Self.save(Official.self, body, id: id, register: register, actor: actor, timeZone: timeZone)
        case .organisations: try Self.save(Organisation.self, body, id: id, register: register, actor: actor, timeZone: timeZone)
        case .issues: try Self.save(Issue.self, body, id: id, register: register, actor: actor, timeZone: timeZone)
        }
    }

    private static func save<Entry: CatalogueEntry & InputShaped>(_ type: Entry.Type, _ body: Data, id: Int64?, register: Register,
                                                                 actor: Principal, timeZone: TimeZone) throws -> Int64 {
        let entry = try RegisterInput.decode(Entry.self, from: body, timeZone: timeZone)
        guard let id else { return try register.add(entry, by: actor) }
        try register.update(id, with: entry, by: actor)
        return id
    }

    /// What a list row names an entry by: its name, or an issue's title.
    static func name(of record: JSONValue) -> String {
        record["name"]?.stringValue ?? record["title"]?.stringValue ?? ""
    }
}
