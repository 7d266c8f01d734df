import Mustache

/// A page view turned into dictionaries and arrays before rendering. The mustache
/// library finds a struct's member by reflecting the struct anew for every name it
/// looks up (and for every level of the context it climbs), which took nine tenths of
/// the time of a page with a table; a dictionary answers each name by hashing. Each
/// struct is reflected once here. A nil optional leaves its name out, as the library
/// itself skips a nil member and looks further out.
enum MustacheTree {
    static func make(_ value: Any) -> Any {
        switch value {
        case is String, is Bool, is Int, is Int64, is Double, is any MustacheParent:
            return value
        default:
            break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .struct, .class:
            var members: [String: Any] = [:]
            for child in mirror.children {
                guard let label = child.label, let member = unwrapped(child.value) else { continue }
                members[label] = make(member)
            }
            return members
        case .collection:
            return mirror.children.map { make($0.value) }
        case .optional:
            return unwrapped(value).map(make) as Any
        default:
            return value
        }
    }

    private static func unwrapped(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first.map { unwrapped($0.value) } ?? nil
    }
}
