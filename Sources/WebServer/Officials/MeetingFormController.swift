import Foundation
import Hummingbird
import NIOPosix
import Publishing
import RegisterCore

/// `/my/meetings/new` and a draft's form at `/my/meetings/ID`: GET shows the form,
/// POST either takes a step that shows it again with everything typed kept (a
/// catalogue search, one more person, a new organisation added on the spot), or
/// saves the meeting as a draft or publishes it through the register's write path,
/// as the signed-in person. A refused meeting is shown again with each error beside
/// its field and in the summary, and nothing is recorded.
struct MeetingFormController: SiteController {
    let pages: SignedInPages

    func addRoutes(to router: Router<InsynRequestContext>) {
        router.get(RouterPath(SiteURL.newMeeting.routePattern)) { request, context in
            try await pages.guarded(request, context, roles: SignedInPages.meetingWriters) { principal in
                try await show(.new, input: .new(for: principal), request, context)
            }
        }
        router.post(RouterPath(SiteURL.newMeeting.routePattern)) { request, context in
            try await pages.guarded(request, context, roles: SignedInPages.meetingWriters) { principal in
                try await post(nil, principal, request, context)
            }
        }
        router.get(RouterPath(SiteURL.pattern(SiteURL.editDraft))) { request, context in
            try await pages.guarded(request, context, roles: SignedInPages.meetingWriters) { principal in
                let id = try context.pathId()
                guard let stored = try await pages.storedMeeting(id, principal) else { return try await pages.forbidden(request, context) }
                if stored.status == .published { return SignedInPages.seeOther(SiteURL.correctMeeting(id).path) }
                guard stored.status == .draft else { throw HTTPError(.notFound) }
                try await pages.register.logAccess(by: principal, entity: "meeting", id: id, what: "full record (draft form)")
                let (timeZone, review) = try await pages.register.read { (try $0.settings().timeZone, try $0.review(of: id)) }
                let notice = ReviewNotice.text(review, strings: Strings(context.language))
                return try await show(.draft(id), input: MeetingFormInput(stored.meeting, timeZone: timeZone), notice: notice,
                                      revision: stored.revision, request, context)
            }
        }
        router.post(RouterPath(SiteURL.pattern(SiteURL.editDraft))) { request, context in
            try await pages.guarded(request, context, roles: SignedInPages.meetingWriters) { principal in
                let id = try context.pathId()
                guard let stored = try await pages.storedMeeting(id, principal) else { return try await pages.forbidden(request, context) }
                guard stored.status == .draft else { throw HTTPError(.notFound) }
                return try await post(stored, principal, request, context)
            }
        }
    }

    private func show(_ purpose: MeetingFormView.Purpose, input: MeetingFormInput, errors: MeetingFormErrors = MeetingFormErrors(),
                      notice: String? = nil, revision: MeetingRevision? = nil, status: HTTPResponse.Status = .ok,
                      _ request: Request, _ context: InsynRequestContext) async throws -> Response {
        let page = try await pages.pageContext(request, context)
        let (search, grounds) = try await MeetingFormCatalogue.read(pages.register)
        let view = MeetingFormView(purpose, input: input, search: search, grounds: grounds, errors: errors, context: page,
                                   csrf: pages.csrf(context), notice: notice, revision: revision)
        return try await pages.render(view, status: status, request: request, context: context)
    }

    private func post(_ stored: StoredMeeting?, _ principal: Principal, _ request: Request, _ context: InsynRequestContext) async throws -> Response {
        var request = request
        let fields = FormBody.isForm(request) ? try await FormBody.read(&request) : [:]
        guard MeetingFormInput.choicesAreWellFormed(fields) else {
            throw HTTPError(.badRequest, message: "The form names an organisation by something that is not its id.")
        }
        var input = MeetingFormInput(fields: fields)
        let purpose: MeetingFormView.Purpose = stored.map { .draft($0.id) } ?? .new
        let revision = fields["revision"].flatMap(Int64.init).map(MeetingRevision.init) ?? stored?.revision
        let strings = Strings(context.language)
        switch fields["action"] {
        case "draft", "publish":
            let publish = fields["action"] == "publish"
            let outcome = try await MeetingFormCatalogue.save(input, strings: strings, register: pages.register) { register, meeting in
                let id: Int64
                if let stored {
                    try register.updateDraft(stored.id, with: meeting, by: principal, basedOn: revision)
                    id = stored.id
                } else {
                    id = try register.recordMeeting(meeting, by: principal)
                }
                return (id, publish ? try register.publishMeeting(id, by: principal) : nil)
            }
            switch outcome {
            case .saved(let (id, published)):
                let said = switch published {
                case nil: "saved"
                case .sentForReview: "sent-for-review"
                case .published: "published"
                }
                return SignedInPages.seeOther(SiteURL.myMeetings.path + "?\(said)=\(id)")
            case .refused(let errors):
                return try await show(purpose, input: input, errors: errors, revision: revision, status: .badRequest, request, context)
            }
        default:
            let (notice, errors) = try await MeetingFormCatalogue.step(fields["step"], &input, by: principal, strings: strings,
                                                                       register: pages.register)
            return try await show(purpose, input: input, errors: errors, notice: notice, revision: revision,
                                  status: errors.isEmpty ? .ok : .badRequest, request, context)
        }
    }
}

/// What the meeting forms read and write besides the page: the catalogue to search
/// and the list of legal grounds; the save of a meeting through the register, off
/// the event loop, with its refusals turned into the form's errors.
enum MeetingFormCatalogue {
    static func read(_ register: Register) async throws -> (CatalogueSearch, [String]) {
        try await register.read { snapshot in
            (CatalogueSearch(officials: try snapshot.officials(), organisations: try snapshot.organisations(), issues: try snapshot.issues()),
             try snapshot.legalGrounds().map(\.ground.ground))
        }
    }

    enum Saved<Written: Sendable>: Sendable {
        case saved(Written)
        case refused(MeetingFormErrors)
    }

    /// Reads the form as the register's meeting input (with its own decoding and
    /// validation), then runs `write`; every refusal becomes the form's errors.
    static func save<Written: Sendable>(_ input: MeetingFormInput, strings: Strings, register: Register,
                                        _ write: @escaping @Sendable (Register, Meeting) throws -> Written) async throws -> Saved<Written> {
        let timeZone = try await register.read { try $0.settings().timeZone }
        do {
            let meeting = try decode(input, timeZone: timeZone)
            return .saved(try await NIOThreadPool.singleton.runIfActive { try write(register, meeting) })
        } catch let error as ValidationError {
            return .refused(MeetingFormErrors(error, input: input, strings: strings))
        } catch is NotPermitted {
            var errors = MeetingFormErrors()
            errors.add("find-official", strings["deskNotYourOfficials"])
            return .refused(errors)
        } catch is StaleRevision {
            var errors = MeetingFormErrors()
            errors.add("meeting-date", strings["deskStale"])
            return .refused(errors)
        }
    }

    /// The meeting the form describes, or every problem with it at once. The input's
    /// decoding stops at its first bad member, so each bad member is noted and
    /// stood in for by a value that decodes, until the rest decodes and can be
    /// validated; a stand-in's own problems are not reported.
    static func decode(_ input: MeetingFormInput, timeZone: TimeZone) throws(ValidationError) -> Meeting {
        var object = input.jsonObject
        var problems: [ValidationError.Problem] = []
        var replaced: Set<String> = []
        func member(_ field: String) -> String { String(field.prefix { $0 != "." && $0 != "[" }) }
        while true {
            do {
                let meeting = try RegisterInput.decode(Meeting.self, from: Data(CanonicalJSON.bytes(.object(object))), timeZone: timeZone)
                do {
                    let valid = try meeting.validated()
                    if problems.isEmpty { return valid }
                } catch {
                    problems += error.problems.filter { !replaced.contains(member($0.field)) }
                }
                break
            } catch {
                let name = member(error.problems.first?.field ?? "")
                problems += error.problems
                guard let standIn = standIns[name], !replaced.contains(name) else { break }
                object[name] = standIn
                replaced.insert(name)
            }
        }
        var error = ValidationError(problems[0].field, problems[0].message)
        error.problems = problems
        throw error
    }

    private static let standIns: [String: JSONValue] = [
        "startsAt": .string("2000-01-01T12:00"), "durationMinutes": .int(60), "place": .string("-"), "format": .string("in-person"),
        "direction": .string("inbound"), "initiator": .string("us"), "participants": .array([.int(1)]), "counterparts": .array([.object(["organisation": .int(1)])]),
        "issues": .array([]), "subject": .string("-"), "summary": .string("-"), "documents": .array([]), "withheld": .object([:]),
    ]

    /// A step of the form that changes nothing but what it shows (a search needs no
    /// step of its own: every render lists the matches of what is typed), or adds an
    /// organisation on the spot. Returns what the page says, and any errors.
    static func step(_ step: String?, _ input: inout MeetingFormInput, by principal: Principal, strings: Strings,
                     register: Register) async throws -> (notice: String?, errors: MeetingFormErrors) {
        switch step {
        case "add-person":
            input.people.append(MeetingFormInput.Person())
        case "add-organisation":
            switch try await addOrganisation(input.newOrganisation, by: principal, strings: strings, register: register) {
            case .added(let organisation):
                if !(input.picked[.organisation] ?? []).contains(organisation.id) { input.picked[.organisation, default: []].append(organisation.id) }
                input.newOrganisation = MeetingFormInput.NewOrganisation()
                return (strings.format(organisation.existing ? "deskOrganisationKnown" : "deskOrganisationAdded", organisation.name),
                        MeetingFormErrors())
            case .refused(let errors):
                return (nil, errors)
            }
        default:
            break
        }
        return (nil, MeetingFormErrors())
    }

    enum Added: Sendable {
        case added(CounterpartOrganisation)
        case refused(MeetingFormErrors)
    }

    static func addOrganisation(_ typed: MeetingFormInput.NewOrganisation, by principal: Principal, strings: Strings,
                                register: Register) async throws -> Added {
        let number = typed.number.trimmingCharacters(in: .whitespaces)
        let organisation = Organisation(name: typed.name, kind: OrganisationKind(rawValue: typed.kind) ?? .other,
                                        organisationNumber: number.isEmpty ? nil : number)
        do {
            return .added(try await NIOThreadPool.singleton.runIfActive { try register.addCounterpartOrganisation(organisation, by: principal) })
        } catch let error as ValidationError {
            var errors = MeetingFormErrors()
            for problem in error.problems {
                switch problem.field {
                case "organisationNumber": errors.add("new-organisation-number", strings["deskInvalidNumber"])
                case "name": errors.add("new-organisation-name",
                                        problem.rule == .required ? strings["deskRequired_newName"]
                                            : RuleWords.message(problem, label: strings["deskLabel_newName"], strings: strings))
                default: errors.add("new-organisation-name", RuleWords.message(problem, label: strings["deskLabel_newName"], strings: strings))
                }
            }
            return .refused(errors)
        }
    }
}
