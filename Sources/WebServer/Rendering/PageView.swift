import Publishing

/// What a page template reads: a Sendable struct of plain strings, booleans, optionals
/// and arrays of such structs (no model types), built by a controller from the public
/// projections. `PageRenderer` renders it with the template named `template`, inside
/// the layout partials.
public protocol PageView: Sendable {
    /// The template's name: "meeting" renders with `meeting.mustache`.
    static var template: String { get }
    /// The page's title, shown in the browser's tab before the register's name.
    var title: String { get }
    /// The Atom feeds of what the page shows, announced for autodiscovery.
    var feeds: [PageLink] { get }
}

extension PageView {
    public var feeds: [PageLink] { [] }
}

/// A link a template shows: its text and where it goes.
public struct PageLink: Sendable, Equatable {
    public var text: String
    public var href: String

    public init(_ text: String, _ href: String) {
        self.text = text
        self.href = href
    }

    /// A link to a place on the site, by its root-relative path.
    public init(_ text: String, _ place: SiteURL) {
        self.init(text, place.path)
    }
}

/// A page and the status it is answered with (200, or 410 for a withdrawn meeting).
public struct PageResult: Sendable {
    public var view: any PageView
    public var status: Int

    public init(_ view: any PageView, status: Int = 200) {
        self.view = view
        self.status = status
    }
}
