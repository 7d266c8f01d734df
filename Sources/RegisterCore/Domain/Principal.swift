/// Who makes a change or reads confidential values: a signed-in account, a program
/// with an API token, or the operator at the server's shell. The ledger names the
/// actor of each change; the access log names the reader.
public struct Principal: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case account, token, shell
    }

    public var kind: Kind
    /// The account's or token's id; nil for the shell.
    public var id: Int64?
    public var name: String
    public var role: Role
    /// The officials a recorder records for; empty for the other roles.
    public var officials: Set<Int64>

    public init(kind: Kind, id: Int64?, name: String, role: Role, officials: Set<Int64> = []) {
        self.kind = kind
        self.id = id
        self.name = name
        self.role = role
        self.officials = officials
    }

    /// The operator running `insyn` on the server, who may do everything.
    public static let shell = Principal(kind: .shell, id: nil, name: "shell", role: .admin)
}
