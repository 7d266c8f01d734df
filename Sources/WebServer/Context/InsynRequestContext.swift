import Hummingbird
import Publishing
import RegisterCore

/// The request context of every route: Hummingbird's core context plus the language
/// the page is written in (set by `LanguageMiddleware`) and who is asking (set by
/// the authentication middleware; nil for an anonymous reader).
public struct InsynRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The language of the response: Swedish unless the request asks for English.
    public var language: Language = .sv
    /// Whether the request named its language with `?lang=`, which the response
    /// remembers in a cookie for the pages that follow.
    public var languageChosen = false
    /// The signed-in account or the API token's holder; nil when anonymous.
    public var principal: Principal?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }
}
