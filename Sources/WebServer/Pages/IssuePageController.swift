import Hummingbird
import Publishing
import RegisterCore

/// The page of one issue at `/issues/ID`; 404 for an id not in use or not written
/// the one way (`+1`, `01`), and for a page of meetings past the last.
struct IssuePageController: SiteController {
    let pages: PageResponder

    func addRoutes(to router: Router<InsynRequestContext>) {
        router.get(RouterPath(SiteURL.pattern(SiteURL.issue))) { request, context in
            let id = try context.pathId()
            let paging = try SubjectPaging(QueryParameters(request))
            return try await pages.respond(to: request, context: context) { snapshot, page in
                guard let issue = try snapshot.issue(id) else { throw HTTPError(.notFound) }
                let total = try snapshot.publishedMeetingCount(.issue(id))
                let pageCount = try paging.pages(total)
                let catalogue = try pages.catalogue(snapshot)
                let meetings = try snapshot.listedMeetings(.issue(id), offset: paging.offset, limit: SubjectPaging.size)
                return PageResult(IssuePageView(
                    issue, footprint: try snapshot.footprint(.issue(id), limit: IssuePageView.footprintRows + 1),
                    meetings: SubjectMeetingTable(meetings, total: total, paging: paging, pages: pageCount, catalogue: catalogue, context: page),
                    catalogue: catalogue, context: page))
            }
        }
    }
}
