import Foundation

/// The ledger's JSON values of a meeting and of its public projection, built directly:
/// exactly what `JSONValue.from` gives through `RegisterCoding`'s encoder (a test holds
/// them equal), without writing JSON text and parsing it back, which was a fifth of
/// recording a meeting.
extension Meeting {
    var ledgerValue: JSONValue {
        var withheld = JSONObject()
        for (field, withholding) in self.withheld { withheld[field.rawValue] = withholding.ledgerValue }
        return .object([
            "startsAt": .string(Timestamp.format(startsAt)),
            "durationMinutes": .int(Int64(durationMinutes)),
            "place": .string(place),
            "format": .string(format.rawValue),
            "direction": .string(direction.rawValue),
            "initiator": .string(initiator.rawValue),
            "participants": .array(participants.map(JSONValue.int)),
            "counterparts": .array(counterparts.map(\.ledgerValue)),
            "issues": .array(issues.map(JSONValue.int)),
            "subject": .string(subject),
            "summary": .string(summary),
            "documents": .array(documents.map(\.ledgerValue)),
            "withheld": .object(withheld),
        ])
    }
}

extension PublicMeeting {
    var ledgerValue: JSONValue {
        var members: JSONObject = [
            "id": .int(id), "status": .string(status.rawValue), "version": .int(Int64(version)),
            "recordedAt": .string(Timestamp.format(recordedAt)), "publishedAt": .string(Timestamp.format(publishedAt)),
            "updatedAt": .string(Timestamp.format(updatedAt)),
        ]
        var withheld = JSONObject()
        for (field, withholding) in self.withheld { withheld[field.rawValue] = withholding.ledgerValue }
        members["withheld"] = .object(withheld)
        members["startsAt"] = startsAt.map { .string(Timestamp.format($0)) }
        members["durationMinutes"] = durationMinutes.map { .int(Int64($0)) }
        members["place"] = place.map(JSONValue.string)
        members["format"] = format.map { .string($0.rawValue) }
        members["direction"] = direction.map { .string($0.rawValue) }
        members["initiator"] = initiator.map { .string($0.rawValue) }
        members["participants"] = participants.map { .array($0.map(JSONValue.int)) }
        members["counterparts"] = counterparts.map { .array($0.map(\.ledgerValue)) }
        members["issues"] = issues.map { .array($0.map(JSONValue.int)) }
        members["subject"] = subject.map(JSONValue.string)
        members["summary"] = summary.map(JSONValue.string)
        members["documents"] = documents.map { .array($0.map(\.ledgerValue)) }
        members["correctionReason"] = correctionReason.map(JSONValue.string)
        members["withdrawnAt"] = withdrawnAt.map { .string(Timestamp.format($0)) }
        members["withdrawalReason"] = withdrawalReason.map(JSONValue.string)
        return .object(members)
    }
}

extension Counterpart {
    var ledgerValue: JSONValue {
        var members: JSONObject = ["people": .array(people.map(\.ledgerValue))]
        members["organisation"] = organisation.map(JSONValue.int)
        members["onBehalfOf"] = onBehalfOf.map(JSONValue.int)
        return .object(members)
    }
}

extension CounterpartPerson {
    var ledgerValue: JSONValue {
        var members: JSONObject = ["name": .string(name), "private": .bool(isPrivate)]
        members["role"] = role.map(JSONValue.string)
        return .object(members)
    }
}

extension PublicCounterpart {
    var ledgerValue: JSONValue {
        var members: JSONObject = ["people": .array(people.map(\.ledgerValue))]
        members["organisation"] = organisation.map(JSONValue.int)
        members["onBehalfOf"] = onBehalfOf.map(JSONValue.int)
        return .object(members)
    }
}

extension PublicPerson {
    var ledgerValue: JSONValue {
        var members: JSONObject = ["private": .bool(isPrivate)]
        members["name"] = name.map(JSONValue.string)
        members["role"] = role.map(JSONValue.string)
        return .object(members)
    }
}

extension MeetingDocument {
    var ledgerValue: JSONValue {
        var members: JSONObject = ["title": .string(title), "direction": .string(direction.rawValue)]
        members["url"] = url.map(JSONValue.string)
        return .object(members)
    }
}

extension Withholding {
    var ledgerValue: JSONValue {
        var members: JSONObject = ["ground": .string(ground)]
        members["until"] = until.map { .string($0.description) }
        if redacted { members["redacted"] = .bool(true) }
        return .object(members)
    }
}
