import Foundation

/// The one JSON encoder/decoder configuration the register uses for its records,
/// so that the ledger's canonical form and the commands' JSON input agree.
public enum RegisterCoding {
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.format(date))
        }
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// A decoder for the register's own records; times without an offset are read in `timeZone`.
    public static func decoder(timeZone: TimeZone = RegisterSettings.defaultTimeZone) -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = Timestamp.parse(text, timeZone: timeZone) else {
                throw DecodingError.dataCorruptedError(
                    in: container,
                    debugDescription: "'\(text)' is not a date and time like 2026-11-23T14:30:00+01:00 or 2026-11-23T14:30")
            }
            return date
        }
        return decoder
    }

    /// A decoder for input (see `RegisterInput`): times are read by `Timestamp.read`,
    /// which refuses what `parse` would guess, with the field named.
    static func inputDecoder(timeZone: TimeZone) -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            do {
                return try Timestamp.read(text, timeZone: timeZone)
            } catch let refusal as Refusal {
                throw ValidationError(InputPath.text(decoder.codingPath), refusal.message, rule: refusal.rule)
            }
        }
        return decoder
    }
}
