import Foundation
import Publishing
import RegisterCore

/// A kind of record the registrar lists, adds and edits with a `RecordForm`: the
/// catalogue's four kinds and the legal grounds, all served by `RecordPagesController`.
protocol RegistrarRecords: Sendable {
    var form: RecordForm { get }
    /// The catalogue key of the page's title ("Enheter"), and of the form's heading to add one.
    var titleKey: String { get }
    var addKey: String { get }
    var list: SiteURL { get }
    func entry(_ id: Int64) -> SiteURL
    func records(_ snapshot: RegisterSnapshot) throws -> [(id: Int64, record: JSONValue)]
    func options(_ snapshot: RegisterSnapshot) throws -> [String: [(value: String, label: String)]]
    func name(of record: JSONValue) -> String
    func save(_ body: Data, id: Int64?, register: Register, actor: Principal, timeZone: TimeZone) throws -> Int64
}

extension CatalogueKind: RegistrarRecords {
    var titleKey: String { "registrarCatalogue-\(rawValue)" }
    var addKey: String { "registrarAdd-\(rawValue)" }
    var list: SiteURL { .registrarCatalogue(rawValue) }
    func entry(_ id: Int64) -> SiteURL { .registrarCatalogueEntry(rawValue, id) }
    func options(_ snapshot: RegisterSnapshot) throws -> [String: [(value: String, label: String)]] { try Self.options(snapshot) }
    func name(of record: JSONValue) -> String { Self.name(of: record) }
}

/// The registrar's list of legal grounds, kept with the same form mechanism.
struct LegalGroundRecords: RegistrarRecords {
    let form = RecordForm(inputs: [
        .init(member: "ground", label: "registrarFieldGround", kind: .text),
        .init(member: "description", label: "registrarFieldGroundDescription", kind: .longText),
    ])
    let titleKey = "registrarGroundsTitle"
    let addKey = "registrarAddGround"
    let list = SiteURL.registrarGrounds
    func entry(_ id: Int64) -> SiteURL { .registrarGround(id) }

    func records(_ snapshot: RegisterSnapshot) throws -> [(id: Int64, record: JSONValue)] {
        try snapshot.legalGrounds().map { ($0.id, try JSONValue.from($0.ground)) }
    }

    func options(_ snapshot: RegisterSnapshot) throws -> [String: [(value: String, label: String)]] { [:] }

    func name(of record: JSONValue) -> String { record["ground"]?.stringValue ?? "" }

    func save(_ body: Data, id: Int64?, register: Register, actor: Principal, timeZone: TimeZone) throws -> Int64 {
        let ground = try RegisterInput.decode(LegalGround.self, from: body, timeZone: timeZone)
        guard let id else { return try register.addLegalGround(ground, by: actor) }
        try register.updateLegalGround(id, with: ground, by: actor)
        return id
    }
}
