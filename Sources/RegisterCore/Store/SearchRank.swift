import Foundation
import GRDB
import GRDBSQLite

/// FTS5's `bm25()`, computed the same way to the last bit, but told how many rows
/// hold each phrase instead of counting them. bm25 counts, once per statement, the
/// rows of every phrase of the query by walking its whole doclist: for a word in
/// 184,000 of a million meetings that was most of the cost of ranking a block of 200.
/// `search_term` keeps each token's row count (see `SearchTerms`), so a phrase that
/// is one token needs no walk.
///
/// `insyn_bm25(meeting_search, w0, …, w6, n0, n1, …)`: a weight per column of the
/// index, as `bm25()` takes them, then per phrase of the MATCH (in the order they
/// are written) the number of rows that hold it, or NULL to have it counted as
/// `bm25()` counts it.
enum SearchRank {
    static let name = "insyn_bm25"

    /// Makes `insyn_bm25` known to the connection (each connection of a register).
    static func register(in db: Database) throws {
        let api = FTS5.api(db)
        guard let create = api.pointee.xCreateFunction else { throw DatabaseError(message: "FTS5 has no xCreateFunction") }
        let code = create(UnsafeMutablePointer(mutating: api), name, nil, rank, nil)
        guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot create \(name)") }
    }

    /// `avgdl`, then an IDF per phrase: computed on the statement's first row, kept for the others.
    private struct Statement {
        var averageLength: Double
        var idf: [Double]
    }

    private static let rank: fts5_extension_function = { api, fts, context, count, values in
        guard let api = api?.pointee, let fts, let values else { return }
        let columns = Int(api.xColumnCount(fts))
        let phrases = Int(api.xPhraseCount(fts))
        func fail(_ code: Int32) { sqlite3_result_error_code(context, code) }

        var data = api.xGetAuxdata(fts, 0)?.assumingMemoryBound(to: Statement.self)
        if data == nil {
            var rows: sqlite3_int64 = 0, tokens: sqlite3_int64 = 0
            var code = api.xRowCount(fts, &rows)
            if code == SQLITE_OK { code = api.xColumnTotalSize(fts, -1, &tokens) }
            guard code == SQLITE_OK else { return fail(code) }
            var idf: [Double] = []
            for phrase in 0..<phrases {
                var hits: sqlite3_int64 = 0
                let index = columns + phrase
                if index < Int(count), sqlite3_value_type(values[index]) != SQLITE_NULL {
                    hits = sqlite3_value_int64(values[index])
                } else {
                    code = api.xQueryPhrase(fts, Int32(phrase), &hits) { _, _, counter in
                        counter?.assumingMemoryBound(to: sqlite3_int64.self).pointee += 1
                        return SQLITE_OK
                    }
                    guard code == SQLITE_OK else { return fail(code) }
                }
                var value = log((Double(rows - hits) + 0.5) / (Double(hits) + 0.5))
                if value <= 0.0 { value = 1e-6 }
                idf.append(value)
            }
            let kept = UnsafeMutablePointer<Statement>.allocate(capacity: 1)
            kept.initialize(to: Statement(averageLength: Double(tokens) / Double(rows), idf: idf))
            code = api.xSetAuxdata(fts, kept) { pointer in
                guard let pointer = pointer?.assumingMemoryBound(to: Statement.self) else { return }
                pointer.deinitialize(count: 1)
                pointer.deallocate()
            }
            guard code == SQLITE_OK else { return fail(code) }
            data = kept
        }
        guard let statement = data?.pointee else { return }

        let k1 = 1.2, b = 0.75
        var instances: Int32 = 0
        var code = api.xInstCount(fts, &instances)
        guard code == SQLITE_OK else { return fail(code) }
        withUnsafeTemporaryAllocation(of: Double.self, capacity: max(phrases, 1)) { frequency in
            frequency.initialize(repeating: 0)
            for instance in 0..<instances {
                var phrase: Int32 = 0, column: Int32 = 0, offset: Int32 = 0
                code = api.xInst(fts, instance, &phrase, &column, &offset)
                guard code == SQLITE_OK else { return }
                let weight = Int(column) < min(columns, Int(count)) ? sqlite3_value_double(values[Int(column)]) : 1.0
                frequency[Int(phrase)] += weight
            }
            guard code == SQLITE_OK else { return }
            var tokens: Int32 = 0
            code = api.xColumnSize(fts, -1, &tokens)
            guard code == SQLITE_OK else { return }
            let length = Double(tokens)
            var score = 0.0
            for phrase in 0..<phrases {
                score += statement.idf[phrase] * (
                    (frequency[phrase] * (k1 + 1.0)) /
                    (frequency[phrase] + k1 * (1 - b + b * length / statement.averageLength))
                )
            }
            sqlite3_result_double(context, -1.0 * score)
        }
        if code != SQLITE_OK { fail(code) }
    }
}
