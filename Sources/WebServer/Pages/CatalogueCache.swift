import Publishing
import RegisterCore
import Synchronization

/// The public catalogue by id, read once and kept while no unit, official,
/// organisation or issue changes: every page names records from it, and reading
/// two thousand organisations and decoding every issue for each request was a cost
/// every page paid however little of it the page showed.
///
/// Whether it changed is asked of the ledger: a catalogue change is a change like any
/// other, so while the head is the one the catalogue was last checked at it cannot
/// have changed, and only a new head costs the look for the newest catalogue change
/// (which reads every catalogue change's index entry).
final class CatalogueCache: Sendable {
    private struct Kept {
        let head: LedgerHead
        let version: Int64
        let catalogue: CatalogueIndex
    }

    private let kept = Mutex<Kept?>(nil)

    /// The catalogue as it stands in `snapshot`, from the one kept when its version is the snapshot's.
    func catalogue(in snapshot: RegisterSnapshot) throws -> CatalogueIndex {
        let head = try snapshot.ledgerHead()
        let known = kept.withLock { $0 }
        if let known, known.head == head { return known.catalogue }
        let version = try snapshot.catalogueVersion()
        let catalogue = try known.flatMap { $0.version == version ? $0.catalogue : nil } ?? CatalogueIndex(snapshot)
        kept.withLock { current in
            if current.map({ $0.head.sequence <= head.sequence }) ?? true {
                current = Kept(head: head, version: version, catalogue: catalogue)
            }
        }
        return catalogue
    }
}
