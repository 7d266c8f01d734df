import Foundation
import GRDB
import Testing
@testable import RegisterCore

@Suite("The access log")
struct AccessLogTests {
    @Test func aReadOfConfidentialValuesIsLoggedWithWhoWhatAndWhen() async throws {
        let fixture = try TestRegister()
        let auditor = Principal(kind: .account, id: 7, name: "Revisor Rut", role: .auditor)
        try await fixture.register.logAccess(by: auditor, entity: "meeting", id: 42, what: "full record")
        let entries = try fixture.register.accessLog()
        #expect(entries.count == 1)
        #expect(entries.first?.reader == auditor)
        #expect(entries.first?.entity == "meeting")
        #expect(entries.first?.entityID == 42)
        #expect(entries.first?.at == Timestamp.parse("2026-11-23T12:00:00Z"))
    }

    @Test func theAccessLogRefusesUpdateAndDelete() throws {
        let fixture = try TestRegister(onFile: true)
        try fixture.register.logAccess(by: .shell, entity: "export", id: nil, what: "auditor export")
        let before = try fixture.register.accessLog()
        #expect(throws: DatabaseError.self) { try fixture.tamper("UPDATE access_log SET principal_name = 'någon annan'") }
        #expect(throws: DatabaseError.self) { try fixture.tamper("DELETE FROM access_log") }
        #expect(try fixture.register.accessLog() == before)
    }
}
