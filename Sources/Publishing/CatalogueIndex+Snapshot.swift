import RegisterCore

extension CatalogueIndex {
    /// The current public catalogue, read in the snapshot's transaction.
    public init(_ snapshot: RegisterSnapshot) throws {
        self.init(PublicCatalogueRecords(units: try snapshot.units(), officials: try snapshot.officials(),
                                         organisations: try snapshot.organisations(), issues: try snapshot.issues()))
    }
}
