import Hummingbird
import Publishing

/// Serves the theme's assets (`site.css`, `logo.svg`, images, fonts) at /assets/,
/// from memory, with an ETag.
struct AssetController: SiteController {
    let theme: Theme

    func addRoutes(to router: Router<InsynRequestContext>) {
        let assets = theme.assets
        router.get(RouterPath(SiteURL.pattern(SiteURL.asset))) { request, context in
            let name = try context.parameters.require("name")
            guard let bytes = assets[name], let type = Theme.contentTypes[String(name.split(separator: ".").last ?? "")] else {
                throw HTTPError(.notFound)
            }
            return try ConditionalResponse.make(request: request, bytes: bytes, contentType: type, lastModified: nil)
        }
    }
}
