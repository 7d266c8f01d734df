import CalendarInvitation
import Hummingbird
import NIOPosix
import Publishing
import RegisterCore

/// `/my/meetings/from-calendar`: a signed-in recorder (or the registrar) uploads a
/// calendar invitation; it is recorded as a draft through the register's write path,
/// and the person goes on to the draft's form (303) to check and complete it. A
/// refused file shows the page again with the reason; nothing is recorded.
struct FromCalendarController: SiteController {
    let pages: SignedInPages
    static let fileField = "invitation"
    static let uidField = "uid"

    func addRoutes(to router: Router<InsynRequestContext>) {
        let path = RouterPath(SiteURL.fromCalendar.routePattern)
        router.get(path) { request, context in
            try await pages.guarded(request, context, roles: SignedInPages.meetingWriters) { _ in
                let page = try await pages.pageContext(request, context)
                return try await pages.render(FromCalendarView(context: page, csrf: pages.csrf(context)), request: request, context: context)
            }
        }
        router.post(path) { request, context in
            try await pages.guarded(request, context, roles: SignedInPages.meetingWriters) { principal in
                var request = request
                let body = try await MultipartBody.read(&request)
                let uid = (body.text(Self.uidField) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                let page = try await pages.pageContext(request, context)
                func refused(_ message: String) async throws -> Response {
                    let view = FromCalendarView(context: page, csrf: pages.csrf(context), uid: uid, fileError: message)
                    return try await pages.render(view, status: .unprocessableContent, request: request, context: context)
                }
                guard let file = body.file(Self.fileField), !file.bytes.isEmpty else { return try await refused(page["calendarNoFile"]) }
                let register = pages.register
                do {
                    let recorded = try await NIOThreadPool.singleton.runIfActive {
                        try InvitationDraft.record(file.bytes, uid: uid.isEmpty ? nil : uid, in: register, by: principal)
                    }
                    return SignedInPages.seeOther(SiteURL.editDraft(recorded.id).path)
                } catch let error as CalendarError {
                    return try await refused(page.strings.format("calendarRefused", error.description))
                } catch let error as ValidationError {
                    return try await refused(page.strings.format("calendarRefused", error.description))
                } catch let error as NotPermitted {
                    return try await refused(page.strings.format("calendarRefused", error.description))
                }
            }
        }
    }
}
