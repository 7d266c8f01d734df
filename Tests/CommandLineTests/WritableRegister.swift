import Foundation
import Testing

extension Insyn {
    init(at database: String) {
        self.database = database
    }

    /// A new register with one unit, official, organisation and issue, a webhook endpoint
    /// (so that every public change queues a delivery), and an API token for `role`.
    func makeWritable(role: String = "recorder") throws -> String {
        try #require(try run(["init"]).status == 0)
        let inputs: [([String], String)] = [
            (["unit", "add", "--from", "-"], #"{"name": "Regionstyrelsen", "kind": "board"}"#),
            (["official", "add", "--from", "-"], #"{"name": "Anna", "title": "Regionråd", "kind": "elected", "unit": 1, "activeFrom": "2022-01-01"}"#),
            (["org", "add", "--from", "-"], #"{"name": "Nordvind AB", "kind": "consultancy", "organisationNumber": "5568023450"}"#),
            (["issue", "add", "--from", "-"], #"{"title": "Banan", "summary": "S", "position": "P", "unit": 1}"#),
        ]
        for (arguments, input) in inputs { try #require(try run(arguments, input: input).status == 0) }
        try #require(try run(["endpoint", "add", "--url", "http://127.0.0.1:9/hook", "--kind", "webhook"]).status == 0)
        let token = try run(["token", "create", "--role", role] + (role == "recorder" ? ["--official", "1"] : []) + ["--name", "Test"])
        try #require(token.status == 0)
        return token.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A meeting for the write API whose subject tells it apart.
    static func meeting(subject: String, withheldPlace: String? = nil) -> String {
        let withheld = withheldPlace == nil ? "" : #", "withheld": {"place": {"ground": "OSL 21 kap. 3 §"}}"#
        return #"{"startsAt": "2026-11-20T14:30", "durationMinutes": 60, "place": "\#(withheldPlace ?? "Rum")", "format": "video", "direction": "inbound", "initiator": "us", "participants": [1], "counterparts": [{"organisation": 1}], "issues": [1], "subject": "\#(subject)", "summary": "Samtal"\#(withheld)}"#
    }
}
