import Publishing

/// The parts of the site meant for programs as well as people: the API, the
/// downloads, the schemas, the feeds, the OpenAPI document and the catalogue. Every
/// GET of them carries `Access-Control-Allow-Origin: *`, so a notebook or a page on
/// another site can read them (no credentials are ever sent with such a request).
enum OpenData {
    static let prefixes = [APIURL.prefix + "/", "/data/", "/schema/", "/feeds/"]
    static let paths = [APIURL.prefix, APIURL.openAPI.path, APIURL.catalogue.path]

    static func isOpen(_ path: String) -> Bool {
        paths.contains(path) || prefixes.contains { path.hasPrefix($0) }
    }
}
