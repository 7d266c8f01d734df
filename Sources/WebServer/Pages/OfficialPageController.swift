import Hummingbird
import Publishing
import RegisterCore

/// The page of one official at `/officials/ID`; 404 for an id not in use or not
/// written the one way, and for a page of meetings past the last.
struct OfficialPageController: SiteController {
    let pages: PageResponder

    func addRoutes(to router: Router<InsynRequestContext>) {
        router.get(RouterPath(SiteURL.pattern(SiteURL.official))) { request, context in
            let id = try context.pathId()
            let paging = try SubjectPaging(QueryParameters(request))
            return try await pages.respond(to: request, context: context) { snapshot, page in
                guard let official = try snapshot.official(id) else { throw HTTPError(.notFound) }
                let total = try snapshot.publishedMeetingCount(.official(id))
                let pageCount = try paging.pages(total)
                let catalogue = try pages.catalogue(snapshot)
                let meetings = try snapshot.listedMeetings(.official(id), offset: paging.offset, limit: SubjectPaging.size)
                return PageResult(OfficialPageView(
                    official, metMost: try snapshot.footprint(.official(id), limit: OfficialPageView.metMost),
                    meetings: SubjectMeetingTable(meetings, total: total, paging: paging, pages: pageCount, catalogue: catalogue, context: page),
                    catalogue: catalogue, context: page))
            }
        }
    }
}
