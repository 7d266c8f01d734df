import Foundation
import Testing
import RegisterCore

@Suite("Account, token and access-log commands")
struct AccountCommandTests {
    /// A register with one official.
    static func withOfficial() throws -> Insyn {
        let insyn = Insyn()
        #expect(try insyn.run(["init"]).status == 0)
        #expect(try insyn.run(["unit", "add", "--from", "-"], input: #"{"name": "Regionstyrelsen", "kind": "board"}"#).status == 0)
        #expect(try insyn.run(["official", "add", "--from", "-"],
                              input: #"{"name": "Anna", "title": "Regionråd", "kind": "elected", "unit": 1, "activeFrom": "2022-01-01"}"#).status == 0)
        return insyn
    }

    @Test func accountAddPrintsTheIdAndAOneTimeLinkThatSetsThePassword() async throws {
        let insyn = try Self.withOfficial()
        defer { insyn.cleanUp() }
        let added = try insyn.run(["account", "add", "--name", "Anna Berg", "--email", "Anna@Region.example.se", "--role", "recorder",
                                   "--official", "1"])
        #expect(added.status == 0, "\(added.error)")
        let lines = added.output.split(separator: "\n")
        #expect(lines.first == "1")
        let link = try #require(lines.last)
        #expect(link.hasPrefix("http://localhost:8080/set-password/"))
        let register = try Register.open(path: insyn.database)
        try await register.setPassword(resetSecret: String(link.split(separator: "/").last!), password: "rätt häst batteri")
        #expect(try insyn.run(["account", "list"]).output == "1\tanna@region.example.se\tAnna Berg\trecorder\tofficials 1\tactive\n")
    }

    @Test(arguments: [
        (["account", "add", "--name", "A", "--email", "a@example.se", "--role", "recorder"], "a recorder needs --official"),
        (["account", "add", "--name", "A", "--email", "a@example.se", "--role", "admin", "--official", "1"], "only a recorder takes --official"),
        (["account", "add", "--name", "A", "--email", "nobody", "--role", "admin"], "--email must be an email address"),
        (["account", "add", "--name", "A", "--email", "a@example.se", "--role", "boss"], "The value 'boss' is invalid for '--role <role>'"),
        (["token", "create", "--role", "registrar", "--expires", "next week"], "The value 'next week' is invalid for '--expires <date>'"),
        (["account", "unlock"], "give either an account id or --address"),
    ])
    func aBadArgumentIsOneLineWithStatus64AndChangesNothing(arguments: [String], message: String) throws {
        let insyn = try Self.withOfficial()
        defer { insyn.cleanUp() }
        let result = try insyn.run(arguments)
        #expect(result.status == 64)
        #expect(result.error.hasPrefix("Error: \(message)"), "\(result.error)")
        #expect(result.error.split(separator: "\n").count == 1)
        #expect(try insyn.run(["account", "list"]).output.isEmpty)
        #expect(try insyn.run(["token", "list"]).output.isEmpty)
    }

    @Test func accountListShowsASignInLockAndUnlockLiftsIt() async throws {
        let insyn = try Self.withOfficial()
        defer { insyn.cleanUp() }
        #expect(try insyn.run(["account", "add", "--name", "Rut", "--email", "rut@example.se", "--role", "registrar"]).status == 0)
        let register = try Register.open(path: insyn.database)
        for attempt in 1...SignInThrottle.accountFailures {
            _ = try? await register.signIn(email: "rut@example.se", password: "fel \(attempt)", address: "192.0.2.1")
        }
        let listed = try insyn.run(["account", "list"]).output
        #expect(listed.contains("locked until "), "\(listed)")
        #expect(listed.contains("after 5 failed sign-ins"))
        #expect(try insyn.run(["account", "unlock", "1"]).output == "Unlocked account 1 (5 failed sign-ins forgotten).\n")
        #expect(!(try insyn.run(["account", "list"]).output.contains("locked")))
    }

    @Test func accountDisableEndsItsSessions() async throws {
        let insyn = try Self.withOfficial()
        defer { insyn.cleanUp() }
        let link = try insyn.run(["account", "add", "--name", "Rut", "--email", "rut@example.se", "--role", "auditor"]).output
            .split(separator: "\n").last!
        let register = try Register.open(path: insyn.database)
        try await register.setPassword(resetSecret: String(link.split(separator: "/").last!), password: "rätt häst batteri")
        let session = try await register.signIn(email: "rut@example.se", password: "rätt häst batteri", address: "a")
        #expect(try insyn.run(["account", "disable", "1"]).status == 0)
        #expect(try await register.session(session.id) == nil)
        #expect(try insyn.run(["account", "list"]).output.contains("\tdisabled 20"))
    }

    @Test func tokenCreatePrintsTheTokenOnceListShowsLastUseAndRevokeRefusesIt() async throws {
        let insyn = try Self.withOfficial()
        defer { insyn.cleanUp() }
        let created = try insyn.run(["token", "create", "--role", "recorder", "--official", "1", "--name", "Kalender", "--expires", "2099-12-31"])
        #expect(created.status == 0, "\(created.error)")
        let secret = created.output.trimmingCharacters(in: .newlines)
        #expect(secret.hasPrefix(Register.tokenPrefix))
        #expect(created.error.contains("shown only this once"))
        let register = try Register.open(path: insyn.database)
        guard case .valid = try await register.checkBearer(secret) else { Issue.record("the new token is not valid"); return }
        let listed = try insyn.run(["token", "list"]).output
        #expect(listed.hasPrefix("1\tKalender\trecorder\tofficials 1\tactive\texpires 2099-12-"))
        #expect(!listed.contains("last used never") && !listed.contains(secret))
        #expect(try insyn.run(["token", "revoke", "1"]).status == 0)
        #expect(try await register.checkBearer(secret) == .revoked)
        #expect(try insyn.run(["token", "list"]).output.contains("\trevoked 20"))
    }

    @Test func accessLogPrintsEachReadOfConfidentialValues() async throws {
        let insyn = try Self.withOfficial()
        defer { insyn.cleanUp() }
        let register = try Register.open(path: insyn.database)
        try await register.logAccess(by: Principal(kind: .account, id: 3, name: "Revisor Rut", role: .auditor), entity: "meeting", id: 12,
                                     what: "full record")
        let printed = try insyn.run(["access-log"]).output
        #expect(printed.hasPrefix("1\t20"))
        #expect(printed.hasSuffix("\taccount 3 Revisor Rut (auditor)\tmeeting 12\tfull record\n"))
    }
}
