import Publishing
import RegisterCore

/// The fields of the meeting form (the `desk-meeting-fields` partial), shared by the
/// form that logs a meeting or edits a draft and the form that corrects one: every
/// value as typed, the catalogue's matches for what was searched, and each error
/// beside its field.
struct MeetingFormBody: Sendable {
    /// A list picked from the catalogue, with the search step that adds to it.
    struct Picker: Sendable {
        struct Item: Sendable {
            let itemId: String
            let itemName: String
            let itemLabel: String
            let itemChecked: Bool
            let behalf: DeskField?
        }

        let kind: String
        let legend: String
        let pickerHint: String?
        let pickedItems: [Item]
        let hasPicked: Bool
        let searchId: String
        let searchLabel: String
        let searchHint: String
        let query: String
        let searchFor: String
        let matchItems: [Item]
        let hasQuery: Bool
        let hasMatches: Bool
        let matchesText: String
        let pickerError: String?
        /// Where the script finds the catalogue (the read API's list).
        let source: String
    }

    /// A row of the people met.
    struct PersonRow: Sendable {
        let legend: String
        let fields: [DeskField]
        let privateBox: CheckBox
    }

    struct NewOrganisation: Sendable {
        let open: Bool
        let fields: [DeskField]
        let button: FormButton
    }

    struct WithheldRow: Sendable {
        let ground: DeskField
        let until: DeskField
    }

    let when: [DeskField]
    let place: DeskField
    let format: RadioGroup
    let participants: Picker
    let organisations: Picker
    let newOrganisation: NewOrganisation
    let people: [PersonRow]
    let addPerson: FormButton
    let issues: Picker
    let direction: RadioGroup
    let initiator: RadioGroup
    let subject: DeskField
    let summaryField: DeskField
    let withheldRows: [WithheldRow]
    let withheldOpen: Bool
    let hidden: [HiddenField]

    init(_ input: MeetingFormInput, search: CatalogueSearch, grounds: [String], errors: MeetingFormErrors, context: PageContext,
         hidden: [HiddenField] = []) {
        let strings = context.strings
        let optional = context["deskOptional"]
        when = [
            DeskField(id: "meeting-date", name: "date", label: context["deskLabel_date"], value: input.date, kind: .input("date"),
                      error: errors["meeting-date"]),
            DeskField(id: "meeting-time", name: "time", label: context["deskLabel_time"], value: input.time, kind: .input("time"),
                      error: errors["meeting-time"]),
            DeskField(id: "meeting-duration", name: "duration", label: context["deskLabel_duration"], value: input.duration,
                      kind: .input("text"), inputmode: "numeric", hint: context["deskHint_duration"], error: errors["meeting-duration"]),
        ]
        place = DeskField(id: "meeting-place", name: "place", label: context["deskLabel_place"], value: input.place,
                          hint: context["deskHint_place"], error: errors["meeting-place"])
        format = RadioGroup(name: "format", legend: context["deskLabel_format"], value: input.format,
                            choices: MeetingFormat.allCases.map { ($0.rawValue, strings.format($0).capitalisedFirst) },
                            error: errors["meeting-format"])
        direction = RadioGroup(name: "direction", legend: context["deskLabel_direction"], value: input.direction,
                               choices: MeetingDirection.allCases.map { ($0.rawValue, strings.direction($0).capitalisedFirst) },
                               error: errors["meeting-direction"])
        initiator = RadioGroup(name: "initiator", legend: context["deskLabel_initiator"], value: input.initiator,
                               choices: MeetingInitiator.allCases.map { ($0.rawValue, strings.initiator($0).capitalisedFirst) },
                               error: errors["meeting-initiator"])
        subject = DeskField(id: "meeting-subject", name: "subject", label: context["deskLabel_subject"], value: input.subject,
                            hint: context["deskHint_subject"], error: errors["meeting-subject"])
        summaryField = DeskField(id: "meeting-summary", name: "summary", label: context["deskLabel_summary"], value: input.summary,
                                 kind: .textarea, hint: context["deskHint_summary"], error: errors["meeting-summary"])

        let pickedOrganisations = input.picked[.organisation] ?? []
        func picker(_ pick: MeetingFormInput.Pick, legend: String, hint: String?, source: APIURL) -> Picker {
            let picked = input.picked[pick] ?? []
            let query = input.queries[pick] ?? ""
            let items = picked.map { id in
                var behalf: DeskField?
                if pick == .organisation && pickedOrganisations.count > 1 {
                    let options = [DeskField.Option(value: "0", label: context["deskBehalfNone"], selected: input.behalf[id] == nil)]
                        + pickedOrganisations.filter { $0 != id }.map {
                            DeskField.Option(value: String($0), label: search.label(.organisation, $0), selected: input.behalf[id] == $0)
                        }
                    behalf = DeskField(id: "behalf-\(id)", label: strings.format("deskLabel_behalfOf", search.label(.organisation, id)),
                                       value: "", kind: .select(options), error: errors["behalf-\(id)"])
                }
                return Picker.Item(itemId: "\(pick.rawValue)-\(id)", itemName: "\(pick.rawValue)-\(id)", itemLabel: search.label(pick, id),
                                   itemChecked: true, behalf: behalf)
            }
            let matches = search.matches(pick, query, excluding: Set(picked)).map {
                Picker.Item(itemId: "\(pick.rawValue)-\($0.id)", itemName: "\(pick.rawValue)-\($0.id)", itemLabel: $0.label,
                            itemChecked: false, behalf: nil)
            }
            let hasQuery = !query.trimmingCharacters(in: .whitespaces).isEmpty
            return Picker(kind: pick.rawValue, legend: legend, pickerHint: hint, pickedItems: items, hasPicked: !items.isEmpty,
                          searchId: "find-" + pick.rawValue, searchLabel: context["deskSearchLabel_" + pick.rawValue],
                          searchHint: context["deskSearchHint"], query: query, searchFor: context["deskSearchFor_" + pick.rawValue],
                          matchItems: matches, hasQuery: hasQuery, hasMatches: !matches.isEmpty,
                          matchesText: matches.isEmpty ? strings.format("deskNoMatches", query) : strings.format("deskMatches", query),
                          pickerError: errors["find-" + pick.rawValue], source: source.path)
        }
        participants = picker(.official, legend: context["deskLabel_participants"], hint: context["deskHint_participants"], source: .officials)
        organisations = picker(.organisation, legend: context["deskLabel_organisations"], hint: context["deskHint_organisations"],
                               source: .organisations)
        issues = picker(.issue, legend: context["deskLabel_issues"], hint: context["deskHint_issues"], source: .issues)

        let kinds = OrganisationKind.allCases.map {
            DeskField.Option(value: $0.rawValue, label: context["searchValue_kind_" + $0.rawValue], selected: $0.rawValue == input.newOrganisation.kind)
        }
        let typed = input.newOrganisation
        newOrganisation = NewOrganisation(open: !typed.name.isEmpty || !typed.number.isEmpty, fields: [
            DeskField(id: "new-organisation-number", label: context["deskLabel_newNumber"], value: input.newOrganisation.number,
                      inputmode: "numeric", hint: context["deskHint_newNumber"], error: errors["new-organisation-number"]),
            DeskField(id: "new-organisation-name", label: context["deskLabel_newName"], value: input.newOrganisation.name,
                      hint: context["deskHint_newName"], error: errors["new-organisation-name"]),
            DeskField(id: "new-organisation-kind", label: context["deskLabel_newKind"], value: "", kind: .select(kinds)),
        ], button: FormButton(name: "step", value: "add-organisation", text: context["deskAddOrganisation"], secondary: true))

        let organisationOptions = [DeskField.Option(value: "0", label: context["deskPersonNoOrganisation"], selected: false)]
        people = input.people.enumerated().map { index, person in
            let options = organisationOptions + pickedOrganisations.map {
                DeskField.Option(value: String($0), label: search.label(.organisation, $0), selected: person.organisation == $0)
            }
            return PersonRow(legend: strings.format("deskPersonLegend", String(index + 1)), fields: [
                DeskField(id: "person-\(index)-name", label: context["deskLabel_person-name"], value: person.name,
                          error: errors["person-\(index)-name"]),
                DeskField(id: "person-\(index)-role", label: context["deskLabel_person-role"], value: person.role,
                          hint: context["deskHint_person-role"], error: errors["person-\(index)-role"], optional: optional),
                DeskField(id: "person-\(index)-organisation", label: context["deskLabel_person-organisation"], value: "",
                          kind: .select(options)),
            ], privateBox: CheckBox(boxId: "person-\(index)-private", boxName: "person-\(index)-private",
                                    boxLabel: context["deskLabel_person-private"], boxChecked: person.isPrivate))
        }
        addPerson = FormButton(name: "step", value: "add-person", text: context["deskAddPerson"], secondary: true)

        withheldRows = MeetingField.allCases.map { field in
            let current = input.withheld[field] ?? MeetingFormInput.Withheld()
            let label = strings.format("deskLabel_withheldGround", strings.field(field))
            let ground: DeskField
            if grounds.isEmpty {
                ground = DeskField(id: "withheld-" + field.rawValue, label: label, value: current.ground,
                                   error: errors["withheld-" + field.rawValue])
            } else {
                let options = [DeskField.Option(value: "", label: context["deskNotWithheld"], selected: current.ground.isEmpty)]
                    + (grounds.contains(current.ground) || current.ground.isEmpty ? grounds : [current.ground] + grounds).map {
                        DeskField.Option(value: $0, label: $0, selected: $0 == current.ground)
                    }
                ground = DeskField(id: "withheld-" + field.rawValue, label: label, value: "", kind: .select(options),
                                   error: errors["withheld-" + field.rawValue])
            }
            return WithheldRow(ground: ground, until: DeskField(
                id: "withheld-\(field.rawValue)-until", label: strings.format("deskLabel_withheldUntil", strings.field(field)),
                value: current.until, kind: .input("date"), error: errors["withheld-\(field.rawValue)-until"], optional: optional))
        }
        withheldOpen = !input.withheld.isEmpty
        var carried = hidden
        if !input.documents.isEmpty, let data = try? RegisterCoding.encoder().encode(input.documents) {
            carried.append(HiddenField(name: "documents", value: String(decoding: data, as: UTF8.self)))
        }
        self.hidden = carried
    }
}

extension String {
    /// The text with its first letter in capitals ("fysiskt möte" → "Fysiskt möte").
    var capitalisedFirst: String { prefix(1).uppercased() + dropFirst() }
}
