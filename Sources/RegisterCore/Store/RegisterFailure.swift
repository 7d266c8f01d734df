import GRDB

/// A failure of the register's database, told in one line a person can act on and
/// without any SQL. SQLite's own report, statement included, is kept in `detail`
/// (and `debugDescription`) for developers.
public struct RegisterFailure: Error, CustomStringConvertible, CustomDebugStringConvertible {
    /// What went wrong, as far as the person who asked needs to know.
    public enum Kind: Sendable {
        /// Another write held the lock for longer than the busy timeout.
        case busy
        /// The file is not an SQLite database, or is damaged.
        case notARegister
        /// The file, or the connection, cannot be written.
        case readOnly
        case cannotOpen
        case diskFull
        case inputOutput
        /// A constraint of the database refused the change.
        case refused
        case other
    }

    public let kind: Kind
    public let detail: String
    let code: Int32

    init(_ error: DatabaseError) {
        code = error.resultCode.rawValue
        detail = error.description
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: kind = .busy
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: kind = .notARegister
        case .SQLITE_READONLY, .SQLITE_PERM: kind = .readOnly
        case .SQLITE_CANTOPEN: kind = .cannotOpen
        case .SQLITE_FULL: kind = .diskFull
        case .SQLITE_IOERR: kind = .inputOutput
        case .SQLITE_CONSTRAINT: kind = .refused
        default: kind = .other
        }
    }

    public var description: String {
        switch kind {
        case .busy: "the register is busy (another write is in progress); try again"
        case .notARegister: "the register's file is damaged or is not an Insyn register"
        case .readOnly: "the register cannot be written (its file or this connection is read-only); nothing was changed"
        case .cannotOpen: "the register's file cannot be opened (check the path and its permissions)"
        case .diskFull: "the disk is full; nothing was changed"
        case .inputOutput: "the register's file could not be read or written (input/output error); nothing was changed"
        case .refused: "the register's database refused the change; nothing was changed"
        case .other: "the register's database failed (SQLite error \(code)); nothing was changed"
        }
    }

    public var debugDescription: String { detail }
}
