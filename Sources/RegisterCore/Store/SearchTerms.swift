import GRDB

/// Every token the search index has ever held (`search_term`), so that a search
/// word that begins exactly one indexed token can be searched as that token, and
/// how many index rows hold each (`row_count`), so that ranking needs no count (see
/// `SearchRank`). FTS5 answers a prefix longer than its prefix indexes (2 and 3
/// letters) by copying the doclists of every matching token into one before it can
/// seek in it: for a word in 184,000 meetings that is about 6 ms, paid again by each
/// of a search's queries. A token's own doclist is read lazily and seeks instead, and
/// matches the same rows, counts the same in bm25 and marks the same snippet.
/// The table only grows: a token no row holds any longer (its `row_count` 0) makes a
/// prefix look ambiguous, and that prefix is searched as a prefix, as before.
enum SearchTerms {
    static let schema = "CREATE TABLE search_term (term TEXT PRIMARY KEY) WITHOUT ROWID"

    /// Fills the table from the index's own vocabulary (the "v8-searchspeed" migration).
    static let fill = """
        CREATE VIRTUAL TABLE temp.search_vocabulary USING fts5vocab(main, meeting_search, row);
        INSERT OR IGNORE INTO search_term(term) SELECT term FROM temp.search_vocabulary;
        DROP TABLE temp.search_vocabulary;
        """

    /// Adds the row counts, from the index's own vocabulary (the "v9-searchspeed2" migration).
    static let countRows = """
        ALTER TABLE search_term ADD COLUMN row_count INTEGER NOT NULL DEFAULT 0;
        CREATE VIRTUAL TABLE temp.search_vocabulary USING fts5vocab(main, meeting_search, row);
        CREATE TEMP TABLE search_vocabulary_rows AS SELECT term, doc FROM temp.search_vocabulary;
        INSERT INTO search_term(term, row_count) SELECT term, doc FROM temp.search_vocabulary_rows WHERE true
            ON CONFLICT(term) DO UPDATE SET row_count = excluded.row_count;
        DROP TABLE temp.search_vocabulary_rows;
        DROP TABLE temp.search_vocabulary;
        """

    /// The tokenizer of `meeting_search` (see `SearchIndex`).
    static let tokenizer = FTS5TokenizerDescriptor.unicode61(diacritics: .keep, tokenCharacters: ["_"])

    /// The tokenizer the index was made with: `tokenizer`, or, for an index made
    /// before "_" was a token character, the same without it (such an index holds
    /// `_dinbound` as `dinbound`). Its tokens are the ones whose rows are counted.
    static func indexTokenizer(in db: Database) throws -> FTS5TokenizerDescriptor {
        let sql = try String.fetchOne(db.cachedStatement(sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'meeting_search'")) ?? ""
        return sql.contains("tokenchars") ? tokenizer : .unicode61(diacritics: .keep)
    }

    /// How many of the index rows `first` through `last` hold each token (as the index tokenizes them).
    static func rows(from first: Int64, through last: Int64, in db: Database) throws -> [String: Int] {
        try Vocabulary(db).read(from: first, through: last, in: db).rows
    }

    /// Records the tokens of the index rows `first` through `last`, as the index's
    /// tokenizer reads them, and counts the rows that hold each; `replaced` are the
    /// counts of the rows these replace (`rows(from:through:)` before they were deleted).
    static func record(from first: Int64, through last: Int64, replacing replaced: [String: Int] = [:], in db: Database) throws {
        let read = try Vocabulary(db).read(from: first, through: last, in: db)
        var change = read.rows
        for (term, rows) in replaced { change[term, default: 0] -= rows }
        for (term, rows) in change.sorted(by: { $0.key < $1.key }) where rows != 0 {
            try db.executeCached(sql: """
                INSERT INTO search_term(term, row_count) VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET row_count = row_count + excluded.row_count
                """, arguments: [term, rows])
        }
        for term in read.terms.sorted() where change[term, default: 0] == 0 {
            try db.executeCached(sql: "INSERT OR IGNORE INTO search_term(term) VALUES (?)", arguments: [term])
        }
    }

    /// The number of index rows that hold the one token `text` is (as the index
    /// tokenizes it), nil when it is more or none, or not in the table.
    static func rows(holding text: String, in db: Database) throws -> Int? {
        let tokens = try db.makeTokenizer(try indexTokenizer(in: db)).tokenize(query: text)
        guard tokens.count == 1, let token = tokens.first?.token else { return nil }
        return try Int.fetchOne(db.cachedStatement(sql: "SELECT row_count FROM search_term WHERE term = ?"), arguments: [token])
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

    /// The tokens of some index rows: every one the search's tokenizer reads (and,
    /// for an index made without "_" as a token character, the parts between them),
    /// and per token of the index's tokenizer the number of rows holding it.
    private struct Vocabulary {
        let search: any FTS5Tokenizer
        /// Nil when the index's tokenizer is the search's.
        let index: (any FTS5Tokenizer)?

        init(_ db: Database) throws {
            search = try db.makeTokenizer(SearchTerms.tokenizer)
            let descriptor = try SearchTerms.indexTokenizer(in: db)
            index = descriptor.components == SearchTerms.tokenizer.components ? nil : try db.makeTokenizer(descriptor)
        }

        func read(from first: Int64, through last: Int64, in db: Database) throws -> (terms: Set<String>, rows: [String: Int]) {
            var terms = Set<String>(), rows: [String: Int] = [:]
            var indexTokens: [String: [String]] = [:]
            let cursor = try Row.fetchCursor(db, sql: "SELECT c0, c1, c2, c3, c4, c5, c6 FROM \(SearchIndex.contentTable) WHERE id BETWEEN ? AND ?",
                                             arguments: [first, last])
            while let row = try cursor.next() {
                var held = Set<String>()
                for column in 0..<row.count {
                    guard let text: String = row[column], !text.isEmpty else { continue }
                    if let known = indexTokens[text] {
                        held.formUnion(known)
                        continue
                    }
                    var tokens: [String] = []
                    for (token, _) in try search.tokenize(document: text) {
                        terms.insert(token)
                        tokens.append(token)
                        // An index made without "_" as a token character holds the parts between them.
                        if token.utf8.contains(UInt8(ascii: "_")) {
                            for part in token.split(separator: "_") { terms.insert(String(part)) }
                        }
                    }
                    if let index { tokens = try index.tokenize(document: text).map(\.token) }
                    indexTokens[text] = tokens
                    held.formUnion(tokens)
                }
                for token in held { rows[token, default: 0] += 1 }
            }
            return (terms, rows)
        }
    }
}
