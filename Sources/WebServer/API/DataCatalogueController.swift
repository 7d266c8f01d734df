import Hummingbird
import Publishing
import RegisterCore

/// Serves the DCAT-AP-SE catalogue at /datasets/dcat, where Sweden's national data
/// portal harvests it: written by `DataCatalogue` from the settings and the ledger's
/// dates, with the API's ETag (the ledger head and the settings) and 304.
struct DataCatalogueController: SiteController {
    let api: APIResponder

    func addRoutes(to router: Router<InsynRequestContext>) {
        router.get(RouterPath(APIURL.catalogue.routePattern)) { request, _ in
            try await api.stream(request, contentType: DataCatalogue.mediaType + "; charset=utf-8") { snapshot, sink in
                let catalogue = DataCatalogue(publication: Publication(settings: try snapshot.settings()),
                                              issued: try snapshot.firstChangeTime(), modified: try snapshot.ledgerHead().at)
                try catalogue.write(to: sink)
            }
        }
    }
}
