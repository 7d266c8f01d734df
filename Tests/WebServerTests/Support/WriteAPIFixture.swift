import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import RegisterCore
@testable import WebServer

/// A register for the write API's tests: two officials, a draft and a published
/// meeting of each, a legal ground and an endpoint, and a real API token for each
/// role. `recorder` acts for `official`; nothing of `other`'s is its to write.
struct WriteAPIFixture {
    let clock = ManualClock(Timestamp.parse("2026-11-23T12:00:00Z")!)
    let register: Register
    let unit: Int64
    let official: Int64
    let other: Int64
    let organisation: Int64
    let issue: Int64
    let draft: Int64
    let published: Int64
    let otherDraft: Int64
    let otherPublished: Int64
    let ground: Int64
    let endpoint: Int64
    /// A bearer token's secret for each role; `recorder` acts for `official`.
    let tokens: [Role: String]

    init() throws {
        let clock = clock
        register = try Register.inMemory(clock: { clock.now })
        unit = try register.add(RegisterCore.Unit(name: "Regionstyrelsen", kind: .board), by: .shell)
        official = try register.add(Official(name: "Anna Lindqvist", title: "Regionråd", kind: .elected, party: "S", unit: unit,
                                             activeFrom: Day("2022-01-01")!), by: .shell)
        other = try register.add(Official(name: "Bo Berg", title: "Regionråd", kind: .elected, party: "M", unit: unit,
                                          activeFrom: Day("2022-01-01")!), by: .shell)
        organisation = try register.add(Organisation(name: "Klarälvens Energi AB", kind: .company, organisationNumber: "5567101232"), by: .shell)
        issue = try register.add(Issue(title: "Dubbelspår", summary: "Utbyggnad.", position: "För.", unit: unit), by: .shell)
        let timeZone = try register.settings().timeZone
        let mine = try RegisterInput.decode(Meeting.self, from: Data(Self.meetingJSON(participant: official, organisation: organisation, issue: issue).utf8),
                                            timeZone: timeZone)
        var theirs = mine
        theirs.participants = [other]
        draft = try register.recordMeeting(mine, by: .shell)
        published = try register.recordAndPublishMeeting(mine, by: .shell)
        otherDraft = try register.recordMeeting(theirs, by: .shell)
        otherPublished = try register.recordAndPublishMeeting(theirs, by: .shell)
        ground = try register.addLegalGround(LegalGround(ground: "OSL 19 kap. 3 §", description: "Affärssekretess"), by: .shell)
        endpoint = try register.addEndpoint(NewEndpoint(url: "https://mottagare.example/hook", kind: .webhook,
                                                        secret: "whsec_" + Data(repeating: 7, count: 32).base64EncodedString()), by: .shell).id
        var tokens: [Role: String] = [:]
        for role in Role.allCases {
            tokens[role] = try register.createToken(NewAPIToken(name: "Token för \(role.rawValue)", role: role,
                                                                officials: role == .recorder ? [official] : [])).secret
        }
        self.tokens = tokens
    }

    /// A meeting as a client sends it.
    static func meetingJSON(participant: Int64, organisation: Int64, issue: Int64, place: String = "Regionens hus",
                            subject: String = "Värmlandsbanan") -> String {
        """
        {"startsAt": "2026-11-20T14:30", "durationMinutes": 60, "place": "\(place)", "format": "in-person",
         "direction": "inbound", "initiator": "counterpart", "participants": [\(participant)],
         "counterparts": [{"organisation": \(organisation), "people": [{"name": "Ulrika Fors", "role": "VD"}]}],
         "issues": [\(issue)], "subject": "\(subject)", "summary": "Samtal om tidplanen."}
        """
    }

    func meetingJSON(participant: Int64? = nil, place: String = "Regionens hus", subject: String = "Värmlandsbanan") -> String {
        Self.meetingJSON(participant: participant ?? official, organisation: organisation, issue: issue, place: place, subject: subject)
    }

    func bearer(_ role: Role) -> HTTPFields { [.authorization: "Bearer " + tokens[role]!, .contentType: "application/json"] }

    /// Every table the write path writes, to show that a refused request changed nothing
    /// (a token's last use is the authentication's own bookkeeping, not a write).
    func snapshot() throws -> [String] {
        try register.readDatabase { db in
            try ["change", "meeting_record", "meeting", "unit", "official", "organisation", "issue", "legal_ground", "endpoint",
                 "outbox", "idempotency_key", "setting"].map { table in
                "\(table): " + (try Row.fetchAll(db, sql: "SELECT * FROM \(table)").map(\.description).joined(separator: "|"))
            }
        }
    }

    func meetingCount() throws -> Int {
        try register.readDatabase { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM meeting_record") ?? 0 }
    }

    func etag(_ id: Int64) throws -> String {
        MeetingETag.value(id: id, revision: try register.storedMeeting(id).revision)
    }
}

/// A response's parts the write API's tests look at.
struct APIResponse: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let body: String

    var json: JSONValue? { try? JSONValue.parse(Data(body.utf8)) }

    /// The pointers of a problem's `errors`.
    var pointers: [String] {
        guard case .array(let items)? = json?["errors"] else { return [] }
        return items.compactMap { $0["pointer"]?.stringValue }
    }
}

extension TestClientProtocol {
    func send(_ method: HTTPRequest.Method, _ uri: String, headers: HTTPFields = [:], body: String? = nil) async throws -> APIResponse {
        try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response in
            APIResponse(status: response.status, headers: response.headers, body: String(buffer: response.body))
        }
    }
}

/// The write API's OpenAPI fragment, as the repository holds it.
enum WriteAPIDocument {
    static func fragment() throws -> Data {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return try Data(contentsOf: root.appendingPathComponent("Sources/WebServer/Resources/openapi/write.json"))
    }
}
