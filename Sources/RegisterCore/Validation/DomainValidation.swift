import Foundation

extension Unit {
    /// Checks every field; returns the record as it will be stored.
    public func validated() throws(ValidationError) -> Unit {
        var problems = Problems()
        problems.requireText(name, "name", max: 200)
        try problems.check()
        return Unit(name: name.trimmed, kind: kind)
    }
}

extension Official {
    public func validated() throws(ValidationError) -> Official {
        var problems = Problems()
        problems.requireText(name, "name", max: 200)
        problems.requireText(title, "title", max: 200)
        problems.optionalText(party, "party", max: 100)
        if kind == .staff, party != nil { problems.add("party", "only elected officials have a party", rule: .partyOfStaff) }
        problems.checkDay(activeFrom, "activeFrom")
        if let activeTo { problems.checkDay(activeTo, "activeTo") }
        if let activeTo, activeTo < activeFrom { problems.add("activeTo", "is before activeFrom (\(activeFrom))", rule: .beforeActiveFrom) }
        try problems.check()
        var copy = self
        copy.name = name.trimmed
        copy.title = title.trimmed
        copy.party = party?.trimmed
        return copy
    }
}

extension Organisation {
    public func validated() throws(ValidationError) -> Organisation {
        var problems = Problems()
        var copy = self
        problems.requireText(name, "name", max: 300)
        copy.name = name.trimmed
        if let number = organisationNumber {
            if let normalised = SwedishIdentifiers.normalisedOrganisationNumber(number) {
                copy.organisationNumber = normalised
            } else {
                problems.add("organisationNumber", "\(ValidationError.quote(number)) is not a valid organisationsnummer (ten digits, third and fourth at least 20, valid check digit)", rule: .notAnOrganisationNumber)
            }
        }
        if let number = personnummer {
            if let normalised = SwedishIdentifiers.normalisedPersonnummer(number) {
                copy.personnummer = normalised
            } else {
                problems.add("personnummer", "is not a valid personnummer (date of birth and four digits with a valid check digit)", rule: .notAPersonnummer)
            }
            if organisationNumber != nil {
                problems.add("personnummer", "a sole trader has a personnummer instead of an organisationsnummer, not both", rule: .personnummerAndOrganisationNumber)
            }
        }
        if let id = euTransparencyId, !SwedishIdentifiers.isEUTransparencyId(id) {
            problems.add("euTransparencyId", "\(ValidationError.quote(id)) is not an EU Transparency Register id (9 to 12 digits, a hyphen, two digits)", rule: .notATransparencyId)
        }
        if let website { copy.website = problems.webAddress(website, "website") }
        try problems.check()
        return copy
    }
}

extension Issue {
    public func validated() throws(ValidationError) -> Issue {
        var problems = Problems()
        problems.requireText(title, "title", max: 300)
        problems.requireText(summary, "summary")
        problems.requireText(position, "position")
        problems.optionalText(caseNumber, "caseNumber", max: 100)
        for (index, area) in policyAreas.enumerated() { problems.requireText(area, "policyAreas[\(index)]", max: 100) }
        try problems.check()
        var copy = self
        copy.title = title.trimmed
        copy.caseNumber = caseNumber?.trimmed
        copy.policyAreas = policyAreas.map(\.trimmed)
        return copy
    }
}

extension Meeting {
    /// Checks the fields that need no database; references are checked by the store.
    public func validated() throws(ValidationError) -> Meeting {
        var problems = Problems()
        var copy = self
        if durationMinutes <= 0 { problems.add("durationMinutes", "must be a positive number of minutes", rule: .notPositive) }
        if durationMinutes > 7 * 24 * 60 { problems.add("durationMinutes", "is longer than a week", rule: .longerThanAWeek) }
        if !Timestamp.isInRange(startsAt) || (1...7 * 24 * 60).contains(durationMinutes) && !Timestamp.isInRange(endsAt) {
            problems.add("startsAt", "the meeting must take place within the years 1900 to 2200", rule: .outsideYears)
        }
        problems.requireText(place, "place", max: 300)
        problems.requireText(subject, "subject", max: 300)
        problems.requireText(summary, "summary", max: 20_000)
        if participants.isEmpty { problems.add("participants", "at least one of our officials must take part", rule: .required) }
        if Set(participants).count != participants.count { problems.add("participants", "lists an official twice", rule: .listedTwice) }
        if counterparts.isEmpty { problems.add("counterparts", "at least one counterpart is required", rule: .required) }
        for (index, counterpart) in counterparts.enumerated() {
            let field = "counterparts[\(index)]"
            if counterpart.organisation == nil && counterpart.people.isEmpty {
                problems.add(field, "needs an organisation or at least one person", rule: .required)
            }
            if counterpart.onBehalfOf != nil && counterpart.organisation == nil {
                problems.add("\(field).onBehalfOf", "only an organisation can act on behalf of another", rule: .onBehalfWithoutOrganisation)
            }
            if let client = counterpart.onBehalfOf, client == counterpart.organisation {
                problems.add("\(field).onBehalfOf", "an organisation cannot act on behalf of itself", rule: .onBehalfOfItself)
            }
            for (personIndex, person) in counterpart.people.enumerated() {
                problems.requireText(person.name, "\(field).people[\(personIndex)].name", max: 200)
                problems.optionalText(person.role, "\(field).people[\(personIndex)].role", max: 200)
            }
        }
        if Set(issues).count != issues.count { problems.add("issues", "lists an issue twice", rule: .listedTwice) }
        for (index, document) in documents.enumerated() {
            problems.requireText(document.title, "documents[\(index)].title", max: 500)
            if let url = document.url { copy.documents[index].url = problems.webAddress(url, "documents[\(index)].url") }
        }
        for (field, withholding) in withheld.sorted(by: { $0.key < $1.key }) {
            problems.requireText(withholding.ground, "withheld.\(field.rawValue).ground", max: 300)
            if let until = withholding.until { problems.checkDay(until, "withheld.\(field.rawValue).until") }
        }
        try problems.check()
        copy.place = place.trimmed
        copy.subject = subject.trimmed
        copy.summary = summary.trimmed
        return copy
    }
}

extension Problems {
    /// The URI to store for a web address, or nil after adding why it is refused.
    mutating func webAddress(_ text: String, _ field: String) -> String? {
        switch WebAddress.uri(text) {
        case .success(let uri): return uri
        case .failure(let refusal): add(field, refusal.message, rule: refusal.rule); return nil
        }
    }

    /// Days, like instants, lie within the years 1900 to 2200.
    mutating func checkDay(_ day: Day, _ field: String) {
        if !(1900...2200).contains(day.year) { add(field, "\(day) is outside the years 1900 to 2200", rule: .outsideYears) }
    }
}
