/// The JSON input shapes of the domain types. The members are the types' own coding
/// keys; the ignored ones are those the export's form adds and the register sets
/// itself (see `PublicJSON`), so that an exported record can be edited and sent back.
extension Meeting: InputShaped {
    /// Every member a meeting must have (the duration may be given as `endsAt`).
    static let requiredMembers: [CodingKeys] = [.startsAt, .place, .format, .direction, .initiator, .participants, .counterparts,
                                                 .subject, .summary]

    public static var inputShape: InputShape {
        .requiring(requiredMembers.map(\.stringValue), .object(CodingKeys.self, [
            .durationMinutes: .whole("a whole number of minutes"),
            .participants: .list(.id),
            .counterparts: .list(Counterpart.inputShape),
            .issues: .list(.id),
            .documents: .list(MeetingDocument.inputShape),
            .withheld: .object(members: MeetingField.allCases.map { ($0.rawValue, Withholding.inputShape) }, ignored: []),
        ], ignoring: ["id", "uri", "url", "status", "version", "recordedAt", "publishedAt", "updatedAt",
                      "correctionReason", "withdrawnAt", "withdrawalReason"]))
    }
}

extension Counterpart {
    static var inputShape: InputShape {
        .object(CodingKeys.self, [.organisation: .id, .onBehalfOf: .id, .people: .list(CounterpartPerson.inputShape)])
    }
}

extension CounterpartPerson {
    static var inputShape: InputShape { .object(CodingKeys.self, [.isPrivate: .flag]) }
}

extension MeetingDocument {
    static var inputShape: InputShape { .object(CodingKeys.self) }
}

extension Withholding {
    /// A withheld field is a legal ground, or an object of these members; `redacted`
    /// is the register's own (a redaction is made with `meeting redact`), so an
    /// exported meeting can be sent back.
    static var inputShape: InputShape {
        .described(#"a legal ground or {"ground": …, "until": …}"#,
                   .object(members: [("ground", .text), ("until", .text)], ignored: ["redacted"]))
    }
}

extension Unit: InputShaped {
    public static var inputShape: InputShape { .object(CodingKeys.self, ignoring: ["id"]) }
}

extension Official: InputShaped {
    public static var inputShape: InputShape { .object(CodingKeys.self, [.unit: .id], ignoring: ["id", "feed"]) }
}

extension Organisation: InputShaped {
    public static var inputShape: InputShape {
        .object(CodingKeys.self, adding: [(ExportKeys.soleTrader.stringValue, .flag)], ignoring: ["id", "feed"])
    }
}

extension Issue: InputShaped {
    public static var inputShape: InputShape {
        .object(CodingKeys.self, [.policyAreas: .list(.text), .unit: .id], ignoring: ["id", "feed"])
    }
}
