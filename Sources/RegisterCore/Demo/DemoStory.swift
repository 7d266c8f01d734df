import Foundation

/// The demo's meetings as a story of dated events (recorded, published, corrected,
/// withdrawn), generated from a seeded random source.
enum DemoStory {
    struct Event {
        var at: Date
        var meeting: Int
        var action: Action
    }

    enum Action {
        case record(Meeting)
        case publish
        case correct(Meeting, String)
        case withdraw(String)
    }

    static let people = [
        ("Ulrika Fors", "VD"), ("Tomas Rydén", "Public affairs-chef"), ("Hanna Melin", "Kommunikationschef"),
        ("Peter Ahlgren", "Ordförande"), ("Nadia Karimi", "Verksamhetsutvecklare"), ("Gustav Lövgren", "Projektledare"),
        ("Cecilia Strand", "Förbundsjurist"), ("Ali Hassan", "Regionchef"), ("Birgitta Hed", "Generalsekreterare"),
        ("Olle Frisk", "Senior rådgivare"), ("Johanna Eld", "Kanslichef"), ("Viktor Ås", "Affärsutvecklare"),
    ]
    static let privatePeople = ["Rolf Eriksson", "Ylva Mattsson", "Kent Åberg"]
    static let places = [
        "Regionens hus, sammanträdesrum Klarälven", "Regionens hus, rum 4:12", "Videomöte (Teams)",
        "Telefon", "Organisationens kontor i Exempelstad", "Exempelstads stadshotell", "Riksdagshuset, Stockholm",
        "Almedalen, Visby", "Sjukhuset i Exempelstad, konferensrum Linnea",
    ]
    static let summaries = [
        "Organisationen presenterade sin syn på %@ och lämnade förslag på hur regionen kan gå vidare.",
        "Vi redogjorde för regionens ställningstagande i %@ och diskuterade tidplanen för beslut.",
        "Samtalet gällde finansiering och ansvarsfördelning i %@. Inga åtaganden gjordes.",
        "Genomgång av remissvar och synpunkter på %@. Organisationen önskar ett uppföljande möte.",
        "Diskussion om konsekvenser för företag och invånare av %@, med särskilt fokus på landsbygden.",
    ]
    static let corrections = [
        "Rättat mötets längd", "Lagt till en deltagare som saknades", "Förtydligat sammanfattningen",
        "Rättat mötesplats", "Lagt till överlämnad skrivelse",
    ]

    static func events(count: Int, start: Date, end: Date, officials: [Int64], organisations: [Int64], issues: [Int64],
                       random: inout SplitMix64) -> [Event] {
        var events: [Event] = []
        let span = end.timeIntervalSince(start)
        let catalogue = DemoCatalogue.officials
        let consultancies = organisations.indices.filter { DemoCatalogue.organisations[$0].1 == .consultancy }
        let clients = organisations.indices.filter { [.company, .tradeAssociation].contains(DemoCatalogue.organisations[$0].1) }
        let correctedIndices = Set((0..<14).map { _ in Int.random(in: 0..<(count - 40), using: &random) })
        let withdrawnIndices: Set<Int> = [37, 190]
        let draftIndices = Set((count - 8)..<count)

        for index in 0..<count {
            let dayOffset = Double(index) / Double(count) * span + Double.random(in: 0..<86_400 * 2, using: &random)
            var startsAt = start.addingTimeInterval((dayOffset / 86_400).rounded(.down) * 86_400)
            let weekday = Int((startsAt.timeIntervalSince1970 / 86_400).rounded(.down) + 3) % 7
            if weekday >= 5 { startsAt.addTimeInterval(Double(7 - weekday) * 86_400) }
            startsAt.addTimeInterval(Double(Int.random(in: 0...15, using: &random)) * 1800 - 3600)
            let day = Day(startsAt, in: RegisterSettings.defaultTimeZone)

            let issueIndex = Int.random(in: 0..<issues.count, using: &random)
            var meetingIssues = [issues[issueIndex]]
            if Int.random(in: 0..<5, using: &random) == 0 {
                let other = issues[Int.random(in: 0..<issues.count, using: &random)]
                if other != meetingIssues[0] { meetingIssues.append(other) }
            }
            let active = officials.indices.filter { index in
                let entry = catalogue[index]
                return Day(entry.5)! <= day && (entry.6.flatMap(Day.init).map { day <= $0 } ?? true)
            }
            var participants: [Int64] = []
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let official = officials[active[Int.random(in: 0..<active.count, using: &random)]]
                if !participants.contains(official) { participants.append(official) }
            }

            var counterparts: [Counterpart] = []
            let kind = Int.random(in: 0..<100, using: &random)
            if kind < 4 {
                counterparts.append(Counterpart(organisation: nil, people: [
                    CounterpartPerson(name: privatePeople[index % privatePeople.count], role: "Privatperson", isPrivate: true),
                ]))
            } else if kind < 20 {
                let consultancy = consultancies[Int.random(in: 0..<consultancies.count, using: &random)]
                let client = clients[Int.random(in: 0..<clients.count, using: &random)]
                counterparts.append(Counterpart(organisation: organisations[consultancy], onBehalfOf: organisations[client],
                                                people: [person(&random)]))
            }
            for _ in 0..<(counterparts.isEmpty ? Int.random(in: 1...2, using: &random) : 0) {
                let organisation = organisations[Int.random(in: 0..<organisations.count, using: &random)]
                if counterparts.contains(where: { $0.organisation == organisation }) { continue }
                counterparts.append(Counterpart(organisation: organisation,
                                                people: (0..<Int.random(in: 1...2, using: &random)).map { _ in person(&random) }))
            }

            let issueTitle = DemoCatalogue.issues[issueIndex].0
            let organisationName = counterparts[0].organisation
                .map { DemoCatalogue.organisations[organisations.firstIndex(of: $0)!].0 } ?? "en privatperson"
            let format = [MeetingFormat.inPerson, .inPerson, .inPerson, .video, .video, .phone, .written][Int.random(in: 0..<7, using: &random)]
            var withheld: [MeetingField: Withholding] = [:]
            let secrecy = Int.random(in: 0..<100, using: &random)
            if secrecy < 5 {
                let release = Day(startsAt.addingTimeInterval(Double(Int.random(in: 60...500, using: &random)) * 86_400),
                                  in: RegisterSettings.defaultTimeZone)
                withheld[.summary] = Withholding(ground: "OSL 19 kap. 3 §", until: release)
            } else if secrecy < 8 {
                withheld[.documents] = Withholding(ground: "OSL 31 kap. 16 §")
            }
            var documents: [MeetingDocument] = []
            if Int.random(in: 0..<10, using: &random) < 3 || withheld[.documents] != nil {
                documents.append(MeetingDocument(title: "Skrivelse om \(issueTitle.lowercasedFirstLetter)", direction: .received,
                                                 url: Int.random(in: 0..<2, using: &random) == 0 ? "https://dokument.example/\(index + 1000).pdf" : nil))
            }
            let meeting = Meeting(
                startsAt: startsAt, durationMinutes: [30, 45, 60, 60, 90, 120][Int.random(in: 0..<6, using: &random)],
                place: format == .video ? "Videomöte (Teams)" : format == .phone ? "Telefon" : format == .written ? "E-post"
                    : places[Int.random(in: 0..<places.count, using: &random)],
                format: format,
                direction: Int.random(in: 0..<3, using: &random) == 0 ? .outbound : .inbound,
                initiator: Int.random(in: 0..<3, using: &random) == 0 ? .us : .counterpart,
                participants: participants, counterparts: counterparts, issues: meetingIssues,
                subject: Int.random(in: 0..<2, using: &random) == 0 ? "\(issueTitle) – möte med \(organisationName)" : "Dialog om \(issueTitle.lowercasedFirstLetter)",
                summary: String(format: summaries[Int.random(in: 0..<summaries.count, using: &random)], issueTitle.lowercasedFirstLetter),
                documents: documents, withheld: withheld)

            let recordedAt = startsAt.addingTimeInterval(Double(Int.random(in: 1...190, using: &random)) * 3600)
            events.append(Event(at: recordedAt, meeting: index, action: .record(meeting)))
            guard !draftIndices.contains(index) else { continue }
            let publishedAt = recordedAt.addingTimeInterval(Double(Int.random(in: 1...72, using: &random)) * 3600)
            events.append(Event(at: publishedAt, meeting: index, action: .publish))
            if correctedIndices.contains(index) {
                var corrected = meeting
                let reason = corrections[index % corrections.count]
                corrected.durationMinutes += 15
                corrected.summary += " Uppgifterna har kompletterats i efterhand."
                events.append(Event(at: publishedAt.addingTimeInterval(Double(Int.random(in: 2...30, using: &random)) * 86_400),
                                    meeting: index, action: .correct(corrected, reason)))
            } else if withdrawnIndices.contains(index) {
                events.append(Event(at: publishedAt.addingTimeInterval(Double(Int.random(in: 5...40, using: &random)) * 86_400),
                                    meeting: index, action: .withdraw("Mötet registrerades två gånger; se det andra registrerade mötet.")))
            }
        }
        return events
    }

    static func person(_ random: inout SplitMix64) -> CounterpartPerson {
        let (name, role) = people[Int.random(in: 0..<people.count, using: &random)]
        return CounterpartPerson(name: name, role: role)
    }
}

extension String {
    var lowercasedFirstLetter: String { prefix(1).lowercased() + dropFirst() }
}
