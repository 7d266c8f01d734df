/// Word lists and sentences for the benchmark register's synthetic records: Swedish
/// text of realistic length, with å, ä and ö, drawn from a seeded random source.
enum SyntheticText {
    static let givenNames = ["Anna", "Erik", "Maria", "Johan", "Sara", "Lars", "Karin", "Per", "Elin", "Mikael", "Sofia",
                             "Magnus", "Helena", "Andreas", "Linnea", "Oskar", "Ingrid", "Fredrik", "Emma", "Jonas", "Åsa",
                             "Örjan", "Märta", "Göran"]
    static let familyNames = ["Lindqvist", "Bergström", "Håkansson", "Ekström", "Nyström", "Öberg", "Åström", "Sandberg",
                              "Forsberg", "Dahl", "Wallin", "Holm", "Sjöberg", "Nilsson", "Björk", "Lund", "Persson",
                              "Axelsson", "Karlsson", "Wikström", "Ängström", "Löfgren"]
    static let parties = ["S", "M", "SD", "C", "V", "KD", "L", "MP"]
    static let committees = ["regionstyrelsen", "regionala utvecklingsnämnden", "hälso- och sjukvårdsnämnden", "kulturnämnden"]
    static let staffTitles = ["Regiondirektör", "Näringslivsstrateg", "Infrastrukturstrateg", "Kulturchef", "Kommunikationsdirektör",
                              "Utvecklingsledare", "Hälso- och sjukvårdsdirektör"]
    static let businesses = ["Energi AB", "Bygg AB", "Logistik AB", "Skog ek. för.", "Kommunikation AB", "Företagarförening",
                             "Fastigheter AB", "Vård AB", "Läkemedel AB", "Miljöförbund"]
    static let topics = ["Dubbelspår på Värmlandsbanan", "Vätgasstation vid hamnen", "Nytt sjukhus i länets västra del",
                         "Regional kulturstrategi", "Bredband på landsbygden", "Kompetensförsörjning i vården",
                         "Elnätets kapacitet", "Kollektivtrafik i glesbygd", "Flygplatsens framtid", "Skogsnäringens villkor",
                         "Besöksnäringens återhämtning", "Vattenförsörjning och klimatanpassning"]
    static let places = ["Karlstad", "Arvika", "Kristinehamn", "Torsby", "Säffle", "Hagfors", "Filipstad", "Årjäng",
                         "Sunne", "Älvdalen"]
    static let subjectEndings = ["samråd med näringslivet i", "dialog om genomförandet i", "uppföljning av beslutet för",
                                 "information om läget i", "förslag till åtgärder i"]
    static let venues = ["Regionens hus, sammanträdesrum Klarälven", "Organisationens kontor", "Stadshotellet",
                         "Sjukhusets konferensrum Linnea", "Kommunhuset"]
    static let roles = ["VD", "Ordförande", "Public affairs-chef", "Kommunikationschef", "Projektledare", "Förbundsjurist",
                        "Regionchef", "Generalsekreterare", "Senior rådgivare"]
    static let documentKinds = ["Skrivelse", "Promemoria", "Presentation", "Remissvar", "Rapport"]
    static let policyAreas = ["Infrastruktur", "Hälso- och sjukvård", "Kultur", "Näringsliv", "Miljö och klimat", "Utbildning"]
    static let sentenceParts = [
        "Organisationen presenterade sin syn på frågan och lämnade skriftliga förslag på hur regionen kan gå vidare",
        "Vi redogjorde för regionens ställningstagande och diskuterade tidplanen för kommande beslut i nämnden",
        "Samtalet gällde finansiering och ansvarsfördelning mellan staten, regionen och kommunerna i länet",
        "Genomgång av remissvar och synpunkter, där organisationen önskade ett uppföljande möte efter sommaren",
        "Diskussion om konsekvenser för företag och invånare, med särskilt fokus på landsbygdens förutsättningar",
        "Parterna var överens om att fortsätta dialogen på tjänstemannanivå och återkomma med ett gemensamt underlag",
        "Inga åtaganden gjordes vid mötet, men regionen lovade att besvara de frågor som ställdes skriftligen",
    ]

    static func pick(_ list: [String], _ random: inout SplitMix64) -> String {
        list[Int.random(in: 0..<list.count, using: &random)]
    }

    static func name(_ random: inout SplitMix64) -> String {
        "\(pick(givenNames, &random)) \(pick(familyNames, &random))"
    }

    static func sentences(_ count: Int, _ random: inout SplitMix64) -> String {
        (0..<count).map { _ in pick(sentenceParts, &random) + "." }.joined(separator: " ")
    }
}
