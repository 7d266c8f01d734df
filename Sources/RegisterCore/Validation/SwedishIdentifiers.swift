import Foundation

/// Swedish identity numbers: an organisationsnummer (ten digits, Luhn check digit,
/// third and fourth digits at least 20) and a personnummer (a birth date and four
/// digits, Luhn check digit). Both are normalised to the ten-digit form "NNNNNN-NNNN".
public enum SwedishIdentifiers {
    public static func normalisedOrganisationNumber(_ text: String) -> String? {
        var digits = text.filter { $0 != "-" && $0 != " " }
        if digits.count == 12, digits.hasPrefix("16") { digits.removeFirst(2) }
        guard digits.count == 10, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let values = digits.compactMap(\.wholeNumberValue)
        guard values[2] * 10 + values[3] >= 20, luhnValid(values) else { return nil }
        return hyphenated(digits)
    }

    public static func normalisedPersonnummer(_ text: String) -> String? {
        var digits = text.filter { $0 != "-" && $0 != "+" && $0 != " " }
        if digits.count == 12 { digits.removeFirst(2) }
        guard digits.count == 10, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let values = digits.compactMap(\.wholeNumberValue)
        let month = values[2] * 10 + values[3]
        var day = values[4] * 10 + values[5]
        if day > 60 { day -= 60 }
        guard (1...12).contains(month), (1...31).contains(day), luhnValid(values) else { return nil }
        return hyphenated(digits)
    }

    static func luhnValid(_ digits: [Int]) -> Bool {
        var sum = 0
        for (index, digit) in digits.enumerated() {
            let weighted = index % 2 == 0 ? digit * 2 : digit
            sum += weighted > 9 ? weighted - 9 : weighted
        }
        return sum % 10 == 0
    }

    private static func hyphenated(_ digits: String) -> String {
        String(digits.prefix(6)) + "-" + String(digits.suffix(4))
    }

    /// The EU Transparency Register's identification number: 9 to 12 digits, a hyphen, two digits.
    public static func isEUTransparencyId(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 2 && (9...12).contains(parts[0].count) && parts[1].count == 2
            && parts.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    /// An absolute http(s) URI with a host, ASCII only (see `WebAddress`).
    public static func isWebAddress(_ text: String) -> Bool {
        WebAddress.isURI(text)
    }
}
