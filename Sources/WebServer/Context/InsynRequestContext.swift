import Hummingbird
import Publishing

/// The request context of every route: Hummingbird's core context plus the language
/// the page is written in (set by `LanguageMiddleware`), ready to carry the
/// signed-in identity when recording moves to the web.
public struct InsynRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The language of the response: Swedish unless the request asks for English.
    public var language: Language = .sv
    /// Whether the request named its language with `?lang=`, which the response
    /// remembers in a cookie for the pages that follow.
    public var languageChosen = false

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }
}
