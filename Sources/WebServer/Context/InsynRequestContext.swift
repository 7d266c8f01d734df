import Hummingbird
import NIOCore
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
    /// The browser's session when the principal signed in with the session cookie
    /// (nil for a bearer token): its CSRF token guards every state-changing request.
    public var session: Session?
    /// The client's address as the connection shows it (the proxy's, behind one).
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}
