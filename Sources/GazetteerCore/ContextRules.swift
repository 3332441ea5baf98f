import TextMatching

/// The words around a name that decide whether it is a place and which one: read from
/// `Gazetteer/context.tsv` (data, not code).
///
/// Rows are `rule <tab> phrase <tab> value`:
/// - `place-evidence NAME`: NAME is also a common word (البيضاء "the white", سرت "I walked"),
///   a place only with place evidence around it;
/// - `village-evidence NAME`: NAME is an everyday word of news Arabic (المبنى "the building",
///   الطلاب "the students") that names only a village or a quarter: a place only after a noun
///   that says a place's name follows (منطقة، بلدة، قرية), or where the article names a place
///   within 30 km of it (its town, a neighbour); "في" before it is not enough;
/// - `libyan-context NAME`: NAME means a Libyan place only in a Libyan article (العاصمة);
/// - `ignore-name NAME [ID]`: a name GeoNames lists that matches noise (colonial surnames):
///   never matched, for the place ID or for all;
/// - `evidence WORD`: a word before a name that marks it as a place (مدينة، في، قرب, near);
/// - `name-evidence WORD`: a noun before a name that says it names a place (مدينة، منطقة، حي),
///   the evidence a common word that only a bulk source knows as a place needs; also `evidence`;
/// - `country-cue PHRASE CC`: a phrase that places the article in country CC (حفتر → LY).
public struct ContextRules: Sendable {
    public enum NameRule: String, Sendable {
        case placeEvidence = "place-evidence"
        case libyanContext = "libyan-context"
        case villageEvidence = "village-evidence"
    }

    /// Rules by the name's normalised keys joined with a space.
    public private(set) var nameRules: [String: NameRule] = [:]
    /// Names never matched, by normalised keys: for the listed place ids, or for every place
    /// where the set is empty.
    public private(set) var ignoredNames: [String: Set<String>] = [:]
    /// Keys of the words that mark a following name as a place.
    public private(set) var evidenceKeys: Set<String> = []
    /// Keys of the nouns that say the following name is a place's (`name-evidence`).
    public private(set) var nameEvidenceKeys: Set<String> = []
    /// ``evidenceKeys`` as letters, for ``Token/folded`` and the letters left when a proclitic
    /// is taken off it: asked of the word before every name, where a string made of the
    /// letters and hashed for each question cost more than the question.
    public private(set) var evidenceWords = LetterSet([])
    /// ``nameEvidenceKeys`` as letters (see ``evidenceWords``).
    public private(set) var nameEvidenceWords = LetterSet([])
    /// Phrases that point to a country.
    public private(set) var countryCues = PhraseIndex<String>()

    public init() {}

    public init(text: String, file: String) throws(GazetteerError) {
        for (number, rawLine) in text.lines().enumerated() {
            let line = number + 1
            let content = rawLine.trimmingCharacters(in: .whitespaces)
            if content.isEmpty || content.hasPrefix("#") { continue }
            let fields = content.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count >= 2, !fields[1].isEmpty else {
                throw .badLine(file: file, line: line, reason: "expected: rule <tab> phrase [<tab> value]")
            }
            switch fields[0] {
            case "place-evidence", "libyan-context", "village-evidence":
                nameRules[Normalizer.keys(of: fields[1]).joined(separator: " ")] = NameRule(rawValue: fields[0])
            case "ignore-name":
                let key = Normalizer.keys(of: fields[1]).joined(separator: " ")
                var ids = ignoredNames[key] ?? []
                if fields.count == 3, !fields[2].isEmpty { ids.insert(fields[2]) }
                ignoredNames[key] = fields.count == 3 && !fields[2].isEmpty ? ids : []
            case "evidence", "name-evidence":
                for key in Normalizer.keys(of: fields[1]) {
                    evidenceKeys.insert(key)
                    if fields[0] == "name-evidence" { nameEvidenceKeys.insert(key) }
                }
                // The word as written too, so that the article of في-like words is not lost.
                if let token = Tokenizer.tokens(in: fields[1]).first {
                    evidenceKeys.insert(token.foldedText)
                    if fields[0] == "name-evidence" { nameEvidenceKeys.insert(token.foldedText) }
                }
            case "country-cue":
                guard fields.count == 3, fields[2].count == 2 else {
                    throw .badLine(file: file, line: line, reason: "country-cue needs a phrase and a two-letter country code")
                }
                countryCues.insert(fields[1], payload: fields[2])
            default:
                throw .badLine(file: file, line: line, reason: "unknown rule '\(fields[0])': use place-evidence, village-evidence, libyan-context, ignore-name, evidence, name-evidence or country-cue")
            }
        }
        evidenceWords = LetterSet(evidenceKeys.map { Letters(Array($0.unicodeScalars)) })
        nameEvidenceWords = LetterSet(nameEvidenceKeys.map { Letters(Array($0.unicodeScalars)) })
    }

    /// True when `keys` (a name's normalised keys) must not be matched for `placeID`.
    public func isIgnored(_ keys: [String], for placeID: String) -> Bool {
        guard let ids = ignoredNames[keys.joined(separator: " ")] else { return false }
        return ids.isEmpty || ids.contains(placeID)
    }
}
