import ArgumentParser
import Foundation
import RegisterCore

/// `insyn meeting …`: record, publish, correct, withdraw, list and show meetings.
struct MeetingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meeting", abstract: "Record and publish meetings.",
        subcommands: [Add.self, Edit.self, Publish.self, Correct.self, Withdraw.self, ReleaseDue.self, List.self, Show.self,
                      MeetingRedact.self])

    static let example = """
        {"startsAt": "2026-11-23T14:30", "durationMinutes": 60, "place": "Regionens hus", "format": "in-person",
         "direction": "inbound", "initiator": "counterpart", "participants": [1],
         "counterparts": [{"organisation": 2, "onBehalfOf": 3, "people": [{"name": "Ulrika Fors", "role": "VD"}]}],
         "issues": [1], "subject": "Värmlandsbanan", "summary": "…",
         "documents": [{"title": "Skrivelse", "direction": "received"}],
         "withheld": {"summary": {"ground": "OSL 19 kap. 3 §", "until": "2027-06-30"}}}
        (startsAt without an offset is in the register's time zone; "endsAt" may replace durationMinutes;
         format: in-person, video, phone, written; a person with "private": true is never published by name)
        """

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a meeting described by a JSON file, or by a calendar invitation, as a draft; prints its id.",
            discussion: "Example:\n\(MeetingCommand.example)\n\(FromCalendar.discussion)")
        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("The JSON file (- for standard input).", valueName: "file")) var from: String?
        @OptionGroup var calendar: FromCalendar
        @Flag(help: "Publish it at once: recorded and published in one transaction, or neither.") var publish = false

        func validate() throws {
            guard (from == nil) != (calendar.fromIcs == nil) else { throw ValidationError("give one of --from <file> and --from-ics <file>") }
            if calendar.fromIcs == nil, calendar.uid != nil || !calendar.official.isEmpty {
                throw ValidationError("--uid and --official go with --from-ics")
            }
            if calendar.fromIcs != nil, publish { throw ValidationError("a meeting from an invitation is recorded as a draft, to be checked before it is published") }
        }

        func run() throws {
            let register = try global.openRegister()
            guard let from else { return try calendar.record(in: register) }
            let meeting = try InputFile.decode(Meeting.self, from: from, timeZone: try register.settings().timeZone)
            let id = try publish ? register.recordAndPublishMeeting(meeting, by: .shell) : register.recordMeeting(meeting, by: .shell)
            print(id)
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Replace the content of a draft.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The meeting's id.") var id: Int64
        @Option(help: ArgumentHelp("The JSON file (- for standard input).", valueName: "file")) var from: String

        func run() throws {
            let register = try global.openRegister()
            try register.updateDraft(id, with: InputFile.decode(Meeting.self, from: from, timeZone: try register.settings().timeZone), by: .shell)
            print("Updated draft \(id).")
        }
    }

    struct Publish: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Publish a draft.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The meeting's id.") var id: Int64

        func run() throws {
            switch try global.openRegister().publishMeeting(id, by: .shell) {
            case .published: print("Published meeting \(id).")
            case .sentForReview: print("Sent meeting \(id) to the registrar's review.")
            }
        }
    }

    struct Correct: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Correct a published meeting: a new version with a visible reason.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The meeting's id.") var id: Int64
        @Option(help: ArgumentHelp("The corrected meeting as a JSON file (- for standard input).", valueName: "file")) var from: String
        @Option(help: "Why it is corrected (shown to the public).") var reason: String

        func run() throws {
            let register = try global.openRegister()
            let meeting = try InputFile.decode(Meeting.self, from: from, timeZone: try register.settings().timeZone)
            try register.correctMeeting(id, with: meeting, reason: reason, by: .shell)
            print("Corrected meeting \(id).")
        }
    }

    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Withdraw a published meeting, leaving a tombstone with the reason.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The meeting's id.") var id: Int64
        @Option(help: "Why it is withdrawn (shown to the public).") var reason: String

        func run() throws {
            try global.openRegister().withdrawMeeting(id, reason: reason, by: .shell)
            print("Withdrew meeting \(id).")
        }
    }

    struct ReleaseDue: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "release-due", abstract: "Publish the withheld fields whose secrecy has lapsed (run daily, or let `publish` do it).")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let released = try global.openRegister().releaseDueWithholdings(by: .shell)
            print(released.isEmpty ? "Nothing to release." : "Released withheld fields of meetings \(released.map(String.init).joined(separator: ", ")).")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List meetings, drafts included, newest first.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var filter: MeetingFilterOptions

        func run() throws {
            let register = try global.openRegister()
            let timeZone = try register.settings().timeZone
            for stored in try register.storedMeetings(filter.filter(timeZone: timeZone)) {
                let local = LocalTime.text(stored.meeting.startsAt, in: timeZone)
                let marks = stored.meeting.withheld.isEmpty ? "" : "  [withheld: \(stored.meeting.withheld.keys.sorted().map(\.rawValue).joined(separator: ", "))]"
                print("\(stored.id)\t\(stored.status.rawValue)\tv\(stored.version)\t\(local)\t\(stored.meeting.subject)\(marks)")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a meeting's full record (confidential values included) as JSON.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The meeting's id.") var id: Int64

        func run() throws {
            let stored = try global.openRegister().storedMeeting(id)
            let encoder = RegisterCoding.encoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            guard case .object(var members) = try JSONValue.from(stored.meeting) else { return }
            members["id"] = .int(stored.id)
            members["status"] = .string(stored.status.rawValue)
            members["version"] = .int(Int64(stored.version))
            members["recordedAt"] = .string(Timestamp.format(stored.recordedAt))
            if let published = stored.publishedAt { members["publishedAt"] = .string(Timestamp.format(published)) }
            print(String(decoding: try encoder.encode(JSONValue.object(members)), as: UTF8.self))
        }
    }
}

/// The filters of `meeting list` and `export`.
struct MeetingFilterOptions: ParsableArguments {
    @Option(help: "Meetings starting on or after this day (YYYY-MM-DD).") var from: String?
    @Option(help: "Meetings starting on or before this day (YYYY-MM-DD).") var to: String?
    @Option(help: "Meetings this official took part in (id).") var official: Int64?
    @Option(help: "Meetings with this organisation, as counterpart or as the client represented (id).") var org: Int64?
    @Option(help: "Meetings about this issue (id).") var issue: Int64?
    @Option(help: "draft, published or withdrawn.") var status: MeetingStatus?
    @Option(help: "Words to search for in published meetings.") var search: String?
    @Option(help: "At most this many.") var limit: Int?

    func filter(timeZone: TimeZone) throws -> MeetingFilter {
        func day(_ text: String?, _ name: String) throws -> Date? {
            guard let text else { return nil }
            guard let date = Timestamp.parse(text + "T00:00", timeZone: timeZone) else {
                throw ValidationError(name, "'\(text)' is not a date like 2026-11-23")
            }
            return date
        }
        return MeetingFilter(from: try day(from, "from"), to: try day(to, "to").map { $0.addingTimeInterval(86_400) },
                             official: official, organisation: org, issue: issue, status: status, text: search, limit: limit)
    }
}

extension MeetingStatus: ExpressibleByArgument {}

/// Local date and time as tables show them: ISO 8601 in the register's time zone.
enum LocalTime {
    static func text(_ date: Date, in timeZone: TimeZone) -> String {
        let local = date.addingTimeInterval(TimeInterval(timeZone.secondsFromGMT(for: date)))
        return String(Timestamp.format(local).prefix(16)).replacingOccurrences(of: "T", with: " ")
    }
}
