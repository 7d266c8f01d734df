import Foundation
import GRDB

/// The organisation a recorder names while logging a meeting: the catalogue's own
/// when its organisationsnummer is known already, or else a new entry.
public struct CounterpartOrganisation: Sendable, Equatable {
    public var id: Int64
    public var name: String
    /// Whether the catalogue had it already (nothing was written).
    public var existing: Bool
}

extension Register {
    /// Adds an organisation met at a meeting to the catalogue, as one who records
    /// meetings may (the registrar keeps the rest of the catalogue). An organisation
    /// whose organisationsnummer the catalogue has already is that one, with its name,
    /// and nothing is written. A sole trader's personnummer is not taken here: the
    /// registrar records sole traders.
    public func addCounterpartOrganisation(_ organisation: Organisation, by actor: Principal) throws -> CounterpartOrganisation {
        try actor.requireMayWriteMeetings("add an organisation met at a meeting")
        if organisation.personnummer != nil {
            throw ValidationError("personnummer", "a sole trader is added to the catalogue by the registrar")
        }
        if let typed = organisation.organisationNumber, let number = SwedishIdentifiers.normalisedOrganisationNumber(typed),
           let known = try writer.read({ db in try Self.organisation(numbered: number, in: db) }) {
            return known
        }
        let valid = try organisation.validated()
        let now = clock()
        return try writer.write { db in
            if let number = valid.organisationNumber, let known = try Self.organisation(numbered: number, in: db) { return known }
            let id = try valid.save(id: nil, sequence: 0, in: db)
            try record(valid, id: id, type: Organisation.added, by: actor, at: now, in: db)
            return CounterpartOrganisation(id: id, name: valid.name, existing: false)
        }
    }

    private static func organisation(numbered number: String, in db: Database) throws -> CounterpartOrganisation? {
        try Row.fetchOne(db, sql: "SELECT id, name FROM organisation WHERE organisation_number = ? ORDER BY id LIMIT 1", arguments: [number])
            .map { CounterpartOrganisation(id: $0["id"], name: $0["name"], existing: true) }
    }
}
