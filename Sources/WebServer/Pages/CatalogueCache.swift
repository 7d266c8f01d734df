import Publishing
import RegisterCore
import Synchronization

/// The public catalogue by id, read once and kept while no unit, official,
/// organisation or issue changes: every page names records from it, and reading
/// two thousand organisations and decoding every issue for each request was a cost
/// every page paid however little of it the page showed.
final class CatalogueCache: Sendable {
    private let kept = Mutex<(version: Int64, catalogue: CatalogueIndex)?>(nil)

    /// The catalogue as it stands in `snapshot`, from the one kept when its version is the snapshot's.
    func catalogue(in snapshot: RegisterSnapshot) throws -> CatalogueIndex {
        let version = try snapshot.catalogueVersion()
        if let kept = kept.withLock({ $0 }), kept.version == version { return kept.catalogue }
        let catalogue = try CatalogueIndex(snapshot)
        kept.withLock { current in
            if current.map({ $0.version <= version }) ?? true { current = (version, catalogue) }
        }
        return catalogue
    }
}
