import Foundation
import Testing
import RegisterCore

/// `insyn review list|approve|return`: the registrar's queue from the shell.
@Suite("Review commands")
struct ReviewCommandTests {
    /// A register requiring review with two drafts a recorder sent for it.
    static func withQueue() throws -> (Insyn, [Int64]) {
        let insyn = try AccountCommandTests.withOfficial()
        #expect(try insyn.run(["config", "set", "review-required", "yes"]).status == 0)
        let register = try Register.open(path: insyn.database)
        try register.add(Organisation(name: "Nordvind AB", kind: .company), by: .shell)
        let recorder = Principal(kind: .account, id: 5, name: "Annas assistent", role: .recorder, officials: [1])
        let ids = try ["Tidplanen för banan", "Godstrafiken"].map { subject in
            let id = try register.recordMeeting(Meeting(startsAt: Timestamp.parse("2026-11-20T13:30:00Z")!, durationMinutes: 60, place: "Regionens hus",
                                                        format: .inPerson, direction: .inbound, initiator: .counterpart, participants: [1],
                                                        counterparts: [Counterpart(organisation: 1)], issues: [], subject: subject, summary: "Samtal."),
                                                by: recorder)
            #expect(try register.publishMeeting(id, by: recorder) == .sentForReview)
            return id
        }
        return (insyn, ids)
    }

    @Test func listApproveAndReturnTheQueue() throws {
        let (insyn, ids) = try Self.withQueue()
        defer { insyn.cleanUp() }
        let listed = try insyn.run(["review", "list"])
        #expect(listed.status == 0)
        let lines = listed.output.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("\(ids[0])\t") && lines[0].contains("\tAnnas assistent\t") && lines[0].hasSuffix("\tTidplanen för banan"))
        #expect(try insyn.run(["review", "approve", String(ids[0])]).output == "Approved and published meeting \(ids[0]).\n")
        #expect(try insyn.run(["review", "return", String(ids[1]), "--comment", "Vad gällde mötet?"]).output
                == "Returned meeting \(ids[1]) to its recorder.\n")
        #expect(try insyn.run(["review", "list"]).output.isEmpty)
        let register = try Register.open(path: insyn.database)
        #expect(try register.storedMeeting(ids[0]).status == .published)
        #expect(try register.read { try $0.review(of: ids[1]) }?.comment == "Vad gällde mötet?")
        #expect(try insyn.run(["verify"]).status == 0)
    }

    @Test func returningWithoutACommentOrADraftNotQueuedIsOneLineAndChangesNothing() throws {
        let (insyn, ids) = try Self.withQueue()
        defer { insyn.cleanUp() }
        let empty = try insyn.run(["review", "return", String(ids[0]), "--comment", " "])
        #expect(empty.status == 1)
        #expect(empty.error == "Error: comment: is required and must not be empty\n", "\(empty.error)")
        let missing = try insyn.run(["review", "approve", "99"])
        #expect(missing.status == 1)
        #expect(try insyn.run(["review", "list"]).output.split(separator: "\n").count == 2)
    }
}
