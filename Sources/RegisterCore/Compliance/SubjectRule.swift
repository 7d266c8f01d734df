/// When a meeting's subject says nothing, for the compliance report. A subject's
/// words are its runs of letters and digits, compared case-insensitively (so
/// "Avstämning, möte" has the words "avstämning" and "möte"). A subject is vague when
///
/// 1. the words of the registrar's vague phrases (each phrase's words in a row,
///    anywhere in the subject) cover at least half of its words: "Möte", "Allmän
///    diskussion", "Avstämning och dialog", "Möte med Nordvind" (2 of 4 words) are
///    vague; "Möte om dubbelspåret" (1 of 3) is not; or otherwise
/// 2. it has fewer words than the minimum (3 unless `subject-minimum-words` says
///    otherwise): "Vätgas" and "Budget 2027" are too short.
public struct SubjectRule: Sendable {
    /// Why a subject says nothing.
    public enum Verdict: Sendable, Equatable {
        /// The vague phrase that covers (the first that covers) its words.
        case vaguePhrase(String)
        /// It has this many words, fewer than the minimum.
        case tooShort(words: Int)
    }

    public let minimumWords: Int
    private let phrases: [(text: String, words: [String])]

    public init(minimumWords: Int, phrases: [String]) {
        self.minimumWords = minimumWords
        self.phrases = phrases.map { ($0, Self.words($0)) }.filter { !$0.words.isEmpty }
    }

    public init(_ settings: RegisterSettings) {
        self.init(minimumWords: settings.minimumSubjectWords, phrases: settings.vaguePhraseList)
    }

    /// The subject's words, lowercased.
    public static func words(_ text: String) -> [String] {
        text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    /// Why `subject` says nothing, or nil when it says something.
    public func verdict(_ subject: String) -> Verdict? {
        let words = Self.words(subject)
        guard !words.isEmpty else { return .tooShort(words: 0) }
        var covered = Set<Int>()
        var first: String?
        for phrase in phrases where phrase.words.count <= words.count {
            for start in 0...(words.count - phrase.words.count)
            where Array(words[start..<(start + phrase.words.count)]) == phrase.words {
                covered.formUnion(start..<(start + phrase.words.count))
                if first == nil { first = phrase.text }
            }
        }
        if let first, covered.count * 2 >= words.count { return .vaguePhrase(first) }
        if words.count < minimumWords { return .tooShort(words: words.count) }
        return nil
    }
}
