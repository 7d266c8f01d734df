/// The fictitious catalogue of the demo register: the invented region
/// "Exempelregionen", its units, officials, counterpart organisations and issues.
/// Every name is made up; any likeness to a real person or body is unintended.
enum DemoCatalogue {
    static let units: [Unit] = [
        Unit(name: "Regionstyrelsen", kind: .board),
        Unit(name: "Regionala utvecklingsnämnden", kind: .committee),
        Unit(name: "Hälso- och sjukvårdsnämnden", kind: .committee),
        Unit(name: "Kulturnämnden", kind: .committee),
        Unit(name: "Exempeltrafiken AB", kind: .company),
        Unit(name: "Regionledningsförvaltningen", kind: .department),
    ]

    /// (name, title, party, unit index, elected, active from, active to)
    static let officials: [(String, String, String?, Int, Bool, String, String?)] = [
        ("Anna Lindqvist", "Regionråd, ordförande i regionstyrelsen", "S", 0, true, "2022-11-01", nil),
        ("Erik Bergström", "Regionråd, vice ordförande", "C", 0, true, "2022-11-01", nil),
        ("Maria Håkansson", "Oppositionsråd", "M", 0, true, "2022-11-01", nil),
        ("Johan Ekström", "Ordförande, regionala utvecklingsnämnden", "S", 1, true, "2022-11-01", nil),
        ("Sara Nyström", "Vice ordförande, regionala utvecklingsnämnden", "KD", 1, true, "2022-11-01", "2025-09-30"),
        ("Lars Öberg", "Ledamot, regionala utvecklingsnämnden", "L", 1, true, "2025-10-01", nil),
        ("Karin Åström", "Ordförande, hälso- och sjukvårdsnämnden", "S", 2, true, "2022-11-01", nil),
        ("Per Sandberg", "Vice ordförande, hälso- och sjukvårdsnämnden", "V", 2, true, "2022-11-01", nil),
        ("Elin Forsberg", "Ordförande, kulturnämnden", "MP", 3, true, "2022-11-01", nil),
        ("Mikael Dahl", "Ledamot, kulturnämnden", "SD", 3, true, "2022-11-01", nil),
        ("Sofia Wallin", "Styrelseordförande, Exempeltrafiken AB", "C", 4, true, "2023-01-01", nil),
        ("Magnus Holm", "Regiondirektör", nil, 5, false, "2020-03-01", nil),
        ("Helena Sjöberg", "Regional utvecklingsdirektör", nil, 1, false, "2021-05-01", nil),
        ("Andreas Nilsson", "Hälso- och sjukvårdsdirektör", nil, 2, false, "2019-09-01", nil),
        ("Linnea Björk", "Kulturchef", nil, 3, false, "2022-02-01", nil),
        ("Oskar Lund", "Verkställande direktör, Exempeltrafiken AB", nil, 4, false, "2021-01-01", nil),
        ("Ingrid Persson", "Näringslivsstrateg", nil, 1, false, "2023-04-01", nil),
        ("Fredrik Axelsson", "Infrastrukturstrateg", nil, 1, false, "2020-08-01", "2026-03-31"),
        ("Emma Karlsson", "Infrastrukturstrateg", nil, 1, false, "2026-04-01", nil),
        ("Jonas Wikström", "Kommunikationsdirektör", nil, 5, false, "2018-01-01", nil),
    ]

    /// (name, kind, organisation number base (nine digits; the check digit is computed), EU Transparency Register id, website)
    static let organisations: [(String, OrganisationKind, String?, String?, String?)] = [
        ("Klarälvens Energi AB", .company, "556710123", nil, "https://klaralvensenergi.example"),
        ("Nordvind Kommunikation AB", .consultancy, "556802345", "123456789012-34", "https://nordvind.example"),
        ("Exempelbygg i Mellansverige AB", .company, "556633456", nil, "https://exempelbygg.example"),
        ("Föreningen Levande Glesbygd", .ngo, "802456789", nil, "https://levandeglesbygd.example"),
        ("Handelskammaren Exempelregionen", .tradeAssociation, "883201234", "987654321-09", "https://handelskammaren.example"),
        ("Vårdförbundet avdelning Exempel", .union, "802012345", nil, nil),
        ("Järnvägsfrämjandet Väst–Öst", .ngo, "802334567", nil, "https://jarnvagsframjandet.example"),
        ("Skogsägarna Norra Exempel ek. för.", .tradeAssociation, "769601234", nil, "https://skogsagarna.example"),
        ("Medtech Innovation Sverige AB", .company, "559012345", "555444333222-11", "https://medtechinnovation.example"),
        ("Lobbykraft Public Affairs AB", .consultancy, "559123456", "111222333444-55", "https://lobbykraft.example"),
        ("Regionala Busstrafikens Branschförening", .tradeAssociation, "802198765", nil, nil),
        ("Fiberföreningen Byanätet", .ngo, "769612345", nil, nil),
        ("Patientföreningen Hjärtat", .ngo, "802567890", nil, "https://patienthjartat.example"),
        ("Exempelkommunen", .publicAuthority, "212000123", nil, "https://exempelkommunen.example"),
        ("Grannkommunen", .publicAuthority, "212000456", nil, "https://grannkommunen.example"),
        ("Länsstyrelsen i Exempellän", .publicAuthority, "202100789", nil, nil),
        ("Vindkraft Öst Projekt AB", .company, "559234567", nil, "https://vindkraftost.example"),
        ("Sjukhusapoteket Norden AB", .company, "556987654", nil, nil),
        ("Konstnärernas Riksförening Exempel", .ngo, "802123987", nil, nil),
        ("Teaterföreningen Scenrummet", .ngo, "802654321", nil, "https://scenrummet.example"),
        ("Exempel Turism AB", .company, "556876543", nil, "https://exempelturism.example"),
        ("Transportarbetare Exempel, avd. 7", .union, "802777888", nil, nil),
        ("Företagarna Exempelregionen", .tradeAssociation, "802345678", "222333444555-66", "https://foretagarna.example"),
        ("Bergslagens Gruv AB", .company, "556543210", nil, "https://bergslagensgruv.example"),
        ("Strategikonsult Öst AB", .consultancy, "559345678", nil, "https://strategikonsult.example"),
        ("Naturskyddet Exempellän", .ngo, "802888999", nil, "https://naturskyddet.example"),
        ("Cykelfrämjandet Exempel", .ngo, "802111222", nil, nil),
        ("Laddinfra Sverige AB", .company, "559456789", "333444555666-77", "https://laddinfra.example"),
        ("Exempelhamnen AB", .company, "556321987", nil, "https://exempelhamnen.example"),
        ("Universitetet i Exempelstad", .publicAuthority, "202100111", nil, "https://uni.example"),
        ("Digitalvård Norden AB", .company, "559567890", nil, "https://digitalvard.example"),
        ("Läkarföreningen Exempel", .union, "802999111", nil, nil),
        ("Pensionärsföreningen Silver", .ngo, "802222333", nil, nil),
        ("Livsmedelsklustret Exempel ek. för.", .tradeAssociation, "769623456", nil, "https://livsmedelsklustret.example"),
        ("Flygplatsen Exempelstad AB", .company, "556456789", nil, "https://flygplatsen.example"),
        ("Biogas Väst AB", .company, "559678901", nil, "https://biogasvast.example"),
        ("Samhällskontakt Norr AB", .consultancy, "559789012", "444555666777-88", "https://samhallskontakt.example"),
        ("Idrottsförbundet Exempel", .ngo, "802333444", nil, "https://idrott.example"),
        ("Nybyggarnas Hantverk (enskild firma)", .company, nil, nil, nil),
        ("Arkitektkontoret Linje & Form AB", .company, "556234567", nil, "https://linjeform.example"),
    ]

    /// The personnummer of the sole trader above (fictitious, with a valid check digit).
    static let soleTraderPersonnummer = "19800101-0001"

    /// (title, summary, position, closed, case number, policy areas, unit index)
    static let issues: [(String, String, String, Bool, String?, [String], Int)] = [
        ("Dubbelspår på Exempelbanan", "Utbyggnad av dubbelspår mellan Exempelstad och Grannstad.", "Regionen verkar för att dubbelspåret prioriteras i nationell plan 2026–2037.", false, "RS/2024:112", ["Infrastruktur", "Kollektivtrafik"], 1),
        ("Ny regional kollektivtrafikplan", "Trafikförsörjningsprogrammet för 2026–2030.", "Fler avgångar på landsbygden och enhetlig taxa.", false, "RUN/2024:045", ["Kollektivtrafik"], 4),
        ("Vindkraft i Norra skogen", "Planerad vindkraftpark och regionens yttrande.", "Regionen ställer krav på lokal nytta och hänsyn till rennäring och friluftsliv.", false, "RUN/2025:017", ["Energi", "Miljö"], 1),
        ("Akutsjukvårdens lokalisering", "Framtida placering av akutmottagningar.", "Två akutmottagningar behålls med utökad nattöppen primärvård.", false, "HSN/2024:201", ["Hälso- och sjukvård"], 2),
        ("Digitala vårdtjänster", "Upphandling av digital vårdplattform.", "Vården ska vara digital först där det gagnar patienten, med krav på öppna gränssnitt.", false, "HSN/2025:033", ["Hälso- och sjukvård", "Digitalisering"], 2),
        ("Bredband på landsbygden", "Stöd till utbyggnad av fiber i glesbygd.", "Alla hushåll ska ha tillgång till 1 Gbit/s år 2028.", false, "RUN/2023:098", ["Digitalisering", "Landsbygd"], 1),
        ("Kulturstöd till fria grupper", "Fördelning av regionalt verksamhetsstöd.", "Stödet ska öka och fördelas med armlängds avstånd.", false, "KN/2025:004", ["Kultur"], 3),
        ("Gruvetablering i Bergslagen", "Ny gruva och regionens roll i kompetensförsörjning och infrastruktur.", "Regionen välkomnar etableringen med krav på hållbar vattenhantering.", false, "RS/2025:061", ["Näringsliv", "Miljö"], 0),
        ("Laddinfrastruktur längs stråken", "Publika laddstationer för tung trafik.", "Regionen samordnar kommunernas planering och söker statligt stöd.", true, "RUN/2024:077", ["Energi", "Infrastruktur"], 1),
        ("Hamnens utbyggnad", "Farledsfördjupning och ny kaj i Exempelhamnen.", "Regionen stöder utbyggnaden som del av ett hållbart godstransportstråk.", false, "RS/2024:150", ["Infrastruktur", "Näringsliv"], 0),
        ("Kompetensförsörjning i vården", "Utbildningsplatser och bemanning.", "Fler utbildningsplatser för sjuksköterskor och minskat beroende av hyrpersonal.", false, "HSN/2025:090", ["Hälso- och sjukvård", "Kompetensförsörjning"], 2),
        ("Flygplatsens framtid", "Regionens ägarbidrag till flygplatsen.", "Bidraget prövas årligen mot tillgänglighetsmål.", true, "RS/2023:201", ["Infrastruktur"], 0),
    ]
}
