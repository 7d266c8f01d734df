/// Strings that break naive escaping, shared by the writer tests.
enum Hostile {
    static let allControlCharacters = String(String.UnicodeScalarView((0..<0x20).map { Unicode.Scalar(UInt8($0)) }))

    static let strings: [String] = [
        "",
        "plain",
        "\"quoted\" and 'single'",
        "back\\slash \\\" \\\\",
        allControlCharacters,
        "tab\there\nnew line\r\ncarriage\rreturn",
        "å ä ö Å Ä Ö é ü ß",
        "emoji 🇸🇪 👩‍👩‍👧 😀",
        "separators \u{2028} line \u{2029} paragraph",
        "<script>alert('x')</script> & ]]> --> <!--",
        "=SUM(A1:A2)",
        "comma, semicolon; pipe|",
        "\u{7F} DEL and \u{85} NEL and \u{FEFF} BOM",
        "nul \u{0} inside",
        String(repeating: "long å\"\\\n", count: 5000),
    ]
}
