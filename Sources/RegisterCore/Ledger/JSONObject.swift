/// The members of a JSON object, keyed by their names as sequences of Unicode
/// scalars. RFC 8259 names are compared code point by code point; Swift's
/// `String ==` (and so a `[String: …]` dictionary) would treat "é" and "e\u{301}"
/// as one name, silently merging two members that another verifier keeps apart.
public struct JSONObject: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    private var storage: [Name: JSONValue]

    /// A member name compared and hashed by its Unicode scalars.
    struct Name: Hashable, Sendable {
        let text: String

        /// Two texts have the same scalars exactly when they have the same UTF-8 bytes.
        static func == (lhs: Name, rhs: Name) -> Bool {
            lhs.text.utf8.elementsEqual(rhs.text.utf8)
        }

        func hash(into hasher: inout Hasher) {
            var text = text
            text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }

    public init() { storage = [:] }

    public init(_ members: [String: JSONValue]) {
        storage = Dictionary(uniqueKeysWithValues: members.map { (Name(text: $0.key), $0.value) })
    }

    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        storage = Dictionary(uniqueKeysWithValues: elements.map { (Name(text: $0.0), $0.1) })
    }

    public subscript(name: String) -> JSONValue? {
        get { storage[Name(text: name)] }
        set { storage[Name(text: name)] = newValue }
    }

    /// Sets a member and returns the value it replaced, if any.
    @discardableResult
    public mutating func updateValue(_ value: JSONValue, forKey name: String) -> JSONValue? {
        storage.updateValue(value, forKey: Name(text: name))
    }

    @discardableResult
    public mutating func removeValue(forKey name: String) -> JSONValue? {
        storage.removeValue(forKey: Name(text: name))
    }

    public var keys: [String] { storage.keys.map(\.text) }
    public var count: Int { storage.count }
    public var isEmpty: Bool { storage.isEmpty }

    public func mapValues(_ transform: (JSONValue) throws -> JSONValue) rethrows -> JSONObject {
        var result = JSONObject()
        result.storage = try storage.mapValues(transform)
        return result
    }

    public func makeIterator() -> some IteratorProtocol<(key: String, value: JSONValue)> {
        storage.lazy.map { (key: $0.key.text, value: $0.value) }.makeIterator()
    }
}
