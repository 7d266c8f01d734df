import Foundation
import Hummingbird
import RegisterCore
import Testing
@testable import WebServer

/// One route of the application's table and how to make a well-formed request of it,
/// so that a test can spoil one part at a time: the values of its path parameters that
/// name real records, the query parameters it reads, and its body.
struct HostileRoute: Sendable, CustomTestStringConvertible {
    enum Body: Sendable {
        case none
        /// A JSON body the route takes (sent with the admin's token).
        case json(@Sendable (HostileFixture) -> String)
        /// A form's fields (sent with its CSRF token).
        case form(@Sendable (HostileFixture) -> [(String, String)])
        /// A `multipart/form-data` form's text fields (sent with its CSRF token).
        case multipart(@Sendable (HostileFixture) -> [(String, String)])
    }

    let method: HTTPRequest.Method
    /// The route as the router describes it: "/api/v1/meetings/{id}/record", "/feeds/**".
    let path: String
    var parameters: @Sendable (HostileFixture) -> [String: String] = { _ in [:] }
    var query: [(name: String, kind: QueryKind)] = []
    var body: Body = .none
    /// A route whose every error is a page, not problem details, although it is neither under /api/.
    var isAPI: Bool { path.hasPrefix("/api/") }
    var isPage: Bool { !isAPI }

    var description: String { "\(method) \(path)" }
    var testDescription: String { description }

    /// The names of the path's parameters ("**" for a catch-all).
    var parameterNames: [String] {
        path.split(separator: "/").compactMap { part in
            if part == "**" { return "**" }
            guard part.hasPrefix("{"), part.hasSuffix("}") else { return nil }
            return String(part.dropFirst().dropLast())
        }
    }

    /// The path with each parameter's real value, except `hostile` in place of `name`'s.
    func uri(_ fixture: HostileFixture, replacing name: String? = nil, with hostile: String = "") -> String {
        let values = parameters(fixture)
        return "/" + path.split(separator: "/").map { part -> String in
            let key = part == "**" ? "**" : part.hasPrefix("{") ? String(part.dropFirst().dropLast()) : nil
            guard let key else { return String(part) }
            return key == name ? hostile : values[key]!
        }.joined(separator: "/")
    }

    /// Headers of a well-formed request: the admin's credentials, and the body's type.
    func headers(_ fixture: HostileFixture) -> HTTPFields {
        var headers = fixture.credentials(for: path)
        switch body {
        case .none: break
        case .json: headers[.contentType] = "application/json"
        case .form: headers[.contentType] = "application/x-www-form-urlencoded"
        case .multipart: headers[.contentType] = "multipart/form-data; boundary=\(HostileForm.boundary)"
        }
        if method == .put || (method == .post && path.hasSuffix("/corrections")) { headers[.ifMatch] = "*" }
        return headers
    }

    /// The well-formed body's bytes.
    func validBody(_ fixture: HostileFixture) -> [UInt8]? {
        switch body {
        case .none: nil
        case .json(let make): Array(make(fixture).utf8)
        case .form(let fields): Array(HostileForm.encode(fields(fixture) + [("csrf", fixture.session?.csrfToken ?? "")]).utf8)
        case .multipart(let fields): HostileForm.multipart(fields(fixture) + [("csrf", fixture.session?.csrfToken ?? "")])
        }
    }
}

/// Writing a form body.
enum HostileForm {
    /// Fields already percent-encoded as they are given: the tests write the bytes themselves.
    static func encode(_ fields: [(String, String)]) -> String {
        fields.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    static let boundary = "hostile-boundary-7"

    /// A `multipart/form-data` body of text fields and, when given, a file.
    static func multipart(_ fields: [(String, String)], file: (name: String, filename: String, bytes: [UInt8])? = nil) -> [UInt8] {
        var out: [UInt8] = []
        for (name, value) in fields {
            out += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        if let file {
            out += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.filename)\"\r\nContent-Type: text/calendar\r\n\r\n".utf8)
            out += file.bytes + Array("\r\n".utf8)
        }
        return out + Array("--\(boundary)--\r\n".utf8)
    }

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}

extension HostileRoute {
    private static let search: [(name: String, kind: QueryKind)] = [
        ("q", .text), ("from", .day), ("to", .day), ("official", .id), ("org", .id), ("issue", .id), ("unit", .id),
        ("direction", .choice), ("format", .choice), ("kind", .choice),
    ]
    private static let lang: [(name: String, kind: QueryKind)] = [("lang", .choice)]
    private static let compliance: [(name: String, kind: QueryKind)] = [("unit", .id), ("official", .id), ("from", .day), ("to", .day)]
    private static let paging: [(name: String, kind: QueryKind)] = [("sort", .choice), ("limit", .number), ("cursor", .cursor)]

    private static func page(_ path: String, _ query: [(name: String, kind: QueryKind)] = [],
                             parameters: @escaping @Sendable (HostileFixture) -> [String: String] = { _ in [:] }) -> HostileRoute {
        HostileRoute(method: .get, path: path, parameters: parameters, query: lang + query)
    }

    private static func api(_ method: HTTPRequest.Method, _ path: String, _ query: [(name: String, kind: QueryKind)] = [],
                            parameters: @escaping @Sendable (HostileFixture) -> [String: String] = { _ in [:] },
                            body: Body = .none) -> HostileRoute {
        HostileRoute(method: method, path: path, parameters: parameters, query: query, body: body)
    }

    private static func id(_ value: @escaping @Sendable (WriteAPIFixture) -> Int64) -> @Sendable (HostileFixture) -> [String: String] {
        { ["id": String(value($0.api))] }
    }

    /// Every route of the application, keyed by its description: a route the router
    /// has and this table lacks fails `HostileRouteTableTests` by name.
    static let all: [HostileRoute] = [
        page("/"),
        page("/meetings", search + [("after", .cursor)]),
        page("/meetings/{id}", parameters: id(\.published)),
        page("/issues/{id}", [("page", .number)], parameters: id(\.issue)),
        page("/officials/{id}", [("page", .number)], parameters: id(\.official)),
        page("/organisations/{id}", [("page", .number), ("client-page", .number)], parameters: id(\.organisation)),
        page("/units/{id}", [("page", .number)], parameters: id(\.unit)),
        page("/statistics", search.filter { $0.name != "q" }),
        page("/open-data"),
        page("/open-data/ledger-hashing"),
        page("/open-data/ledger-hashing.md"),
        page("/open-data/api"),
        page("/about"),
        page("/accessibility"),
        page("/feeds/**", parameters: { _ in ["**": "meetings.atom"] }),
        page("/feeds/feed.xsl"),
        page("/schema/{name}", parameters: { _ in ["name": "register.schema.json"] }),
        page("/assets/{name}", parameters: { _ in ["name": "site.css"] }),
        page("/data/{name}", [("since", .number)], parameters: { _ in ["name": "changes.jsonl"] }),
        page("/healthz"),
        page("/metrics"),
        page("/openapi.json"),
        page("/datasets/dcat"),
        page("/sign-in"),
        HostileRoute(method: .post, path: "/sign-in",
                     body: .form { _ in [("email", "admin%40region.example.se"), ("password", HostileForm.escape(HostileFixture.password))] }),
        HostileRoute(method: .post, path: "/sign-out", body: .form { _ in [] }),
        page("/set-password/{secret}", parameters: { ["secret": $0.resetSecret] }),
        HostileRoute(method: .post, path: "/set-password/{secret}", parameters: { ["secret": $0.resetSecret] },
                     body: .form { _ in [("password", "ett+nytt+l%C3%B6senord"), ("repeat", "ett+nytt+l%C3%B6senord")] }),

        // The signed-in pages (desk, calendar, review, oversight). A form that would write
        // is given fields its handler refuses (400 or 422), so the table's own request
        // changes nothing; the hostile tests spoil its path, CSRF token and body.
        page("/my/meetings"),
        page("/my/meetings/new"),
        HostileRoute(method: .post, path: "/my/meetings/new", body: .form { _ in [("action", "draft"), ("subject", "")] }),
        page("/my/meetings/{id}", parameters: id(\.draft)),
        HostileRoute(method: .post, path: "/my/meetings/{id}", parameters: id(\.draft), body: .form { _ in [("action", "draft"), ("subject", "")] }),
        page("/my/meetings/{id}/correction", parameters: id(\.published)),
        HostileRoute(method: .post, path: "/my/meetings/{id}/correction", parameters: id(\.published),
                     body: .form { _ in [("action", "preview"), ("reason", "")] }),
        page("/my/meetings/{id}/withdrawal", parameters: id(\.published)),
        HostileRoute(method: .post, path: "/my/meetings/{id}/withdrawal", parameters: id(\.published),
                     body: .form { _ in [("action", "preview"), ("reason", "")] }),
        page("/my/meetings/from-calendar"),
        HostileRoute(method: .post, path: "/my/meetings/from-calendar", body: .multipart { _ in [("uid", "x")] }),
        page("/registrar"),
        page("/registrar/review"),
        HostileRoute(method: .post, path: "/registrar/review/{id}", parameters: id(\.draft),
                     body: .form { _ in [("version", "999"), ("decision", "return"), ("comment", "")] }),
        page("/registrar/catalogue/{kind}", parameters: { _ in ["kind": "units"] }),
        HostileRoute(method: .post, path: "/registrar/catalogue/{kind}", parameters: { _ in ["kind": "units"] },
                     body: .form { _ in [("name", ""), ("kind", "board")] }),
        page("/registrar/catalogue/{kind}/{id}", parameters: { ["kind": "units", "id": String($0.api.unit)] }),
        HostileRoute(method: .post, path: "/registrar/catalogue/{kind}/{id}", parameters: { ["kind": "units", "id": String($0.api.unit)] },
                     body: .form { _ in [("name", ""), ("kind", "board")] }),
        page("/registrar/grounds"),
        HostileRoute(method: .post, path: "/registrar/grounds", body: .form { _ in [("ground", ""), ("description", "")] }),
        page("/registrar/grounds/{id}", parameters: id(\.ground)),
        HostileRoute(method: .post, path: "/registrar/grounds/{id}", parameters: id(\.ground),
                     body: .form { _ in [("ground", ""), ("description", "")] }),
        page("/registrar/accounts"),
        HostileRoute(method: .post, path: "/registrar/accounts", body: .form { _ in [("name", ""), ("email", ""), ("role", "recorder")] }),
        HostileRoute(method: .post, path: "/registrar/accounts/{id}", parameters: { _ in ["id": "1"] }, body: .form { _ in [("action", "nonsense")] }),
        page("/registrar/tokens"),
        HostileRoute(method: .post, path: "/registrar/tokens", body: .form { _ in [("name", ""), ("role", "recorder")] }),
        HostileRoute(method: .post, path: "/registrar/tokens/{id}", parameters: { _ in ["id": "1"] }, body: .form { _ in [("action", "nonsense")] }),
        page("/registrar/endpoints"),
        HostileRoute(method: .post, path: "/registrar/endpoints/{id}", parameters: id(\.endpoint), body: .form { _ in [("action", "nonsense")] }),
        page("/audit", [("meeting", .id)]),
        page("/audit/meetings/{id}", parameters: id(\.published)),
        page("/audit/ledger.jsonl"),
        page("/audit/verify"),
        page("/audit/access-log", [("before", .id)]),
        page("/audit/compliance", compliance),
        page("/audit/compliance.csv", compliance),
        page("/audit/compliance.json", compliance),

        api(.get, "/api/v1/head"),
        api(.get, "/api/v1/changes", [("since", .number)]),
        api(.get, "/api/v1/meetings", search + paging + [("status", .choice)]),
        api(.get, "/api/v1/meetings/{id}", parameters: id(\.published)),
        api(.get, "/api/v1/units"),
        api(.get, "/api/v1/units/{id}", paging, parameters: id(\.unit)),
        api(.get, "/api/v1/officials"),
        api(.get, "/api/v1/officials/{id}", paging, parameters: id(\.official)),
        api(.get, "/api/v1/organisations"),
        api(.get, "/api/v1/organisations/{id}", paging, parameters: id(\.organisation)),
        api(.get, "/api/v1/issues"),
        api(.get, "/api/v1/issues/{id}", paging, parameters: id(\.issue)),
        api(.get, "/api/v1/meetings/{id}/record", parameters: id(\.draft)),
        api(.get, "/api/v1/legal-grounds"),
        api(.get, "/api/v1/endpoints"),

        api(.post, "/api/v1/meetings", body: .json { $0.api.meetingJSON() }),
        api(.put, "/api/v1/meetings/{id}/record", parameters: id(\.draft), body: .json { $0.api.meetingJSON(subject: "Ny rubrik") }),
        api(.post, "/api/v1/meetings/{id}/publish", parameters: id(\.draft)),
        api(.post, "/api/v1/meetings/{id}/approval", parameters: id(\.draft), body: .json { _ in #"{"version": 1}"# }),
        api(.post, "/api/v1/meetings/{id}/return", parameters: id(\.draft), body: .json { _ in #"{"comment": "Ange platsen", "version": 1}"# }),
        api(.post, "/api/v1/meetings/{id}/corrections", parameters: id(\.published),
            body: .json { #"{"reason": "Fel plats", "meeting": \#($0.api.meetingJSON(place: "Stadshuset"))}"# }),
        api(.post, "/api/v1/meetings/{id}/withdrawal", parameters: id(\.published), body: .json { _ in #"{"reason": "Dubblett"}"# }),
        api(.post, "/api/v1/meetings/{id}/redactions", parameters: id(\.published),
            body: .json { _ in #"{"field": "place", "ground": "OSL 21 kap. 3 §", "reason": "En privat adress"}"# }),
        api(.post, "/api/v1/legal-grounds", body: .json { _ in #"{"ground": "OSL 18 kap. 8 §", "description": "Säkerhet"}"# }),
        api(.delete, "/api/v1/legal-grounds/{id}", parameters: id(\.ground)),
        api(.post, "/api/v1/endpoints", body: .json { _ in #"{"url": "https://portal.example/hook", "kind": "webhook"}"# }),
        api(.patch, "/api/v1/endpoints/{id}", parameters: id(\.endpoint), body: .json { _ in #"{"enabled": false}"# }),
        api(.delete, "/api/v1/endpoints/{id}", parameters: id(\.endpoint)),
    ]
    + catalogueRoutes("units", id: \.unit, body: { _ in #"{"name": "Kulturnämnden", "kind": "board"}"# })
    + catalogueRoutes("officials", id: \.other, body: {
        #"{"name": "Bo Berg", "title": "Regionråd", "kind": "elected", "party": "M", "unit": \#($0.unit), "activeFrom": "2022-01-01"}"#
    })
    + catalogueRoutes("organisations", id: \.organisation,
                      body: { _ in #"{"name": "Klarälvens Energi AB", "kind": "company", "organisationNumber": "5567101232"}"# })
    + catalogueRoutes("issues", id: \.issue, body: {
        #"{"title": "Dubbelspår", "summary": "Utbyggnad.", "position": "För.", "unit": \#($0.unit)}"#
    })

    private static func catalogueRoutes(_ collection: String, id value: @escaping @Sendable (WriteAPIFixture) -> Int64,
                                        body: @escaping @Sendable (WriteAPIFixture) -> String) -> [HostileRoute] {
        [
            api(.post, "/api/v1/\(collection)", body: .json { body($0.api) }),
            api(.put, "/api/v1/\(collection)/{id}", parameters: id(value), body: .json { body($0.api) }),
            api(.post, "/api/v1/\(collection)/{id}/redactions", parameters: id(value),
                body: .json { _ in #"{"field": "name", "ground": "GDPR art. 17", "reason": "Felstavat namn"}"# }),
        ]
    }
}
