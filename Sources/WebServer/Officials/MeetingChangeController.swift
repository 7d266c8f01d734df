import Foundation
import Hummingbird
import NIOPosix
import Publishing
import RegisterCore

/// Corrections (`/my/meetings/ID/correction`, for one who may write the meeting) and
/// withdrawals (`/my/meetings/ID/withdrawal`, the registrar's) of a published
/// meeting: a form with the reason required, then a preview of what the public will
/// see, rendered as the public meeting page renders it; only confirming writes,
/// through the register as the signed-in person.
struct MeetingChangeController: SiteController {
    let pages: SignedInPages

    func addRoutes(to router: Router<InsynRequestContext>) {
        router.get(RouterPath(SiteURL.pattern(SiteURL.correctMeeting))) { request, context in
            try await pages.guarded(request, context, roles: SignedInPages.meetingWriters) { principal in
                let id = try context.pathId()
                guard let stored = try await published(id, principal) else { return try await pages.forbidden(request, context) }
                try await pages.register.logAccess(by: principal, entity: "meeting", id: id, what: "full record (correction form)")
                let timeZone = try await pages.register.read { try $0.settings().timeZone }
                return try await correctionForm(id, MeetingFormInput(stored.meeting, timeZone: timeZone), reason: "",
                                                revision: stored.revision, request, context)
            }
        }
        router.post(RouterPath(SiteURL.pattern(SiteURL.correctMeeting))) { request, context in
            try await pages.guarded(request, context, roles: SignedInPages.meetingWriters) { principal in
                let id = try context.pathId()
                guard let stored = try await published(id, principal) else { return try await pages.forbidden(request, context) }
                return try await correct(stored, principal, request, context)
            }
        }
        router.get(RouterPath(SiteURL.pattern(SiteURL.withdrawMeeting))) { request, context in
            try await pages.guarded(request, context, roles: SignedInPages.registrars) { principal in
                let id = try context.pathId()
                guard try await published(id, principal) != nil else { throw HTTPError(.notFound) }
                let page = try await pages.pageContext(request, context)
                return try await pages.render(WithdrawalFormView(id, reason: "", error: nil, csrf: pages.csrf(context), context: page),
                                              request: request, context: context)
            }
        }
        router.post(RouterPath(SiteURL.pattern(SiteURL.withdrawMeeting))) { request, context in
            try await pages.guarded(request, context, roles: SignedInPages.registrars) { principal in
                let id = try context.pathId()
                guard try await published(id, principal) != nil else { throw HTTPError(.notFound) }
                return try await withdraw(id, principal, request, context)
            }
        }
    }

    /// The published meeting for one who may change it; nil when they may not; 404 when it is not published.
    private func published(_ id: Int64, _ principal: Principal) async throws -> StoredMeeting? {
        guard let stored = try await pages.storedMeeting(id, principal) else { return nil }
        guard stored.status == .published else { throw HTTPError(.notFound) }
        return stored
    }

    private func correctionForm(_ id: Int64, _ input: MeetingFormInput, reason: String, errors: MeetingFormErrors = MeetingFormErrors(),
                                notice: String? = nil, revision: MeetingRevision?, status: HTTPResponse.Status = .ok,
                                _ request: Request, _ context: InsynRequestContext) async throws -> Response {
        let page = try await pages.pageContext(request, context)
        let (search, grounds) = try await MeetingFormCatalogue.read(pages.register)
        let view = MeetingFormView(.correction(id), input: input, search: search, grounds: grounds, errors: errors, context: page,
                                   csrf: pages.csrf(context), notice: notice, revision: revision, reasonText: reason)
        return try await pages.render(view, status: status, request: request, context: context)
    }

    private func correct(_ stored: StoredMeeting, _ principal: Principal, _ request: Request,
                         _ context: InsynRequestContext) async throws -> Response {
        var request = request
        let fields = FormBody.isForm(request) ? try await FormBody.read(&request) : [:]
        guard MeetingFormInput.choicesAreWellFormed(fields) else {
            throw HTTPError(.badRequest, message: "The form names an organisation by something that is not its id.")
        }
        var input = MeetingFormInput(fields: fields)
        let reason = fields["reason"] ?? ""
        let revision = fields["revision"].flatMap(Int64.init).map(MeetingRevision.init) ?? stored.revision
        let strings = Strings(context.language)
        let id = stored.id
        func refused(_ errors: MeetingFormErrors) async throws -> Response {
            try await correctionForm(id, input, reason: reason, errors: errors, revision: revision, status: .badRequest, request, context)
        }
        switch fields["action"] {
        case "preview":
            let timeZone = try await pages.register.read { try $0.settings().timeZone }
            var errors = MeetingFormErrors()
            var meeting: Meeting?
            do {
                meeting = try MeetingFormCatalogue.decode(input, timeZone: timeZone)
            } catch {
                errors = MeetingFormErrors(error, input: input, strings: strings)
            }
            if reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { errors.add("correction-reason", strings["deskRequired_reason"]) }
            guard let meeting, errors.isEmpty else { return try await refused(errors) }
            let page = try await pages.pageContext(request, context)
            let corrected = PublicMeeting(id: id, meeting: meeting, version: stored.version + 1, recordedAt: stored.recordedAt,
                                          publishedAt: stored.publishedAt ?? Date(), updatedAt: Date(),
                                          correctionReason: reason.trimmingCharacters(in: .whitespacesAndNewlines))
            let view = try await pages.register.read { snapshot in
                MeetingView(corrected, catalogue: try CatalogueIndex(snapshot),
                            history: MeetingHistory(try snapshot.publicChanges(ofMeeting: id), context: page), context: page)
            }
            let hidden = input.formFields.map { HiddenField(name: $0.name, value: $0.value) }
                + [HiddenField(name: "reason", value: reason), HiddenField(name: "revision", value: revision.description)]
            return try await pages.render(MeetingPreviewView(heading: page["deskPreviewTitle"], meeting: view, action: SiteURL.correctMeeting(id).path,
                                                             csrf: pages.csrf(context), hidden: hidden, confirm: page["deskConfirmCorrection"],
                                                             context: page), request: request, context: context)
        case "confirm":
            if reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                var errors = MeetingFormErrors()
                errors.add("correction-reason", strings["deskRequired_reason"])
                return try await refused(errors)
            }
            let outcome = try await MeetingFormCatalogue.save(input, strings: strings, register: pages.register) { register, meeting in
                try register.correctMeeting(id, with: meeting, reason: reason, by: principal, basedOn: revision)
                return id
            }
            switch outcome {
            case .saved: return SignedInPages.seeOther(SiteURL.meeting(id).path)
            case .refused(let errors): return try await refused(errors)
            }
        default:
            let (notice, errors) = try await MeetingFormCatalogue.step(fields["step"], &input, by: principal, strings: strings,
                                                                       register: pages.register)
            return try await correctionForm(id, input, reason: reason, errors: errors, notice: notice, revision: revision,
                                            status: errors.isEmpty ? .ok : .badRequest, request, context)
        }
    }

    private func withdraw(_ id: Int64, _ principal: Principal, _ request: Request, _ context: InsynRequestContext) async throws -> Response {
        var request = request
        let fields = FormBody.isForm(request) ? try await FormBody.read(&request) : [:]
        let reason = fields["reason"] ?? ""
        let page = try await pages.pageContext(request, context)
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, fields["action"] == "preview" || fields["action"] == "confirm" else {
            let error = fields["action"] == "edit" ? nil : page["deskRequired_withdrawReason"]
            return try await pages.render(WithdrawalFormView(id, reason: reason, error: error, csrf: pages.csrf(context), context: page),
                                          status: error == nil ? .ok : .badRequest, request: request, context: context)
        }
        if fields["action"] == "preview" {
            guard let current = try await pages.register.read({ try $0.publicMeeting(id) }) else { throw HTTPError(.notFound) }
            let view = WithdrawnMeetingView(current.tombstone(at: Date(), reason: trimmed), context: page)
            return try await pages.render(MeetingPreviewView(heading: page["deskPreviewTitle"], withdrawn: view,
                                                             action: SiteURL.withdrawMeeting(id).path, csrf: pages.csrf(context),
                                                             hidden: [HiddenField(name: "reason", value: reason)],
                                                             confirm: page["deskConfirmWithdrawal"], context: page),
                                          request: request, context: context)
        }
        let register = pages.register
        do {
            try await NIOThreadPool.singleton.runIfActive { try register.withdrawMeeting(id, reason: reason, by: principal) }
        } catch let error as ValidationError {
            let message = page.strings.format("deskInvalid", page["deskLabel_withdrawReason"], error.description)
            return try await pages.render(WithdrawalFormView(id, reason: reason, error: message, csrf: pages.csrf(context), context: page),
                                          status: .badRequest, request: request, context: context)
        }
        return SignedInPages.seeOther(SiteURL.meeting(id).path)
    }
}
