import RegisterCore

/// The names a meeting row writes beside the catalogue's ids: officials' and
/// organisations' names and issues' titles, read from a snapshot and kept current by
/// the public changes that follow it.
public struct CatalogueNames: Sendable, Equatable {
    private var officials: [Int64: String]
    private var organisations: [Int64: String]
    private var issues: [Int64: String]

    public init(_ snapshot: RegisterSnapshot) throws {
        officials = Dictionary(try snapshot.officials().map { ($0.id, $0.name) }, uniquingKeysWith: { $1 })
        organisations = Dictionary(try snapshot.organisations().map { ($0.id, $0.name) }, uniquingKeysWith: { $1 })
        issues = Dictionary(try snapshot.issues().map { ($0.id, $0.title) }, uniquingKeysWith: { $1 })
    }

    /// Takes in a catalogue record as a change left it.
    public mutating func update(with record: PublicRecord) {
        switch record {
        case .official(let official): officials[official.id] = official.name
        case .organisation(let organisation): organisations[organisation.id] = organisation.name
        case .issue(let issue): issues[issue.id] = issue.title
        default: break
        }
    }

    public func official(_ id: Int64) -> String { officials[id] ?? "#\(id)" }
    public func organisation(_ id: Int64) -> String { organisations[id] ?? "#\(id)" }
    public func issue(_ id: Int64) -> String { issues[id] ?? "#\(id)" }
}
