extension Strings {
    /// The words of refusing input beyond what the register takes.
    static let hostileSite: [String: (sv: String, en: String)] = [
        "hostilePasswordTooLong": ("Lösenordet får vara högst %@ byte långt (å, ä och ö räknas som två)",
                                   "The password may be at most %@ bytes long (å, ä and ö count as two)"),
    ]
}
