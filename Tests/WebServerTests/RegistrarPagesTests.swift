import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import RegisterCore
import Testing
@testable import WebServer

/// The registrar's pages: who may open them, the catalogue and the grounds kept
/// through one form mechanism, accounts, tokens and the push endpoints' status.
@Suite("The registrar's pages")
struct RegistrarPagesTests {
    static let paths = ["/registrar", "/registrar/review", "/registrar/catalogue/units", "/registrar/catalogue/officials",
                        "/registrar/catalogue/organisations", "/registrar/catalogue/issues", "/registrar/grounds",
                        "/registrar/accounts", "/registrar/tokens", "/registrar/endpoints"]

    func post(_ client: some TestClientProtocol, _ fixture: OfficialsPagesFixture, _ uri: String,
              _ fields: [(String, String)]) async throws -> Page {
        try await client.post(uri, headers: OfficialsPagesFixture.form(fixture.registrar), [("csrf", fixture.registrar.csrfToken)] + fields)
    }

    @Test func theRegistrarsPagesRefuseAnonymousReadersAndRecordersAndChangeNothing() async throws {
        let fixture = try await OfficialsPagesFixture()
        let before = try fixture.snapshot()
        try await buildApplication(register: fixture.register).test(.router) { client in
            for path in Self.paths {
                let anonymous = try await client.page(path)
                #expect(anonymous.status == .seeOther, "\(path)")
                #expect(anonymous.headers[.location]?.hasPrefix("/sign-in?return=") == true, "\(path)")
                let recorder = try await client.page(path, headers: OfficialsPagesFixture.cookie(fixture.recorder))
                #expect(recorder.status == .forbidden, "\(path)")
                let registrar = try await client.page(path, headers: OfficialsPagesFixture.cookie(fixture.registrar))
                #expect(registrar.status == .ok, "\(path)")
            }
            let posted = try await client.post("/registrar/catalogue/units", headers: OfficialsPagesFixture.form(fixture.recorder),
                                               [("csrf", fixture.recorder.csrfToken), ("name", "Kulturnämnden"), ("kind", "committee")])
            #expect(posted.status == .forbidden)
            let anonymous = try await client.post("/registrar/catalogue/units", headers: [.contentType: "application/x-www-form-urlencoded"],
                                                  [("name", "Kulturnämnden"), ("kind", "committee")])
            #expect(anonymous.status != .seeOther || anonymous.headers[.location]?.hasPrefix("/sign-in") == true)
        }
        #expect(try fixture.snapshot() == before)
    }

    @Test func eachCatalogueKindIsAddedAndEditedThroughItsForm() async throws {
        let fixture = try await OfficialsPagesFixture()
        let unit = try #require(try fixture.register.units().first).id
        let kinds: [(String, [(String, String)], [(String, String)], String)] = [
            ("units", [("name", "Kulturnämnden"), ("kind", "committee")], [("name", "Kultur- och bildningsnämnden"), ("kind", "committee")],
             "Kultur- och bildningsnämnden"),
            ("officials", [("name", "Cecilia Ek"), ("title", "Regionråd"), ("kind", "elected"), ("party", "C"), ("unit", String(unit)),
                           ("activeFrom", "2023-01-01")],
             [("name", "Cecilia Ek"), ("title", "Oppositionsråd"), ("kind", "elected"), ("party", "C"), ("unit", String(unit)),
              ("activeFrom", "2023-01-01"), ("activeTo", "2026-12-31")], "Oppositionsråd"),
            ("organisations", [("name", "Hantverk Åberg"), ("kind", "company"), ("personnummer", "19800101-0001")],
             [("name", "Hantverk Åberg (enskild firma)"), ("kind", "company"), ("personnummer", "19800101-0001"), ("website", "https://aberg.example")],
             "Hantverk Åberg (enskild firma)"),
            ("issues", [("title", "Nattåg till Oslo"), ("summary", "Ett nattåg."), ("position", "För."), ("status", "active"), ("unit", String(unit))],
             [("title", "Nattåg till Oslo"), ("summary", "Ett nattåg."), ("position", "För."), ("status", "closed"),
              ("policyAreas", "Transport\nKlimat"), ("unit", String(unit))], "Klimat"),
        ]
        try await buildApplication(register: fixture.register).test(.router) { client in
            for (kind, added, edited, shown) in kinds {
                let list = "/registrar/catalogue/\(kind)"
                let page = try await post(client, fixture, list, added)
                #expect(page.status == .seeOther, "\(kind): \(page.body)")
                #expect(page.headers[.location] == list + "?saved=1")
                let id = try fixture.register.readDatabase { db in
                    try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM \(kind == "units" ? "unit" : String(kind.dropLast()))")
                }
                let entry = "\(list)/\(try #require(id))"
                #expect(try await client.page(list + "?saved=1", headers: OfficialsPagesFixture.cookie(fixture.registrar)).body.contains(entry))
                let form = try await client.page(entry, headers: OfficialsPagesFixture.cookie(fixture.registrar))
                #expect(form.status == .ok)
                #expect(form.body.contains("value=\"\(added[0].1)\""), "\(kind): the form shows the stored values")
                let saved = try await post(client, fixture, entry, edited)
                #expect(saved.status == .seeOther, "\(kind): \(saved.body)")
                let again = try await client.page(entry, headers: OfficialsPagesFixture.cookie(fixture.registrar))
                #expect(again.body.contains(shown), "\(kind)")
            }
        }
        #expect(try fixture.register.officials().contains { $0.name == "Cecilia Ek" && $0.title == "Oppositionsråd" && $0.activeTo == Day("2026-12-31") })
        #expect(try fixture.register.issues().contains { $0.title == "Nattåg till Oslo" && $0.status == .closed && $0.policyAreas == ["Transport", "Klimat"] })
        #expect(try fixture.register.soleTraderPersonnummer().count == 1)
    }

    @Test func aBadFormKeepsEveryTypedValueAndNamesEachErrorBesideItsInputAndInTheSummary() async throws {
        let fixture = try await OfficialsPagesFixture()
        let unit = try #require(try fixture.register.units().first).id
        let before = try fixture.snapshot()
        try await buildApplication(register: fixture.register).test(.router) { client in
            let page = try await post(client, fixture, "/registrar/catalogue/officials",
                                      [("name", "Cecilia \"Cissi\" Ek"), ("title", ""), ("kind", "elected"), ("party", "C"), ("unit", String(unit)),
                                       ("activeFrom", "2023-01-01"), ("activeTo", "2022-01-01")])
            #expect(page.status == .badRequest)
            #expect(page.body.contains("<title>Fel: "))
            #expect(page.body.contains("value=\"Cecilia &quot;Cissi&quot; Ek\""))
            #expect(page.body.contains("value=\"2022-01-01\"") && page.body.contains("value=\"C\""))
            #expect(page.body.contains("<option value=\"\(unit)\" selected>"))
            #expect(page.body.contains("<a href=\"#record-title\">Titel: Fyll i det här fältet</a>"))
            #expect(page.body.contains("id=\"record-title-error\""))

            let dates = try await post(client, fixture, "/registrar/catalogue/officials",
                                       [("name", "Cecilia Ek"), ("title", "Regionråd"), ("kind", ""), ("party", "C"), ("unit", String(unit)),
                                        ("activeFrom", "2023-01-01"), ("activeTo", "2022-01-01")])
            #expect(dates.status == .badRequest)
            #expect(dates.body.contains("<a href=\"#record-kind\">"))
            let order = try await post(client, fixture, "/registrar/catalogue/officials",
                                       [("name", "Cecilia Ek"), ("title", "Regionråd"), ("kind", "elected"), ("party", "C"), ("unit", String(unit)),
                                        ("activeFrom", "2023-01-01"), ("activeTo", "2022-01-01")])
            #expect(order.status == .badRequest)
            #expect(order.body.contains("<a href=\"#record-activeTo\">"))
            #expect(order.body.contains("id=\"record-activeTo-error\""))
            #expect(order.body.contains("aria-describedby=\"record-activeTo-error\""))
            #expect(order.body.contains("<option value=\"elected\" selected>"))

            let organisation = try await post(client, fixture, "/registrar/catalogue/organisations",
                                              [("name", "Felaktiga AB"), ("kind", "company"), ("organisationNumber", "5568023451")])
            #expect(organisation.status == .badRequest)
            #expect(organisation.body.contains("id=\"record-organisationNumber-error\""))
            #expect(organisation.body.contains("value=\"5568023451\""))
        }
        #expect(try fixture.snapshot() == before)
    }

    @Test func theRegistrarsFormsSayTheRegistersRulesInThePagesLanguageWithNoEnglishFromTheRegister() async throws {
        let fixture = try await OfficialsPagesFixture()
        let unit = try #require(try fixture.register.units().first).id
        let before = try fixture.snapshot()
        let cases: [(uri: String, fields: [(String, String)], swedish: [String], english: [String], register: [String])] = [
            ("/registrar/catalogue/organisations",
             [("name", "Felaktiga AB"), ("kind", "company"), ("organisationNumber", "5568023451"), ("euTransparencyId", "12-3")],
             ["Organisationsnummer stämmer inte. Ett organisationsnummer har tio siffror",
              "Id i EU:s öppenhetsregister ska vara 9 till 12 siffror, ett bindestreck och två siffror"],
             ["Organisation number is not valid. An organisation number has ten digits",
              "EU Transparency Register id must be 9 to 12 digits, a hyphen and two digits"],
             ["(&#39;5568023451&#39; is not a valid", "(&#39;12-3&#39; is not an EU Transparency", "a hyphen, two digits)"]),
            ("/registrar/catalogue/organisations",
             [("name", "Enskilda firman"), ("kind", "company"), ("organisationNumber", "556802-3450"), ("personnummer", "19811218-9876")],
             ["Personnummer för enskild firma: en enskild firma har personnummer i stället för organisationsnummer"],
             ["Personnummer of a sole trader: a sole trader has a personnummer instead of an organisation number"],
             ["organisationsnummer, not both"]),
            ("/registrar/catalogue/officials",
             [("name", "Cecilia Ek"), ("title", "Handläggare"), ("kind", "staff"), ("party", "C"), ("unit", String(unit)),
              ("activeFrom", "2023-01-01"), ("activeTo", "2022-01-01")],
             ["Parti: bara förtroendevalda har ett parti", "Aktiv till och med kan inte vara före dagen uppdraget började"],
             ["Party: only elected officials have a party", "Active until cannot be before the day the office began"],
             ["(only elected officials have a party)", "is before activeFrom"]),
            ("/registrar/catalogue/officials",
             [("name", "Cecilia Ek"), ("title", "Handläggare"), ("kind", "staff"), ("unit", String(unit)), ("activeFrom", "2023-02-30")],
             ["Aktiv från är inte ett datum som 2027-06-30"], ["Active from is not a date like 2027-06-30"], ["&#39;2023-02-30&#39;", "'2023-02-30'"]),
            ("/registrar/accounts", [("name", "Bo"), ("email", "bo.example.se"), ("role", "recorder")],
             ["E-post är inte en e-postadress som namn@example.se"], ["Email is not an e-mail address like name@example.se"],
             ["is not an email address like"]),
            ("/registrar/accounts", [("name", "Bo"), ("email", "bo@region.example.se"), ("role", "auditor"), ("officials-\(fixture.other)", "on")],
             ["Registrerar för: bara en registrerare registrerar för vissa personer"], ["Records for: only a recorder records for particular officials"],
             ["acts on any meeting"]),
            ("/registrar/grounds", [("ground", OfficialsPagesFixture.ground), ("description", "Dubblett")],
             ["Grund finns redan i listan"], ["Ground is on the list already"], ["is on the list already\u{0}"]),
        ]
        try await buildApplication(register: fixture.register).test(.router) { client in
            for (uri, fields, swedish, english, register) in cases {
                for (language, words) in [("sv", swedish), ("en", english)] {
                    let page = try await post(client, fixture, uri + "?lang=\(language)", fields)
                    #expect(page.status == .badRequest, "\(uri) \(language)")
                    for phrase in words {
                        #expect(page.body.contains(phrase), "\(uri) \(language): \(phrase)")
                        #expect(page.body.contains("\">\(phrase)"), "\(uri) \(language): the summary links \(phrase) as it is worded")
                    }
                    for english in register { #expect(!page.body.contains(english), "\(uri) \(language): \(english)") }
                }
            }
        }
        #expect(try fixture.snapshot() == before)
    }

    @Test func legalGroundsAreAddedAndEditedThroughTheSameForm() async throws {
        let fixture = try await OfficialsPagesFixture()
        try await buildApplication(register: fixture.register).test(.router) { client in
            let added = try await post(client, fixture, "/registrar/grounds", [("ground", "OSL 21 kap. 3 §"), ("description", "Skyddad adress")])
            #expect(added.status == .seeOther)
            let id = try #require(try fixture.register.legalGrounds().first { $0.ground.ground == "OSL 21 kap. 3 §" }).id
            let twice = try await post(client, fixture, "/registrar/grounds/\(id)", [("ground", OfficialsPagesFixture.ground), ("description", "Dubblett")])
            #expect(twice.status == .badRequest)
            #expect(twice.body.contains("id=\"record-ground-error\"") && twice.body.contains("value=\"\(OfficialsPagesFixture.ground)\""))
            let edited = try await post(client, fixture, "/registrar/grounds/\(id)", [("ground", "OSL 21 kap. 3 §"), ("description", "Skyddade personuppgifter")])
            #expect(edited.status == .seeOther)
        }
        #expect(try fixture.register.legalGrounds().contains { $0.ground == LegalGround(ground: "OSL 21 kap. 3 §", description: "Skyddade personuppgifter") })
    }

    @Test func aTokensSecretIsShownOnceAndThenOnlyItsName() async throws {
        let fixture = try await OfficialsPagesFixture()
        try await buildApplication(register: fixture.register).test(.router) { client in
            let created = try await post(client, fixture, "/registrar/tokens",
                                         [("name", "Intranätets kalender"), ("role", "recorder"), ("officials-\(fixture.official)", "on")])
            #expect(created.status == .ok)
            let secret = try #require(created.body.firstMatch(of: /insyn_[A-Za-z0-9_\-]+/)).output
            let listed = try await client.page("/registrar/tokens", headers: OfficialsPagesFixture.cookie(fixture.registrar))
            #expect(listed.body.contains("Intranätets kalender"))
            #expect(!listed.body.contains(String(secret)))
            let works = try await client.execute(uri: "/api/v1/meetings/\(fixture.draft)/record", method: .get,
                                                 headers: [.authorization: "Bearer \(secret)"])
            #expect(works.status == .ok)
            let token = try #require(try fixture.register.tokens().first { $0.name == "Intranätets kalender" })
            #expect(token.officials == [fixture.official])
            let revoked = try await post(client, fixture, "/registrar/tokens/\(token.id)", [("action", "revoke")])
            #expect(revoked.status == .seeOther)
            let refused = try await client.execute(uri: "/api/v1/meetings/\(fixture.draft)/record", method: .get,
                                                   headers: [.authorization: "Bearer \(secret)"])
            #expect(refused.status == .unauthorized)
        }
    }

    @Test func anAccountIsAddedWithItsPasswordLinkShownOnceAndCanBeDisabled() async throws {
        let fixture = try await OfficialsPagesFixture()
        try await buildApplication(register: fixture.register).test(.router) { client in
            let missing = try await post(client, fixture, "/registrar/accounts", [("name", "Bo Assistent"), ("email", "bo@region.example.se"), ("role", "recorder")])
            #expect(missing.status == .badRequest)
            #expect(missing.body.contains("id=\"account-officials-error\"") && missing.body.contains("value=\"bo@region.example.se\""))
            let added = try await post(client, fixture, "/registrar/accounts",
                                       [("name", "Bo Assistent"), ("email", "bo@region.example.se"), ("role", "recorder"), ("officials-\(fixture.other)", "on")])
            #expect(added.status == .ok)
            let link = try #require(added.body.firstMatch(of: /\/set-password\/[A-Za-z0-9_\-]+/)).output
            #expect(try await client.page(String(link)).status == .ok)
            let account = try #require(try fixture.register.accounts().first { $0.email == "bo@region.example.se" })
            #expect(account.officials == [fixture.other])
            #expect(!(try await client.page("/registrar/accounts", headers: OfficialsPagesFixture.cookie(fixture.registrar)).body.contains(String(link))))
            let disabled = try await post(client, fixture, "/registrar/accounts/\(account.id)", [("action", "disable")])
            #expect(disabled.status == .seeOther)
            #expect(try fixture.register.account(account.id).disabledAt != nil)
            #expect(try await client.page(String(link)).status == .gone)
        }
    }

    @Test func theEndpointsPageShowsAPauseWithItsReasonAndDeadLettersFromARealOutboxAndRetriesAndResumes() async throws {
        let fixture = try await OfficialsPagesFixture()
        let endpoint = try fixture.register.addEndpoint(
            NewEndpoint(url: "https://portal.example/hook", kind: .webhook,
                        secret: "whsec_" + Data(repeating: 7, count: 32).base64EncodedString(), fromStart: true), by: .shell)
        let deliveries = try fixture.register.pendingDeliveries(endpoint: endpoint.id)
        try #require(deliveries.count >= 2)
        _ = try fixture.register.record(OutboxOutcome.dead(error: "HTTP 410: the hook is gone"), for: deliveries[0].id, at: Date())
        try fixture.register.pauseEndpoint(endpoint, reason: "HTTP 401: the token was revoked")
        try await buildApplication(register: fixture.register).test(.router) { client in
            let page = try await client.page("/registrar/endpoints", headers: OfficialsPagesFixture.cookie(fixture.registrar))
            #expect(page.status == .ok)
            #expect(page.body.contains("https://portal.example/hook"))
            #expect(page.body.contains("HTTP 401: the token was revoked"))
            #expect(page.body.contains("<dt>Gav upp (döda brev)</dt><dd>1</dd>"))
            #expect(page.body.contains("<dt>Väntar</dt><dd>\(deliveries.count - 1)</dd>"))
            #expect(page.body.contains("HTTP 410: the hook is gone"))
            #expect(!page.body.contains("whsec_"))
            let retried = try await post(client, fixture, "/registrar/endpoints/\(endpoint.id)", [("action", "retry")])
            #expect(retried.status == .seeOther)
            let resumed = try await post(client, fixture, "/registrar/endpoints/\(endpoint.id)", [("action", "resume")])
            #expect(resumed.status == .seeOther)
        }
        let status = try #require(try fixture.register.outboxStatus().first)
        #expect(status.dead == 0 && status.pending == deliveries.count)
        #expect(status.endpoint.pause == nil)
    }
}
