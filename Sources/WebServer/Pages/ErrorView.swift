import Publishing

/// The error page: what went wrong in plain words and where to go from here; never a
/// stack trace, SQL or an internal message.
struct ErrorView: PageView {
    static let template = "error"
    let title: String
    let status: Int
    let message: String?
    let home: String = SiteURL.home.path
    let search: String = SiteURL.meetings(query: nil).path

    init(status: Int, message: String?, strings: Strings) {
        self.status = status
        switch status {
        case 400:
            title = strings["errorBadRequest"]
            self.message = message
        case 404:
            title = strings["errorNotFound"]
            self.message = strings["errorNotFoundText"]
        case 405:
            title = strings["errorMethod"]
            self.message = nil
        case 410:
            title = strings["errorGone"]
            self.message = message
        default:
            title = strings["errorServer"]
            self.message = strings["errorServerText"]
        }
    }
}
