import Publishing

/// The layout's data, the same on every page: the document's language and title,
/// the register's name, the links of the header and footer, the language switch
/// (this page in the other language), `hreflang` alternates, feed autodiscovery and
/// the page's JSON twin.
struct SiteFrame: Sendable {
    struct Alternate: Sendable {
        let lang: String
        let href: String
    }

    let lang: String
    let title: String
    let bodyName: String
    let stylesheet = SiteURL.asset("site.css").path
    let logo: String?
    let home = SiteURL.home.path
    let search = SiteURL.meetings(query: nil).path
    let statistics = SiteURL.statistics.path
    let openData = SiteURL.openData.path
    let feedsPage = SiteURL.openData.path + "#feeds"
    let about = SiteURL.about.path
    let accessibility = SiteURL.accessibility.path
    let signIn = SiteURL.signIn.path
    let apiPage = APIURL.documentation.path
    let openAPI = APIURL.openAPI.path
    let catalogue = APIURL.catalogue.path
    let licenceName: String
    let licenceURL: String
    let alternates: [Alternate]
    let switchHref: String
    let switchLang: String
    let switchLabel: String
    let feeds: [PageLink]
    let hasFeeds: Bool
    /// The page's JSON twin in the API, when it has one.
    let json: String?
    /// The signed-in person's links, on the pages rendered for them.
    var account: AccountLinks?

    init(page: any PageView, context: PageContext, hasLogo: Bool) {
        lang = context.language.rawValue
        bodyName = context.settings.bodyName
        title = page.title.isEmpty ? bodyName : "\(page.title) – \(bodyName)"
        logo = hasLogo ? SiteURL.asset("logo.svg").path : nil
        licenceName = context.settings.licenceName
        licenceURL = context.settings.licenceURL
        let base = context.settings.base.dropLast()
        alternates = Language.allCases.map { Alternate(lang: $0.rawValue, href: base + context.address(in: $0)) }
        let other = context.language.other
        switchHref = context.address(in: other)
        switchLang = other.rawValue
        switchLabel = context["languageSwitch"]
        feeds = page.feeds
        hasFeeds = !page.feeds.isEmpty
        let filters = context.query.pairs.compactMap { pair in
            pair.value.flatMap { MeetingListParameters.filters.contains(pair.name) && !$0.isEmpty ? (name: pair.name, value: $0) : nil }
        }
        account = AccountLinks(context.principal, context: context)
        json = APIURL.twin(ofPage: context.path, query: PageContext.encode(filters))?.path
    }
}
