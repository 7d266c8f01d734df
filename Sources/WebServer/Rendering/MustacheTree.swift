/// A page view turned into a `TemplateValue` tree before rendering. The mustache
/// library finds a struct's member by reflecting the struct anew for every name it
/// looks up (and for every level of the context it climbs), which took nine tenths of
/// the time of a page with a table; here each struct is reflected once (the rows of
/// long tables, `TemplateFields`, are not reflected at all). A nil optional leaves its
/// name out, as the library itself skips a nil member and looks further out.
enum MustacheTree {
    static func make(_ value: Any) -> TemplateValue {
        switch value {
        case let text as String: return .text(text)
        case let flag as Bool: return .flag(flag)
        case let fields as any TemplateFields: return .fields(fields)
        case let rows as any TemplateRows: return rows.templateValue
        case let words as [String: String]: return .fields(WordFields(words: words))
        case is Int, is Int64, is Double: return .text(String(describing: value))
        default: break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .struct, .class:
            var members: [String: TemplateValue] = [:]
            for child in mirror.children {
                guard let label = child.label, let member = unwrapped(child.value) else { continue }
                members[label] = make(member)
            }
            return .fields(ReflectedFields(members: members))
        case .collection:
            return .list(mirror.children.map { make($0.value) })
        case .optional:
            return unwrapped(value).map(make) ?? .opaque(OpaqueValue(value))
        default:
            return .opaque(OpaqueValue(value))
        }
    }

    private static func unwrapped(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first.map { unwrapped($0.value) } ?? nil
    }
}

/// A list of rows that answer names themselves, made a value without reflecting it:
/// a mirror of a table's rows boxes and casts each row, which cost more than the rest
/// of the view (the organisation page's 120 issues).
protocol TemplateRows {
    var templateValue: TemplateValue { get }
}

extension Array: TemplateRows where Element: TemplateFields {
    var templateValue: TemplateValue { .list(map { .fields($0) }) }
}
