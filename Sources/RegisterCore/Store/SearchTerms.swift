import GRDB

/// Every token the search index has ever held (`search_term`), so that a search
/// word that begins exactly one indexed token can be searched as that token.
/// FTS5 answers a prefix longer than its prefix indexes (2 and 3 letters) by
/// copying the doclists of every matching token into one before it can seek in
/// it: for a word in 184,000 meetings that is about 6 ms, paid again by each of a
/// search's queries. A token's own doclist is read lazily and seeks instead, and
/// matches the same rows, counts the same in bm25 and marks the same snippet.
/// The table only grows: a token no row holds any longer makes a prefix look
/// ambiguous, and that prefix is searched as a prefix, as before.
enum SearchTerms {
    static let schema = "CREATE TABLE search_term (term TEXT PRIMARY KEY) WITHOUT ROWID"

    /// Fills the table from the index's own vocabulary (the "v8-searchspeed" migration).
    static let fill = """
        CREATE VIRTUAL TABLE temp.search_vocabulary USING fts5vocab(main, meeting_search, row);
        INSERT OR IGNORE INTO search_term(term) SELECT term FROM temp.search_vocabulary;
        DROP TABLE temp.search_vocabulary;
        """

    /// The tokenizer of `meeting_search` (see `SearchIndex`).
    static let tokenizer = FTS5TokenizerDescriptor.unicode61(diacritics: .keep, tokenCharacters: ["_"])

    /// Records the tokens of the index rows `first` through `last`, as the index's tokenizer reads them.
    static func record(from first: Int64, through last: Int64, in db: Database) throws {
        let tokenizer = try db.makeTokenizer(tokenizer)
        var read = Set<String>(), terms = Set<String>()
        let rows = try Row.fetchCursor(db, sql: "SELECT c0, c1, c2, c3, c4, c5, c6 FROM \(SearchIndex.contentTable) WHERE id BETWEEN ? AND ?",
                                       arguments: [first, last])
        while let row = try rows.next() {
            for index in 0..<row.count {
                guard let text: String = row[index], !text.isEmpty, read.insert(text).inserted else { continue }
                for (token, _) in try tokenizer.tokenize(document: text) {
                    terms.insert(token)
                    // An index made without "_" as a token character holds the parts between them.
                    if token.contains("_") {
                        for part in token.split(separator: "_") { terms.insert(String(part)) }
                    }
                }
            }
        }
        for term in terms.sorted() {
            try db.executeCached(sql: "INSERT OR IGNORE INTO search_term(term) VALUES (?)", arguments: [term])
        }
    }

    /// The FTS5 phrase for one word of a search, searched as a prefix: the only
    /// token it begins, exactly, when the table holds one; otherwise the prefix.
    static func phrase(_ word: Substring, in db: Database) throws -> String {
        let prefix = "\"\(word)\"*"
        let tokens = try db.makeTokenizer(tokenizer).tokenize(query: String(word))
        guard tokens.count == 1, let token = tokens.first?.token else { return prefix }
        // The tokens that begin with `token` are the ones from it on, in byte order, up to the first that does not.
        let following = try String.fetchAll(db, sql: "SELECT term FROM search_term WHERE term >= ? ORDER BY term LIMIT 2",
                                            arguments: [token])
        let beginning = following.filter { $0.utf8.starts(with: token.utf8) }
        guard beginning.count == 1, let term = beginning.first else { return prefix }
        return "\"\(term.replacingOccurrences(of: "\"", with: "\"\""))\""
    }
}
