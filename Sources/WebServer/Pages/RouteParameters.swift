import Hummingbird

extension InsynRequestContext {
    /// The record id in the path (`:id` of a `SiteURL` pattern), written the one way the
    /// register writes ids (no sign, no leading zero); anything else is 404, so that
    /// each record has one address.
    public func pathId(_ name: String = "id") throws -> Int64 {
        guard let text = parameters.get(name), let id = Int64(text), id > 0, String(id) == text else {
            throw HTTPError(.notFound)
        }
        return id
    }
}
