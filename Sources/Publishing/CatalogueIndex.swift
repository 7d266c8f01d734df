import RegisterCore

/// The public catalogue by id, read once per document, so that feeds and exports can
/// name the officials, organisations and issues a meeting refers to.
public struct CatalogueIndex: Sendable {
    public let units: [Int64: PublicUnit]
    public let officials: [Int64: PublicOfficial]
    public let organisations: [Int64: PublicOrganisation]
    public let issues: [Int64: PublicIssue]
    /// The units, officials and issues in id order, as forms list them: sorted once
    /// here rather than on every page that lists them.
    public let unitsInOrder: [PublicUnit]
    public let officialsInOrder: [PublicOfficial]
    public let issuesInOrder: [PublicIssue]

    public init(_ register: Register) throws {
        self.init(PublicCatalogueRecords(units: try register.units(), officials: try register.officials(),
                                         organisations: try register.organisations(), issues: try register.issues()))
    }

    /// The catalogue of `records`, e.g. as it stood after some change of the ledger.
    public init(_ records: PublicCatalogueRecords) {
        units = Dictionary(records.units.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
        officials = Dictionary(records.officials.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
        organisations = Dictionary(records.organisations.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
        issues = Dictionary(records.issues.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
        unitsInOrder = units.values.sorted { $0.id < $1.id }
        officialsInOrder = officials.values.sorted { $0.id < $1.id }
        issuesInOrder = issues.values.sorted { $0.id < $1.id }
    }

    public func officialName(_ id: Int64) -> String { officials[id]?.name ?? "#\(id)" }
    public func organisationName(_ id: Int64) -> String { organisations[id]?.name ?? "#\(id)" }
    public func issueTitle(_ id: Int64) -> String { issues[id]?.title ?? "#\(id)" }
}
