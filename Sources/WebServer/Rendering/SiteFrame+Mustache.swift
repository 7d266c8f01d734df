// The layout's data answers the templates' names itself, like the long tables' rows
// (`TableRows+Mustache.swift`): every page reflected its frame twice (for the page
// and for its header and footer), thirty members each, which cost more than some
// pages' own content. (The frames around it, `PageFrame` and `LayoutFrame`, have
// three members and are reflected.) `TableRowsByNameTests` checks each answers every member it has.

extension SiteFrame: TemplateFields {
    func field(named name: String) -> TemplateValue? {
        switch name {
        case "lang": .text(lang)
        case "title": .text(title)
        case "bodyName": .text(bodyName)
        case "stylesheet": .text(stylesheet)
        case "logo": logo.map(TemplateValue.text)
        case "home": .text(home)
        case "search": .text(search)
        case "statistics": .text(statistics)
        case "openData": .text(openData)
        case "feedsPage": .text(feedsPage)
        case "about": .text(about)
        case "accessibility": .text(accessibility)
        case "signIn": .text(signIn)
        case "apiPage": .text(apiPage)
        case "openAPI": .text(openAPI)
        case "catalogue": .text(catalogue)
        case "licenceName": .text(licenceName)
        case "licenceURL": .text(licenceURL)
        case "alternates": .list(alternates.map { .fields($0) })
        case "switchHref": .text(switchHref)
        case "switchLang": .text(switchLang)
        case "switchLabel": .text(switchLabel)
        case "feeds": .list(feeds.map(\.templateValue))
        case "hasFeeds": .flag(hasFeeds)
        case "json": json.map(TemplateValue.text)
        case "account": account.map { .fields($0) }
        default: nil
        }
    }
}

extension SiteFrame.Alternate: TemplateFields {
    func field(named name: String) -> TemplateValue? {
        switch name {
        case "lang": .text(lang)
        case "href": .text(href)
        default: nil
        }
    }
}

extension PageLink {
    /// The link as the templates read it (a public type answers no names itself: the protocol is ours).
    var templateValue: TemplateValue {
        .fields(ReflectedFields(members: ["text": .text(text), "href": .text(href)]))
    }
}

extension AccountLinks: TemplateFields {
    func field(named name: String) -> TemplateValue? {
        switch name {
        case "name": .text(self.name)
        case "accountHref": .text(accountHref)
        case "links": .list(links.map(\.templateValue))
        default: nil
        }
    }
}
