import Foundation

/// Web addresses as the register stores and publishes them: absolute http(s) URIs
/// (RFC 3986), ASCII only. An IRI given on input (`https://dok.example/ä.pdf`) is
/// stored as its URI (`https://dok.example/%C3%A4.pdf`): the UTF-8 bytes of every
/// character outside ASCII in the path, query and fragment are percent-encoded, as
/// RFC 3987 §3.1 maps an IRI to a URI. A host outside ASCII is refused: it would
/// need IDNA, so the user is asked for its `xn--` form.
public enum WebAddress {
    /// The longest address taken, in Unicode scalars (what browsers and servers commonly take).
    public static let maxLength = 2048

    /// The URI for `text`, or why it is not an http(s) address.
    public static func uri(_ text: String) -> Result<String, Refusal> {
        let shown = ValidationError.quote(text)
        guard text.unicodeScalars.count <= maxLength else {
            return .failure(Refusal("\(shown) is longer than \(maxLength) characters", rule: .notAWebAddress))
        }
        if let bad = text.unicodeScalars.first(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }) {
            return .failure(Refusal(bad == " " ? "\(shown) contains a space; write it as %20"
                                                         : "\(shown) contains the character U+\(TextRules.hex(bad))", rule: .notAWebAddress))
        }
        guard let colon = text.firstIndex(of: ":"),
              ["http", "https"].contains(text[..<colon].lowercased()),
              text[colon...].hasPrefix("://") else {
            return .failure(Refusal("\(shown) is not an http(s) address", rule: .notAWebAddress))
        }
        let authorityStart = text.index(colon, offsetBy: 3)
        let authorityEnd = text[authorityStart...].firstIndex(where: { "/?#".contains($0) }) ?? text.endIndex
        let authority = text[authorityStart..<authorityEnd]
        if !authority.unicodeScalars.allSatisfy(\.isASCII) {
            return .failure(Refusal("the host of \(shown) has letters outside ASCII; give its ASCII form (xn--…)", rule: .notAWebAddress))
        }
        var uri = String(text[..<authorityEnd])
        for scalar in text[authorityEnd...].unicodeScalars {
            if scalar.isASCII && !needsEncoding(scalar) {
                uri.unicodeScalars.append(scalar)
            } else {
                for byte in String(scalar).utf8 { uri += String(format: "%%%02X", byte) }
            }
        }
        uri = encodingStrayPercents(uri)
        guard let url = URL(string: uri), let host = url.host, !host.isEmpty else {
            return .failure(Refusal("\(shown) is not an http(s) address", rule: .notAWebAddress))
        }
        if let port = url.port, !(1...65535).contains(port) {
            return .failure(Refusal("\(shown) has the port \(port); a port is from 1 to 65535", rule: .notAWebAddress))
        }
        return .success(uri)
    }

    /// Whether `text` is already an http(s) URI, as stored.
    public static func isURI(_ text: String) -> Bool {
        (try? uri(text).get()) == text
    }

    /// ASCII characters that RFC 3986 does not allow anywhere in a URI.
    private static func needsEncoding(_ scalar: Unicode.Scalar) -> Bool {
        "\"<>\\^`{|}".unicodeScalars.contains(scalar)
    }

    /// A "%" that does not start a percent-encoded byte stands for itself: "%25".
    private static func encodingStrayPercents(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        for (index, byte) in bytes.enumerated() {
            out.append(byte)
            if byte == UInt8(ascii: "%"),
               !(index + 2 < bytes.count && isHex(bytes[index + 1]) && isHex(bytes[index + 2])) {
                out += Array("25".utf8)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func isHex(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }
}
