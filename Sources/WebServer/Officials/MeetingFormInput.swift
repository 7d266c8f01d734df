import Foundation
import RegisterCore

/// Everything the meeting form holds, as typed: what a posted form says, what a
/// new form starts with, or what a draft's record says. It is shown again as it is
/// after an error or a search step, so nothing typed is lost; `json` turns it into
/// the register's input shape of a meeting, which `RegisterInput` and the register
/// validate as they do every other input.
struct MeetingFormInput: Sendable, Equatable {
    /// A row of the people met.
    struct Person: Sendable, Equatable {
        var name = ""
        var role = ""
        /// The id of the picked organisation the person came for; nil for none.
        var organisation: Int64?
        var isPrivate = false

        var isEmpty: Bool { name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty && role.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
    }

    /// A withheld field: its ground from the registrar's list and the day it is released.
    struct Withheld: Sendable, Equatable {
        var ground = ""
        var until = ""
    }

    /// An organisation typed in on the spot.
    struct NewOrganisation: Sendable, Equatable {
        var name = ""
        var number = ""
        var kind = OrganisationKind.company.rawValue
    }

    /// The three lists picked from the catalogue.
    enum Pick: String, Sendable, CaseIterable {
        case official, organisation, issue
    }

    var date = ""
    var time = ""
    var duration = "60"
    var place = ""
    var format = MeetingFormat.inPerson.rawValue
    var direction = ""
    var initiator = ""
    var subject = ""
    var summary = ""
    var picked: [Pick: [Int64]] = [:]
    /// The client an organisation came on behalf of, by the organisation's id.
    var behalf: [Int64: Int64] = [:]
    var people: [Person] = []
    var withheld: [MeetingField: Withheld] = [:]
    var queries: [Pick: String] = [:]
    var newOrganisation = NewOrganisation()
    /// The documents of a draft, which the form does not edit but keeps.
    var documents: [MeetingDocument] = []

    /// Rows for people shown at the least, and added by "one more person".
    static let minimumPeople = 2

    /// A new form: the signed-in person's officials taking part, one hour, in person.
    static func new(for principal: Principal) -> MeetingFormInput {
        var input = MeetingFormInput()
        input.picked[.official] = principal.officials.sorted()
        return input.padded()
    }

    /// The form of a stored meeting (a draft to go on with, or a published meeting to correct).
    init(_ meeting: Meeting, timeZone: TimeZone) {
        let local = Timestamp.format(meeting.startsAt, offsetIn: timeZone)
        date = String(local.prefix(10))
        time = String(local.dropFirst(11).prefix(5))
        duration = String(meeting.durationMinutes)
        place = meeting.place
        format = meeting.format.rawValue
        direction = meeting.direction.rawValue
        initiator = meeting.initiator.rawValue
        subject = meeting.subject
        summary = meeting.summary
        picked[.official] = meeting.participants
        picked[.issue] = meeting.issues
        var organisations: [Int64] = []
        for counterpart in meeting.counterparts {
            if let organisation = counterpart.organisation {
                organisations.append(organisation)
                if let client = counterpart.onBehalfOf {
                    behalf[organisation] = client
                    organisations.append(client)
                }
            }
            people += counterpart.people.map { Person(name: $0.name, role: $0.role ?? "", organisation: counterpart.organisation,
                                                      isPrivate: $0.isPrivate) }
        }
        picked[.organisation] = organisations.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        withheld = meeting.withheld.mapValues { Withheld(ground: $0.ground, until: $0.until?.description ?? "") }
        documents = meeting.documents
        self = padded()
    }

    init() {}

    /// The form as posted. Picked entries are checkboxes named "official-ID" (and so
    /// on); people are rows "person-N-name", "-role", "-organisation", "-private";
    /// a withheld field is "withheld-FIELD" (the ground) and "withheld-FIELD-until".
    init(fields: [String: String]) {
        func text(_ name: String) -> String { fields[name] ?? "" }
        date = text("date").trimmingCharacters(in: .whitespacesAndNewlines)
        time = text("time").trimmingCharacters(in: .whitespacesAndNewlines)
        duration = text("duration").trimmingCharacters(in: .whitespacesAndNewlines)
        place = text("place")
        format = text("format")
        direction = text("direction")
        initiator = text("initiator")
        subject = text("subject")
        summary = text("summary")
        for pick in Pick.allCases {
            picked[pick] = fields.keys.compactMap { name in
                name.hasPrefix(pick.rawValue + "-") ? Int64(name.dropFirst(pick.rawValue.count + 1)) : nil
            }.filter { $0 > 0 }.sorted()
            queries[pick] = fields["find-" + pick.rawValue] ?? ""
        }
        for organisation in picked[.organisation] ?? [] {
            if let client = fields["behalf-\(organisation)"].flatMap(Int64.init), client != 0 { behalf[organisation] = client }
        }
        let rows = fields.keys.compactMap { name -> Int? in
            guard name.hasPrefix("person-"), name.hasSuffix("-name") else { return nil }
            return Int(name.dropFirst(7).dropLast(5))
        }.filter { (0..<200).contains($0) }
        for index in 0..<((rows.max() ?? -1) + 1) {
            people.append(Person(name: text("person-\(index)-name"), role: text("person-\(index)-role"),
                                 organisation: fields["person-\(index)-organisation"].flatMap(Int64.init).flatMap { $0 == 0 ? nil : $0 },
                                 isPrivate: fields["person-\(index)-private"] != nil))
        }
        for field in MeetingField.allCases {
            let ground = text("withheld-" + field.rawValue), until = text("withheld-\(field.rawValue)-until").trimmingCharacters(in: .whitespacesAndNewlines)
            if !ground.isEmpty || !until.isEmpty { withheld[field] = Withheld(ground: ground, until: until) }
        }
        newOrganisation = NewOrganisation(name: text("new-organisation-name"), number: text("new-organisation-number"),
                                          kind: fields["new-organisation-kind"] ?? OrganisationKind.company.rawValue)
        if let data = fields["documents"], let documents = try? RegisterCoding.decoder().decode([MeetingDocument].self, from: Data(data.utf8)) {
            self.documents = documents
        }
        self = padded()
    }

    /// Whether each choice of an organisation ("behalf-ID", "person-N-organisation")
    /// is one the form offers: "0" for none or a record's id. Anything else no browser
    /// sends, and is refused rather than read as none.
    static func choicesAreWellFormed(_ fields: [String: String]) -> Bool {
        fields.allSatisfy { name, value in
            guard name.hasPrefix("behalf-") || name.hasPrefix("person-") && name.hasSuffix("-organisation") else { return true }
            return Int64(value).map { $0 >= 0 && String($0) == value } ?? false
        }
    }

    /// The form's fields as `init(fields:)` reads them: what a preview carries along
    /// in hidden fields, so that confirming (or going back to edit) loses nothing.
    var formFields: [(name: String, value: String)] {
        var fields: [(name: String, value: String)] = [("date", date), ("time", time), ("duration", duration), ("place", place),
                                                       ("format", format), ("direction", direction), ("initiator", initiator),
                                                       ("subject", subject), ("summary", summary)]
        for pick in Pick.allCases {
            fields += (picked[pick] ?? []).map { ("\(pick.rawValue)-\($0)", "on") }
        }
        fields += behalf.sorted { $0.key < $1.key }.map { ("behalf-\($0.key)", String($0.value)) }
        for (index, person) in people.enumerated() where !person.isEmpty {
            fields += [("person-\(index)-name", person.name), ("person-\(index)-role", person.role),
                       ("person-\(index)-organisation", String(person.organisation ?? 0))]
            if person.isPrivate { fields.append(("person-\(index)-private", "on")) }
        }
        for (field, withholding) in withheld.sorted(by: { $0.key < $1.key }) {
            fields += [("withheld-" + field.rawValue, withholding.ground), ("withheld-\(field.rawValue)-until", withholding.until)]
        }
        if !documents.isEmpty, let data = try? RegisterCoding.encoder().encode(documents) {
            fields.append(("documents", String(decoding: data, as: UTF8.self)))
        }
        return fields
    }

    /// With at least `minimumPeople` rows, and one empty row to fill in.
    func padded() -> MeetingFormInput {
        var copy = self
        while copy.people.count < Self.minimumPeople || copy.people.last.map({ !$0.isEmpty }) == true { copy.people.append(Person()) }
        return copy
    }

    /// The organisations that came only as another's client: a client with no person of its own.
    var clientsOnly: Set<Int64> {
        Set(behalf.values).filter { client in !people.contains { $0.organisation == client && !$0.isEmpty } && behalf[client] == nil }
    }

    /// The meeting in the register's input shape (as `insyn meeting add` takes it).
    /// An empty choice or number is left out or kept as text, so that the register's
    /// own decoding names what is missing or wrong.
    var json: Data { Data(CanonicalJSON.bytes(.object(jsonObject))) }

    var jsonObject: JSONObject {
        var object = JSONObject()
        if !date.isEmpty && !time.isEmpty { object["startsAt"] = .string("\(date)T\(time)") }
        if let minutes = Int64(duration), String(minutes) == duration { object["durationMinutes"] = .int(minutes) }
        else if !duration.isEmpty { object["durationMinutes"] = .string(duration) }
        object["place"] = .string(place)
        for (name, value) in [("format", format), ("direction", direction), ("initiator", initiator)] where !value.isEmpty {
            object[name] = .string(value)
        }
        object["participants"] = .array((picked[.official] ?? []).map { .int($0) })
        object["counterparts"] = .array(counterparts)
        object["issues"] = .array((picked[.issue] ?? []).map { .int($0) })
        object["subject"] = .string(subject)
        object["summary"] = .string(summary)
        if !documents.isEmpty, let value = try? JSONValue.from(documents) { object["documents"] = value }
        var withheldObject = JSONObject()
        for (field, withholding) in withheld.sorted(by: { $0.key < $1.key }) {
            var member: JSONObject = ["ground": .string(withholding.ground)]
            if !withholding.until.isEmpty { member["until"] = .string(withholding.until) }
            withheldObject[field.rawValue] = .object(member)
        }
        if !withheldObject.isEmpty { object["withheld"] = .object(withheldObject) }
        return object
    }

    /// Where each counterpart of `json` comes from: a picked organisation (but a
    /// client only) with the rows of its people, then each person who came for no
    /// organisation on their own; so that an error about "counterparts[2]" finds its field.
    var counterpartPlan: [(organisation: Int64?, rows: [Int])] {
        let filled = people.indices.filter { !people[$0].isEmpty }
        let clients = clientsOnly
        var plan: [(organisation: Int64?, rows: [Int])] = []
        for organisation in picked[.organisation] ?? [] where !clients.contains(organisation) {
            plan.append((organisation, filled.filter { people[$0].organisation == organisation }))
        }
        let picked = Set(picked[.organisation] ?? [])
        for row in filled where people[row].organisation.map({ !picked.contains($0) }) ?? true {
            plan.append((nil, [row]))
        }
        return plan
    }

    private var counterparts: [JSONValue] {
        func person(_ person: Person) -> JSONValue {
            var object: JSONObject = ["name": .string(person.name)]
            if !person.role.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { object["role"] = .string(person.role) }
            if person.isPrivate { object["private"] = .bool(true) }
            return .object(object)
        }
        return counterpartPlan.map { part in
            var object = JSONObject()
            if let organisation = part.organisation {
                object["organisation"] = .int(organisation)
                if let client = behalf[organisation] { object["onBehalfOf"] = .int(client) }
            }
            if !part.rows.isEmpty { object["people"] = .array(part.rows.map { person(people[$0]) }) }
            return .object(object)
        }
    }
}
