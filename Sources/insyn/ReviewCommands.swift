import ArgumentParser
import Foundation
import RegisterCore

/// `insyn review …`: the registrar's review queue (with `insyn config set review-required yes`,
/// a recorder's publish waits here): list it, approve a draft (publishing it), or return it with a comment.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review", abstract: "Approve or return the drafts waiting for review.",
        discussion: "With `insyn config set review-required yes`, a recorder's publish sends the draft here instead of publishing it.",
        subcommands: [List.self, Approve.self, Return.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the drafts waiting for review: id, sent at, sent by, start, subject.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            for queued in try global.openRegister().read({ try $0.reviewQueue() }) {
                print([String(queued.stored.id), Timestamp.format(queued.review.at), queued.review.by,
                       Timestamp.format(queued.stored.meeting.startsAt), queued.stored.meeting.subject].joined(separator: "\t"))
            }
        }
    }

    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Approve a draft waiting for review: it is published.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The meeting's id.") var id: Int64

        func run() throws {
            try global.openRegister().approveMeeting(id, by: .shell)
            print("Approved and published meeting \(id).")
        }
    }

    struct Return: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Return a draft waiting for review to its recorder, with a comment they see on the draft.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The meeting's id.") var id: Int64
        @Option(help: "What the recorder should change (required).") var comment: String

        func run() throws {
            try global.openRegister().returnMeeting(id, comment: comment, by: .shell)
            print("Returned meeting \(id) to its recorder.")
        }
    }
}
