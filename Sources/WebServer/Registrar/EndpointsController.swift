import Foundation
import Hummingbird
import NIOPosix
import Publishing
import RegisterCore

/// `/registrar/endpoints`: each push endpoint with where its deliveries stand (pending,
/// the oldest pending, retrying, paused and why, dead letters, the last error), and
/// the actions that set it going again: retry its dead letters, resume it (lifting a
/// pause, or enabling a disabled one, which queues what it missed). Endpoints are
/// added with `insyn endpoint add` or the write API, whose credentials this page never shows.
struct EndpointsController: SiteController {
    let pages: SignedInPages

    func addRoutes(to router: Router<InsynRequestContext>) {
        router.get(RouterPath(SiteURL.registrarEndpoints.routePattern)) { request, context in
            try await pages.guarded(request, context, roles: SignedInPages.registrars) { _ in try await list(request, context) }
        }
        router.post(RouterPath(SiteURL.pattern(SiteURL.registrarEndpoint))) { request, context in
            try await pages.guarded(request, context, roles: SignedInPages.registrars) { actor in
                let id = try AccountsController.id(context)
                var request = request
                let action = try await FormBody.read(&request)["action"]
                let register = pages.register
                let done: String
                switch action {
                case "retry":
                    _ = try await NIOThreadPool.singleton.runIfActive { try register.retryDeadLetters(endpoint: id, by: actor) }
                    done = "retried"
                case "resume":
                    try await NIOThreadPool.singleton.runIfActive { try register.setEndpoint(id, enabled: true, by: actor) }
                    done = "resumed"
                default:
                    throw HTTPError(.badRequest, message: "The form names no action.")
                }
                return SignedInPages.seeOther(SiteURL.registrarEndpoints.path + "?done=" + done)
            }
        }
    }

    private func list(_ request: Request, _ context: InsynRequestContext) async throws -> Response {
        let page = try await pages.pageContext(request, context)
        let register = pages.register
        let statuses = try await NIOThreadPool.singleton.runIfActive { try register.outboxStatus() }
        let now = Date()
        let rows = statuses.map { status in
            let endpoint = status.endpoint
            let state = !endpoint.enabled ? page["registrarEndpointDisabled"]
                : endpoint.pause.map { page.strings.format("registrarEndpointPaused", page.dates.dayAndTime($0.at)) } ?? page["registrarEndpointDelivering"]
            var facts: [ActionListView.Fact] = [
                .init(label: page["registrarEndpointKind"], value: endpoint.kind.rawValue),
                .init(label: page["registrarState"], value: state),
            ]
            if let pause = endpoint.pause { facts.append(.init(label: page["registrarEndpointPauseReason"], value: pause.reason)) }
            facts += [
                .init(label: page["registrarEndpointPending"], value: String(status.pending)),
                .init(label: page["registrarEndpointOldest"], value: status.oldestPendingSince.map {
                    page.strings.format("registrarEndpointSince", page.dates.dayAndTime($0), Self.age(status.oldestPendingAge(at: now) ?? 0, page))
                } ?? "–"),
                .init(label: page["registrarEndpointRetrying"], value: String(status.retrying)),
                .init(label: page["registrarEndpointDead"], value: String(status.dead)),
                .init(label: page["registrarEndpointDelivered"], value: String(status.delivered)),
            ]
            if let error = status.lastError {
                facts.append(.init(label: page["registrarEndpointLastError"],
                                   value: status.lastErrorAt.map { "\(page.dates.dayAndTime($0)): \(error)" } ?? error))
            }
            let href = SiteURL.registrarEndpoint(endpoint.id).path
            var actions: [ActionListView.Action] = []
            if status.dead > 0 {
                actions.append(.init(href: href, action: "retry", text: page["registrarEndpointRetry"],
                                     fullText: page.strings.format("registrarActionNamed", page["registrarEndpointRetry"], endpoint.url)))
            }
            if !endpoint.isDelivering {
                actions.append(.init(href: href, action: "resume", text: page["registrarEndpointResume"],
                                     fullText: page.strings.format("registrarActionNamed", page["registrarEndpointResume"], endpoint.url)))
            }
            return ActionListView.Row(id: "endpoint-\(endpoint.id)", name: endpoint.url, facts: facts, actions: actions)
        }
        let notice = request.uri.queryParameters.get("done").map { page["registrarDone-\($0)"] }
        let view = ActionListView(heading: page["registrarEndpointsTitle"], intro: page["registrarEndpointsIntro"], rows: rows,
                                  emptyText: page["registrarEndpointsNone"], add: nil, notice: notice, csrf: pages.csrf(context), context: page)
        return try await pages.render(view, request: request, context: context)
    }

    /// "3 h 12 min" / "2 d 4 h": how long the oldest delivery has waited.
    static func age(_ seconds: TimeInterval, _ page: PageContext) -> String {
        let minutes = Int(seconds / 60)
        if minutes < 60 { return page.strings.format("registrarAgeMinutes", String(minutes)) }
        if minutes < 24 * 60 { return page.strings.format("registrarAgeHours", String(minutes / 60), String(minutes % 60)) }
        return page.strings.format("registrarAgeDays", String(minutes / (24 * 60)), String(minutes / 60 % 24))
    }
}
