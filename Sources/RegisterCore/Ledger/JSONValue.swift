import Foundation

/// A JSON document as plain values, so that the ledger can canonicalize and hash
/// exactly what it stores. Numbers are integers only: the ledger's canonical form
/// never holds floating-point numbers, which keeps RFC 8785 number formatting trivial.
public enum JSONValue: Sendable, Equatable, Codable {
    case null
    case bool(Bool)
    case int(Int64)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .int(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else if let value = try? container.decode([String: JSONValue].self) {
            self = .object(JSONObject(value))
        } else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "only null, booleans, integers, strings, arrays and objects are allowed")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let members):
            try container.encode(Dictionary(members.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first }))
        }
    }

    /// The largest integer the ledger holds: RFC 8785 writes numbers as IEEE 754 doubles, exact up to 2^53 − 1.
    public static let maxInteger: Int64 = 9_007_199_254_740_991

    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var intValue: Int64? {
        if case .int(let value) = self { return value }
        return nil
    }

    /// Parses UTF-8 JSON text; numbers with a fraction or exponent are rejected.
    public static func parse(_ data: Data) throws -> JSONValue {
        try JSONValueParser.parse(Array(data))
    }

    /// Converts any `Encodable` through the ledger's own encoder settings.
    public static func from(_ value: some Encodable) throws -> JSONValue {
        try JSONValueParser.parse(Array(RegisterCoding.encoder().encode(value)))
    }

    /// Decodes a `Decodable` from this value through the ledger's own decoder settings.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try RegisterCoding.decoder().decode(type, from: Data(CanonicalJSON.bytes(self)))
    }
}
