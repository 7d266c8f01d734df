import Hummingbird
import Publishing
import RegisterCore

/// The page of one unit at `/units/ID`; 404 for an id not in use or not written the
/// one way, and for a page of meetings past the last.
struct UnitPageController: SiteController {
    let pages: PageResponder

    func addRoutes(to router: Router<InsynRequestContext>) {
        router.get(RouterPath(SiteURL.pattern(SiteURL.unit))) { request, context in
            let id = try context.pathId()
            let paging = try SubjectPaging(QueryParameters(request))
            return try await pages.respond(to: request, context: context) { snapshot, page in
                guard let unit = try snapshot.unit(id) else { throw HTTPError(.notFound) }
                let total = try snapshot.publishedMeetingCount(.unit(id))
                let pageCount = try paging.pages(total)
                let catalogue = try pages.catalogue(snapshot)
                let meetings = try snapshot.listedMeetings(.unit(id), offset: paging.offset, limit: SubjectPaging.size)
                return PageResult(UnitPageView(
                    unit, officials: try snapshot.officials(ofUnit: id), issues: try snapshot.issues(ofUnit: id),
                    meetings: SubjectMeetingTable(meetings, total: total, paging: paging, pages: pageCount, catalogue: catalogue, context: page),
                    context: page))
            }
        }
    }
}
