import Foundation
import RegisterCore

/// What attendees are matched against: the accounts' e-mail addresses with the
/// officials they act for, and the organisations by the domain of their website.
/// Officials carry no e-mail of their own: an address is how a person signs in, kept
/// with the account, and the catalogue of officials is public.
public struct InvitationCatalogue: Sendable {
    struct AccountEntry: Sendable {
        var name: String
        var role: Role
        var officials: [Int64]
    }

    struct OrganisationEntry: Sendable {
        var id: Int64
        var name: String
        var domain: String
    }

    var accounts: [String: AccountEntry] = [:]
    var officialNames: [Int64: String] = [:]
    var organisations: [OrganisationEntry] = []

    public init(accounts: [Account], officials: [PublicOfficial], organisations: [PublicOrganisation]) {
        for account in accounts where account.disabledAt == nil {
            self.accounts[account.email.lowercased()] = AccountEntry(name: account.name, role: account.role, officials: account.officials)
        }
        for official in officials { officialNames[official.id] = official.name }
        for organisation in organisations {
            guard let website = organisation.website, let domain = Self.domain(ofWebsite: website) else { continue }
            self.organisations.append(OrganisationEntry(id: organisation.id, name: organisation.name, domain: domain))
        }
    }

    public static func load(from register: Register) throws -> InvitationCatalogue {
        InvitationCatalogue(accounts: try register.accounts(), officials: try register.officials(), organisations: try register.organisations())
    }

    /// "nordvind.example" for "https://www.Nordvind.example/om-oss".
    static func domain(ofWebsite website: String) -> String? {
        guard let host = URLComponents(string: website)?.host?.lowercased(), host.contains(".") else { return nil }
        return host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
    }

    /// Who an attendee is: an official through the account with that address, else an
    /// organisation whose website's domain is the address's domain or a parent of it
    /// (mail.nordvind.example is Nordvind's), the most specific domain winning.
    func match(_ address: CalendarAddress) -> AttendeeMatch.Outcome {
        if address.userType == "ROOM" || address.userType == "RESOURCE" {
            return .skipped("a room or resource, not a person")
        }
        if address.participation == "DECLINED" { return .skipped("declined the invitation") }
        guard let email = address.email, let at = email.lastIndex(of: "@") else {
            return .unmatched("has no e-mail address (\(address.uri))")
        }
        if let account = accounts[email] {
            if account.officials.count == 1, let name = officialNames[account.officials[0]] {
                return .official(account.officials[0], name: name)
            }
            return .unmatched(account.officials.isEmpty
                ? "is the account of \(account.name) (\(account.role.rawValue)), who is not an official"
                : "is the account of \(account.name), who acts for several officials (\(account.officials.map(String.init).joined(separator: ", "))): name them in the draft")
        }
        let domain = String(email[email.index(after: at)...])
        let candidates = organisations.filter { domain == $0.domain || domain.hasSuffix("." + $0.domain) }
        guard let longest = candidates.map(\.domain.count).max() else {
            return .unmatched("no account has this address and no organisation's website is at \(domain)")
        }
        let best = candidates.filter { $0.domain.count == longest }
        guard best.count == 1 else {
            return .unmatched("the websites of several organisations are at \(best[0].domain): "
                              + best.map { "\($0.name) (\($0.id))" }.joined(separator: ", "))
        }
        return .organisation(best[0].id, name: best[0].name)
    }
}

/// What became of one ORGANIZER or ATTENDEE.
public struct AttendeeMatch: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        case official(Int64, name: String)
        case organisation(Int64, name: String)
        /// Not matched, and why: reported for the person to fill in, never guessed.
        case unmatched(String)
        /// Not a participant (a room, a declined invitation).
        case skipped(String)
    }

    public var address: CalendarAddress
    public var isOrganizer: Bool
    public var outcome: Outcome

    /// One line for a report: "Anna Lindqvist <anna@region.example.se>: official 3 Anna Lindqvist".
    public var line: String {
        let who = address.shown + (isOrganizer ? " (organizer)" : "")
        switch outcome {
        case .official(let id, let name): return "\(who): official \(id) \(name)"
        case .organisation(let id, let name): return "\(who): organisation \(id) \(name)"
        case .unmatched(let why): return "\(who): not matched, \(why)"
        case .skipped(let why): return "\(who): left out, \(why)"
        }
    }
}
