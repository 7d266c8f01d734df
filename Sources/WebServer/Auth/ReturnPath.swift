/// Where signing in goes on to: a path of this site only ("/my/meetings"), never
/// another site ("//evil.example", "https://…", "/\evil"), so the sign-in link
/// cannot send a person elsewhere.
enum ReturnPath {
    static func safe(_ text: String?) -> String? {
        guard let text, text.hasPrefix("/"), !text.hasPrefix("//"), text.unicodeScalars.count <= 2000,
              !text.unicodeScalars.contains(where: { $0 == "\\" || $0.value < 0x21 || $0.value == 0x7F || !$0.isASCII }) else { return nil }
        return text
    }
}
