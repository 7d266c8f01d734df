import Hummingbird
import Publishing
import RegisterCore

/// The page of one organisation at `/organisations/ID`, its meetings as a counterpart
/// paged by `page` and its meetings as a client by `client-page`; 404 for an id not
/// in use or not written the one way, and for a page past the last.
struct OrganisationPageController: SiteController {
    let pages: PageResponder

    func addRoutes(to router: Router<InsynRequestContext>) {
        router.get(RouterPath(SiteURL.pattern(SiteURL.organisation))) { request, context in
            let id = try context.pathId()
            let query = QueryParameters(request)
            let counterpartPaging = try SubjectPaging(query)
            let clientPaging = try SubjectPaging(query, parameter: "client-page")
            return try await pages.respond(to: request, context: context) { snapshot, page in
                guard let organisation = try snapshot.organisation(id) else { throw HTTPError(.notFound) }
                let catalogue = try pages.catalogue(snapshot)
                func table(_ subject: MeetingSubject, _ paging: SubjectPaging, client: Int64? = nil) throws -> SubjectMeetingTable {
                    let total = try snapshot.publishedMeetingCount(subject)
                    let pageCount = try paging.pages(total)
                    let meetings = try snapshot.listedMeetings(subject, offset: paging.offset, limit: SubjectPaging.size)
                    return SubjectMeetingTable(meetings, total: total, paging: paging, pages: pageCount, catalogue: catalogue,
                                               context: page, client: client)
                }
                return PageResult(OrganisationPageView(
                    organisation, issues: try snapshot.issueCounts(organisation: id),
                    asCounterpart: try table(.counterpart(id), counterpartPaging),
                    asClient: try table(.client(id), clientPaging, client: id),
                    catalogue: catalogue, context: page))
            }
        }
    }
}
