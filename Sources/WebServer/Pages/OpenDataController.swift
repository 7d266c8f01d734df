import Foundation
import Hummingbird
import Publishing
import RegisterCore

/// The open-data page (downloads, feeds, schemas, licence, ledger head, how to
/// verify) and the document of the hashing rule, `Data/docs/ledger-hashing.md`, built into
/// the program and served as it is written, as plain text (its Markdown reads as text).
struct OpenDataController: SiteController {
    let pages: PageResponder

    func addRoutes(to router: Router<InsynRequestContext>) {
        router.get(RouterPath(SiteURL.openData.routePattern)) { request, context in
            try await pages.respond(to: request, context: context) { snapshot, page in
                PageResult(OpenDataView(settings: page.settings, head: try snapshot.ledgerHead(), context: page))
            }
        }
        router.get(RouterPath(SiteURL.ledgerHashing.routePattern)) { request, _ in
            guard let url = Bundle.module.url(forResource: "ledger-hashing", withExtension: "md"),
                  let data = FileManager.default.contents(atPath: url.path) else { throw HTTPError(.notFound) }
            return try ConditionalResponse.make(request: request, bytes: Array(data), contentType: "text/plain; charset=utf-8",
                                                lastModified: nil)
        }
    }
}

/// The open-data page's view.
struct OpenDataView: PageView {
    static let template = "open-data"

    struct Download: Sendable {
        let href: String
        let file: String
        let format: String
        let contents: String
    }

    let title: String
    let intro: String
    let downloads: [Download]
    let mainFeed: PageLink
    let feedTemplates: [String]
    let schemas: [PageLink]
    let licence: PageLink
    let licenceText: String
    let headSequence: String
    let headHash: String
    let headTime: String
    let verifyCommands: String
    let ruleLink: PageLink
    let feeds: [PageLink]

    init(settings: RegisterSettings, head: LedgerHead, context: PageContext) {
        let strings = context.strings
        title = context["openTitle"]
        intro = context["openIntro"]
        func csv(_ download: SiteURL.Download, _ entity: String) -> Download {
            Download(href: SiteURL.download(download).path, file: download.rawValue, format: "CSV",
                     contents: strings.format("openCSV", context["openCSV" + entity]))
        }
        downloads = [
            Download(href: SiteURL.download(.registerJSON).path, file: "register.json", format: "JSON", contents: context["openRegisterJSON"]),
            csv(.meetingsCSV, "meetings"), csv(.organisationsCSV, "organisations"), csv(.officialsCSV, "officials"),
            csv(.issuesCSV, "issues"), csv(.unitsCSV, "units"),
            Download(href: SiteURL.download(.changes).path + "?since=0", file: "changes.jsonl?since=N", format: "JSON Lines",
                     contents: context["openChanges"]),
            Download(href: SiteURL.download(.ledger).path, file: "ledger.jsonl", format: "JSON Lines", contents: context["openLedger"]),
        ]
        let publication = Publication(settings: settings)
        mainFeed = PageLink(context["openFeedMain"], .feed(.all))
        feedTemplates = [publication.feedURLTemplate(.issue), publication.feedURLTemplate(.official),
                         publication.feedURLTemplate(.organisation), publication.feedURLTemplate(.archive)]
        schemas = [PageLink("register.schema.json – " + context["openSchemaRegister"], .schema("register.schema.json")),
                   PageLink("change.schema.json – " + context["openSchemaChange"], .schema("change.schema.json"))]
        licence = PageLink(settings.licenceName, settings.licenceURL)
        licenceText = strings.format("openLicenceText", settings.licenceName)
        headSequence = String(head.sequence)
        headHash = head.hash
        headTime = head.at.map(context.dates.rfc3339) ?? "–"
        let site = settings.base
        verifyCommands = """
            curl -o ledger.jsonl \(SiteURL.download(.ledger).url(base: site))
            insyn verify --ledger ledger.jsonl --head \(head.hash)
            """
        ruleLink = PageLink(context["openVerifyRuleLink"], .ledgerHashing)
        feeds = [PageLink(context["feedLink"], .feed(.all))]
    }
}
