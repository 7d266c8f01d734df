import CalendarInvitation
import Foundation
import RegisterCore

/// A register with the people and organisations the invitations in Fixtures/ name:
/// Anna Lindqvist (an official with her own account), Ove Holm (an official with no
/// account), Nordvind (website nordvind.example) and Klarälvens Energi (klaralven.example).
struct TestCatalogue {
    let register: Register
    let anna: Int64
    let ove: Int64
    let nordvind: Int64
    let klaralven: Int64

    init() throws {
        register = try Register.inMemory(clock: { Date(timeIntervalSince1970: 1_764_590_400) })
        let unit = try register.add(Unit(name: "Regionstyrelsen", kind: .board), by: .shell)
        anna = try register.add(Official(name: "Anna Lindqvist", title: "Regionråd", kind: .elected, party: "S", unit: unit,
                                         activeFrom: Day("2022-11-01")!), by: .shell)
        ove = try register.add(Official(name: "Ove Holm", title: "Trafikdirektör", kind: .staff, unit: unit, activeFrom: Day("2020-01-01")!), by: .shell)
        nordvind = try register.add(Organisation(name: "Nordvind Kommunikation AB", kind: .consultancy, organisationNumber: "556802-3450",
                                                 website: "https://www.nordvind.example/"), by: .shell)
        klaralven = try register.add(Organisation(name: "Klarälvens Energi AB", kind: .company, organisationNumber: "5567101232",
                                                  website: "https://klaralven.example"), by: .shell)
        try register.addAccount(NewAccount(name: "Anna Lindqvist", email: "Anna.Lindqvist@region.example.se", role: .recorder, officials: [anna]))
        try register.addAccount(NewAccount(name: "Registrator Rut", email: "rut@region.example.se", role: .registrar))
    }

    /// The bytes of a file in Fixtures/.
    static func fixture(_ name: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").appendingPathComponent(name)
        return Array(try Data(contentsOf: url))
    }

    static let stockholm = TimeZone(identifier: "Europe/Stockholm")!

    func meetingCount() throws -> Int { try register.storedMeetings().count }
}

func utc(_ text: String) -> Date { Timestamp.parse(text)! }
