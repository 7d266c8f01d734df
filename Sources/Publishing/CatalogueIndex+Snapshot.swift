import RegisterCore

extension CatalogueIndex {
    /// The current public catalogue, read in the snapshot's transaction.
    public init(_ snapshot: RegisterSnapshot) throws {
        self.init(PublicCatalogueRecords(units: try snapshot.units(), officials: try snapshot.officials(),
                                         organisations: try snapshot.organisations(), issues: try snapshot.issues()))
    }

    /// The catalogue of `records`, e.g. as it stood after some change of the ledger.
    public init(_ records: PublicCatalogueRecords) {
        units = Dictionary(records.units.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
        officials = Dictionary(records.officials.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
        organisations = Dictionary(records.organisations.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
        issues = Dictionary(records.issues.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
    }
}
