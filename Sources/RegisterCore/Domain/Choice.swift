/// An enumeration read from JSON by name; an unknown name is an error that lists
/// the names allowed ("format: 'zoom' is not one of in-person, video, phone, written").
public protocol Choice: RawRepresentable, CaseIterable, Codable, Sendable where RawValue == String {}

extension Choice {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let name = try container.decode(String.self)
        guard let value = Self(rawValue: name) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(name)' is not one of \(Self.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self = value
    }
}
