import RegisterCore

/// The public catalogue by id, read once per document, so that feeds and exports can
/// name the officials, organisations and issues a meeting refers to.
public struct CatalogueIndex: Sendable {
    public var units: [Int64: PublicUnit]
    public var officials: [Int64: PublicOfficial]
    public var organisations: [Int64: PublicOrganisation]
    public var issues: [Int64: PublicIssue]

    public init(_ register: Register) throws {
        units = Dictionary(uniqueKeysWithValues: try register.units().map { ($0.id, $0) })
        officials = Dictionary(uniqueKeysWithValues: try register.officials().map { ($0.id, $0) })
        organisations = Dictionary(uniqueKeysWithValues: try register.organisations().map { ($0.id, $0) })
        issues = Dictionary(uniqueKeysWithValues: try register.issues().map { ($0.id, $0) })
    }

    public func officialName(_ id: Int64) -> String { officials[id]?.name ?? "#\(id)" }
    public func organisationName(_ id: Int64) -> String { organisations[id]?.name ?? "#\(id)" }
    public func issueTitle(_ id: Int64) -> String { issues[id]?.title ?? "#\(id)" }
}
