import Foundation
import Hummingbird
import NIOPosix
import Publishing
import RegisterCore

/// `/registrar/accounts` and `/registrar/tokens`: the people who sign in and the
/// programs with API tokens. An account is added without a password, and its
/// set-password link (like a reset's) is shown once; a token's secret is shown only
/// on the page that created it (only its hash is stored). Disabling an account ends
/// its sessions; revoking a token refuses it from then on.
struct AccountsController: SiteController {
    let pages: SignedInPages

    static let accountForm = RecordForm(inputs: [
        .init(member: "name", label: "registrarFieldName", kind: .text),
        .init(member: "email", label: "registrarFieldEmail", kind: .text),
        .init(member: "role", label: "registrarFieldRole", kind: .choice(Role.allCases.map(\.rawValue), labelPrefix: "registrarRole-")),
        .init(member: "officials", label: "registrarFieldOfficials", kind: .several("officials"), optional: true),
    ])
    static let tokenForm = RecordForm(inputs: [
        .init(member: "name", label: "registrarFieldTokenName", kind: .text),
        .init(member: "role", label: "registrarFieldRole", kind: .choice(Role.allCases.map(\.rawValue), labelPrefix: "registrarRole-")),
        .init(member: "officials", label: "registrarFieldOfficials", kind: .several("officials"), optional: true),
        .init(member: "expires", label: "registrarFieldExpires", kind: .day, optional: true),
    ])

    func addRoutes(to router: Router<InsynRequestContext>) {
        router.get(RouterPath(SiteURL.registrarAccounts.routePattern)) { request, context in
            try await guarded(request, context) { _ in try await accounts(request, context) }
        }
        router.post(RouterPath(SiteURL.registrarAccounts.routePattern)) { request, context in
            try await guarded(request, context) { actor in try await addAccount(actor, request, context) }
        }
        router.post(RouterPath(SiteURL.pattern(SiteURL.registrarAccount))) { request, context in
            try await guarded(request, context) { actor in try await accountAction(actor, request, context) }
        }
        router.get(RouterPath(SiteURL.registrarTokens.routePattern)) { request, context in
            try await guarded(request, context) { _ in try await tokens(request, context) }
        }
        router.post(RouterPath(SiteURL.registrarTokens.routePattern)) { request, context in
            try await guarded(request, context) { actor in try await createToken(actor, request, context) }
        }
        router.post(RouterPath(SiteURL.pattern(SiteURL.registrarToken))) { request, context in
            try await guarded(request, context) { actor in
                let id = try Self.id(context)
                let register = pages.register
                do {
                    try await NIOThreadPool.singleton.runIfActive { try register.revokeToken(id, by: actor) }
                } catch is ValidationError {
                    throw HTTPError(.notFound)
                }
                return SignedInPages.seeOther(SiteURL.registrarTokens.path + "?done=revoked")
            }
        }
    }

    private func guarded(_ request: Request, _ context: InsynRequestContext, _ body: (Principal) async throws -> Response) async throws -> Response {
        try await pages.guarded(request, context, roles: SignedInPages.registrars, body)
    }

    static func id(_ context: InsynRequestContext) throws -> Int64 {
        try context.pathId()
    }

    private func officialOptions() async throws -> [String: [(value: String, label: String)]] {
        ["officials": try await pages.register.read { try $0.officials().map { (String($0.id), $0.name) } }]
    }

    private func posted(_ request: Request) async throws -> [String: String] {
        var request = request
        return try await FormBody.read(&request)
    }

    private static func role(_ text: String?) -> Role? { text.flatMap(Role.init(rawValue:)) }

    private static func officials(_ posted: [String: String]) -> [Int64] {
        posted.keys.compactMap { $0.hasPrefix("officials-") ? Int64($0.dropFirst("officials-".count)) : nil }.sorted()
    }

    // MARK: Accounts

    private func addAccount(_ actor: Principal, _ request: Request, _ context: InsynRequestContext) async throws -> Response {
        let posted = try await posted(request)
        let page = try await pages.pageContext(request, context)
        let missing = Self.accountForm.missing(posted, context: page)
        guard missing.isEmpty, let role = Self.role(posted["role"]) else {
            return try await accounts(request, context, posted: posted, problems: missing.isEmpty ? FormProblems(byInput: ["role": page["registrarChooseOne"]]) : missing)
        }
        let account = NewAccount(name: posted["name"] ?? "", email: posted["email"] ?? "", role: role, officials: Self.officials(posted))
        let register = pages.register
        do {
            let (added, link) = try await NIOThreadPool.singleton.runIfActive {
                let added = try register.addAccount(account, by: actor)
                return (added, try register.passwordResetLink(for: added.id, by: actor))
            }
            return try await accounts(request, context, shown: passwordLink(added, link, page))
        } catch let invalid as ValidationError {
            return try await accounts(request, context, posted: posted, problems: Self.accountForm.problems(invalid, context: page))
        }
    }

    private func accountAction(_ actor: Principal, _ request: Request, _ context: InsynRequestContext) async throws -> Response {
        let id = try Self.id(context)
        let posted = try await posted(request)
        let register = pages.register
        let page = try await pages.pageContext(request, context)
        switch posted["action"] {
        case "disable":
            try await NIOThreadPool.singleton.runIfActive { try register.disableAccount(id, by: actor) }
            return SignedInPages.seeOther(SiteURL.registrarAccounts.path + "?done=disabled")
        case "reset":
            do {
                let (account, link) = try await NIOThreadPool.singleton.runIfActive {
                    (try register.account(id), try register.passwordResetLink(for: id, by: actor))
                }
                return try await accounts(request, context, shown: passwordLink(account, link, page))
            } catch let invalid as ValidationError {
                return try await accounts(request, context, problems: Self.accountForm.problems(invalid, context: page), status: invalid.problems.first?.message.hasPrefix("no ") == true ? .notFound : .conflict)
            }
        default:
            throw HTTPError(.badRequest, message: "The form names no action.")
        }
    }

    private func passwordLink(_ account: Account, _ link: PasswordReset, _ page: PageContext) -> ActionListView.Shown {
        ActionListView.Shown(heading: page.strings.format("registrarLinkHeading", account.name),
                             text: page.strings.format("registrarLinkText", account.email, page.dates.dayAndTime(link.expiresAt)),
                             secret: SiteURL.setPassword(link.secret).url(base: page.settings.base))
    }

    private func accounts(_ request: Request, _ context: InsynRequestContext, posted: [String: String] = [:], problems: FormProblems? = nil,
                          shown: ActionListView.Shown? = nil, status: HTTPResponse.Status? = nil) async throws -> Response {
        let page = try await pages.pageContext(request, context)
        let register = pages.register
        let accounts = try await NIOThreadPool.singleton.runIfActive { try register.accounts() }
        let names = try await register.read { snapshot in try CatalogueNames(snapshot) }
        let rows = accounts.map { account in
            var facts = [ActionListView.Fact(label: page["registrarFieldEmail"], value: account.email),
                         ActionListView.Fact(label: page["registrarFieldRole"], value: page["registrarRole-\(account.role.rawValue)"]),
                         ActionListView.Fact(label: page["registrarState"], value: page[account.disabledAt != nil ? "registrarDisabled"
                             : account.hasPassword ? "registrarActive" : "registrarNoPassword"])]
            if !account.officials.isEmpty {
                facts.append(.init(label: page["registrarFieldOfficials"], value: account.officials.map(names.official).joined(separator: ", ")))
            }
            let href = SiteURL.registrarAccount(account.id).path
            let actions = account.disabledAt != nil ? [] : [
                ActionListView.Action(href: href, action: "reset", text: page["registrarResetLink"],
                                      fullText: page.strings.format("registrarActionNamed", page["registrarResetLink"], account.name)),
                ActionListView.Action(href: href, action: "disable", text: page["registrarDisable"],
                                      fullText: page.strings.format("registrarActionNamed", page["registrarDisable"], account.name)),
            ]
            return ActionListView.Row(id: "account-\(account.id)", name: account.name, facts: facts, actions: actions)
        }
        return try await listPage(page, form: Self.accountForm, id: "account", keys: ("registrarAccountsTitle", "registrarAccountsIntro",
                                  "registrarAddAccount", "registrarAddButton"), list: .registrarAccounts, rows: rows, posted: posted,
                                  problems: problems, shown: shown, status: status, request, context)
    }

    /// The page of accounts or of tokens: `keys` are its title, intro, the add form's heading and its button.
    private func listPage(_ page: PageContext, form: RecordForm, id: String, keys: (String, String, String, String), list: SiteURL,
                          rows: [ActionListView.Row], posted: [String: String], problems: FormProblems?, shown: ActionListView.Shown?,
                          status: HTTPResponse.Status?, _ request: Request, _ context: InsynRequestContext) async throws -> Response {
        let found = problems ?? FormProblems()
        let fields = form.fields(id: id, values: posted, errors: found.byInput, options: try await officialOptions(), context: page)
        let notice = request.uri.queryParameters.get("done").map { page["registrarDone-\($0)"] }
        let view = ActionListView(heading: page[keys.0], intro: page[keys.1], rows: rows, emptyText: page["registrarNoneYet"],
                                  add: .init(heading: page[keys.2], action: list.path, fields: fields, button: page[keys.3]),
                                  otherErrors: found.other, notice: notice, shown: shown, csrf: pages.csrf(context), context: page)
        return try await pages.render(view, status: status ?? (problems == nil ? .ok : .badRequest), request: request, context: context)
    }

    // MARK: Tokens

    private func createToken(_ actor: Principal, _ request: Request, _ context: InsynRequestContext) async throws -> Response {
        let posted = try await posted(request)
        let page = try await pages.pageContext(request, context)
        let missing = Self.tokenForm.missing(posted, context: page)
        guard missing.isEmpty, let role = Self.role(posted["role"]) else {
            return try await tokens(request, context, posted: posted, problems: missing.isEmpty ? FormProblems(byInput: ["role": page["registrarChooseOne"]]) : missing)
        }
        var expires: Date?
        if let text = posted["expires"], !text.isEmpty {
            guard let day = Day(text) else {
                return try await tokens(request, context, posted: posted,
                                        problems: FormProblems(byInput: ["expires": page["registrarDayInvalid"]]))
            }
            expires = day.end(in: page.settings.timeZone)
        }
        let token = NewAPIToken(name: posted["name"] ?? "", role: role, officials: Self.officials(posted), expiresAt: expires)
        let register = pages.register
        do {
            let created = try await NIOThreadPool.singleton.runIfActive { try register.createToken(token, by: actor) }
            let shown = ActionListView.Shown(heading: page.strings.format("registrarSecretHeading", created.token.name),
                                             text: page["registrarSecretText"], secret: created.secret)
            return try await tokens(request, context, shown: shown)
        } catch let invalid as ValidationError {
            return try await tokens(request, context, posted: posted, problems: Self.tokenForm.problems(invalid, context: page))
        }
    }

    private func tokens(_ request: Request, _ context: InsynRequestContext, posted: [String: String] = [:], problems: FormProblems? = nil,
                        shown: ActionListView.Shown? = nil) async throws -> Response {
        let page = try await pages.pageContext(request, context)
        let register = pages.register
        let tokens = try await NIOThreadPool.singleton.runIfActive { try register.tokens() }
        let names = try await register.read { snapshot in try CatalogueNames(snapshot) }
        let now = Date()
        let rows = tokens.map { token in
            let state = token.revokedAt != nil ? "registrarRevoked" : token.isExpired(at: now) ? "registrarExpired" : "registrarActive"
            var facts = [ActionListView.Fact(label: page["registrarFieldRole"], value: page["registrarRole-\(token.role.rawValue)"]),
                         ActionListView.Fact(label: page["registrarState"], value: page[state]),
                         ActionListView.Fact(label: page["registrarCreated"], value: page.dates.dayAndTime(token.createdAt)),
                         ActionListView.Fact(label: page["registrarLastUsed"], value: token.lastUsedAt.map(page.dates.dayAndTime) ?? page["registrarNever"])]
            if let expires = token.expiresAt { facts.append(.init(label: page["registrarFieldExpires"], value: page.dates.dayAndTime(expires))) }
            if !token.officials.isEmpty {
                facts.append(.init(label: page["registrarFieldOfficials"], value: token.officials.map(names.official).joined(separator: ", ")))
            }
            let actions = token.revokedAt != nil ? [] : [
                ActionListView.Action(href: SiteURL.registrarToken(token.id).path, action: "revoke", text: page["registrarRevoke"],
                                      fullText: page.strings.format("registrarActionNamed", page["registrarRevoke"], token.name)),
            ]
            return ActionListView.Row(id: "token-\(token.id)", name: token.name, facts: facts, actions: actions)
        }
        return try await listPage(page, form: Self.tokenForm, id: "token", keys: ("registrarTokensTitle", "registrarTokensIntro",
                                  "registrarAddToken", "registrarCreateToken"), list: .registrarTokens, rows: rows, posted: posted,
                                  problems: problems, shown: shown, status: nil, request, context)
    }
}
