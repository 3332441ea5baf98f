import IncidentMapCore
import TextMatching

extension Gazetteer {
    /// Every name of the gazetteer found in `text`, longest first, before any choice is made.
    public func mentions(in text: String) -> [Mention] {
        let scalars = [Unicode.Scalar](scalarsOf: text)
        return mentions(in: scalars, tokens: Tokenizer.tokens(in: scalars))
    }

    func mentions(in scalars: [Unicode.Scalar], tokens: [Token]) -> [Mention] {
        let text = self.text
        return mentions(in: scalars, tokens: tokens, names: text.index.matches(in: tokens), text: text)
    }

    /// The mentions of the names found in `tokens` (`names`, the name index's matches), then
    /// the Latin spellings found by their consonants.
    func mentions(in scalars: [Unicode.Scalar], tokens: [Token], names: [PhraseMatch<String>], text: TextIndexes) -> [Mention] {
        func mention(_ match: PhraseMatch<String>) -> Mention {
            Mention(text: String(scalars: scalars[match.start..<match.end]),
                    start: match.start, end: match.end, placeIDs: match.payloads,
                    firstToken: match.firstToken, tokenCount: match.tokenCount,
                    detachedClitic: match.detachedClitic)
        }
        var found = names.map(mention)
        // Latin spellings that differ from every listed one only in their vowels, in
        // capitalised words that no exact name covers.
        guard tokens.contains(where: { $0.script == .latin && $0.isCapitalised }) else { return found }
        var covered = Set<Int>()
        for exact in found { covered.formUnion(exact.firstToken..<(exact.firstToken + exact.tokenCount)) }
        for match in text.consonantIndex.matches(in: Tokenizer.consonantTokens(tokens))
        where tokens[match.firstToken].isCapitalised
            && (match.firstToken..<(match.firstToken + match.tokenCount)).allSatisfy({ !covered.contains($0) && tokens[$0].script == .latin })
            && !isInsideLongerName(match, tokens: tokens, scalars: scalars)
            && isNearSpelling(match, tokens: tokens) {
            found.append(mention(match))
        }
        return found.sorted { $0.start < $1.start }
    }

    /// A capitalised word right before or after ("Khalifa Haftar", "Ibrahim Jadhran") makes the
    /// words a person's or a body's name, not a place spelt another way.
    func isInsideLongerName(_ match: PhraseMatch<String>, tokens: [Token], scalars: [Unicode.Scalar]) -> Bool {
        let end = match.firstToken + match.tokenCount
        if end < tokens.count, tokens[end].script == .latin, tokens[end].isCapitalised,
           scalars[tokens[end - 1].end..<tokens[end].start].allSatisfy({ $0 == " " }) { return true }
        guard match.firstToken > 0 else { return false }
        let previous = tokens[match.firstToken - 1]
        return previous.script == .latin && previous.isCapitalised
            && scalars[previous.end..<tokens[match.firstToken].start].allSatisfy({ $0 == " " })
    }

    /// The words differ from one of the place's names by two letters at most, beginning alike,
    /// and are not the name made an adjective of origin: a nisba, the name with -i after its
    /// last consonant (Dahmani of Dahman, Zintani of Zintan, Misrati of Misrat), is a family's
    /// or a quarter's name or a side's origin ("Zawiyat al-Dahmani", "Zintani fighters"), not the
    /// place, though only a vowel sets it apart.
    func isNearSpelling(_ match: PhraseMatch<String>, tokens: [Token]) -> Bool {
        let written = tokens[match.firstToken..<(match.firstToken + match.tokenCount)].map(\.key).joined(separator: " ")
        return match.payloads.contains { id in
            places[id]?.names.contains { name in
                let key = Normalizer.keys(of: name).joined(separator: " ")
                return key.first == written.first && SearchKey.editDistance(key, written) <= 2 && !isNisba(written, of: key)
            } ?? false
        }
    }

    /// The last word of `written` is that of `name` with a final -i added after a consonant
    /// (both as keys: lowercased, the article merged).
    func isNisba(_ written: String, of name: String) -> Bool {
        guard let nameWord = name.split(separator: " ").last, let last = nameWord.last, !"aeiou".contains(last),
              let writtenWord = written.split(separator: " ").last else { return false }
        return writtenWord == nameWord + "i"
    }

    /// The places `text` names: each mention checked against the context rules (a common
    /// word needs place evidence; "the capital" needs a Libyan article) and, among namesakes,
    /// the place of the country the text is about.
    ///
    /// ```swift
    /// gazetteer.resolve("Clashes in Tripoli between Haftar's forces and the GNA")
    ///     .resolved.first?.place.countryCode   // "LY"
    /// ```
    public func resolve(_ text: String) -> TextResolution {
        let scalars = [Unicode.Scalar](scalarsOf: text)
        return resolve(scalars, tokens: Tokenizer.tokens(in: scalars))
    }

    /// ``resolve(_:)`` for text already split into scalars and tokenised (extraction does
    /// both once for every stage).
    public func resolve(_ scalars: [Unicode.Scalar], tokens: [Token]) -> TextResolution {
        let text = self.text
        return resolve(scalars, tokens: tokens, found: text.index.matches(in: tokens),
                       countryCues: rules.countryCues.matches(in: tokens), text: text)
    }

    /// The phrase indexes reading a text walks, names first, then the country cues: a reader
    /// that walks its own indexes over the same tokens (extraction's lexicon) walks these with
    /// them, as one ``CombinedPhraseIndex``, and hands their matches to
    /// ``resolve(_:tokens:names:)``.
    ///
    /// ```swift
    /// let combined = CombinedPhraseIndex(gazetteer.textPhrases + lexiconPhrases)
    /// let names = gazetteer.nameMatches(combined.matches(in: tokens), firstMember: 0)
    /// let places = gazetteer.resolve(scalars, tokens: tokens, names: names)
    /// ```
    public var textPhrases: [PhraseSet] { [index.phrases, rules.countryCues.phrases] }

    /// The names and country cues of a walk of ``textPhrases`` as members `firstMember` and
    /// the one after it: the same as the gazetteer finds walking them alone.
    public func nameMatches(_ found: CombinedPhraseMatches, firstMember: Int) -> NameMatches {
        NameMatches(names: index.matches(found, member: firstMember),
                    countryCues: rules.countryCues.matches(found, member: firstMember + 1))
    }

    /// ``resolve(_:)`` for text already split into scalars and tokenised whose names were
    /// found by a walk of ``textPhrases`` (``nameMatches(_:firstMember:)``).
    public func resolve(_ scalars: [Unicode.Scalar], tokens: [Token], names: NameMatches) -> TextResolution {
        resolve(scalars, tokens: tokens, found: names.names, countryCues: names.countryCues, text: text)
    }

    private func resolve(_ scalars: [Unicode.Scalar], tokens: [Token], found names: [PhraseMatch<String>],
                         countryCues: [PhraseMatch<String>], text: TextIndexes) -> TextResolution {
        let found = mentions(in: scalars, tokens: tokens, names: names, text: text)
        let weights = countryWeights(found: found, countryCues: countryCues)
        let total = weights.values.reduce(0, +)
        let main = weights.max { ($0.value, $1.key) < ($1.value, $0.key) }
        let mainCountry = main.flatMap { total > 0 && $0.value / total >= 0.5 ? $0.key : nil }

        // The places the text names without doubt: a namesake near one of them is the one the
        // text means (حي الناصرية in an article on Sabha, not the town of An Nasiriyah 600 km
        // away). Distinct places and a cache per candidate keep this linear in the text.
        var anchors: [String: Coordinate] = [:]
        for mention in found where mention.placeIDs.count == 1 {
            if let place = places[mention.placeIDs[0]], ![.country, .district, .region].contains(place.kind) {
                anchors[place.id] = place.coordinate
            }
        }
        var nearAnAnchor: [String: Bool] = [:]
        func isNearAnAnchor(_ place: Place) -> Bool {
            if let known = nearAnAnchor[place.id] { return known }
            let near = anchors.contains { id, coordinate in
                id != place.id && Geodesic.isWithin(30_000, from: place.coordinate, to: coordinate)
            }
            nearAnAnchor[place.id] = near
            return near
        }

        var resolved: [ResolvedPlace] = []
        var rejected: [RejectedMention] = []
        // The choice among a name's places depends on the places alone (the article's weights
        // and anchors are fixed by now): made once per article for each list of places, where an
        // article names the same town again and again. Each choice copied every candidate place
        // out of the gazetteer, scored and sorted them.
        // Found by comparing the lists, not by hashing them: an article names a few dozen
        // places at most, and a list shared by mentions of one name is one array (compared by
        // its storage first), where hashing it hashed every id's string.
        var choices: [(placeIDs: [String], choice: Choice)] = []
        for mention in found {
            // In Latin script a name is capitalised ("Sirte", "al-Zawiya"); "the capital" is the
            // one kind of name that is not.
            let first = tokens[mention.firstToken]
            if first.script == .latin, !first.isCapitalised, first.key != "the" {
                rejected.append(RejectedMention(mention: mention, reason: "'\(mention.text)' is not capitalised: a common word, not a name"))
                continue
            }
            // A proclitic on the name (بسرت) is in the token's key, not the name's.
            let rule = text.nameRules.payloads(exactly: tokens[mention.firstToken..<(mention.firstToken + mention.tokenCount)]).first
                ?? (mention.detachedClitic ? text.nameRules.payloads(exactly: Tokenizer.tokens(in: mention.text)[...]).first : nil)
            switch rule {
            case .placeEvidence where !hasPlaceEvidence(mention, tokens: tokens):
                rejected.append(RejectedMention(mention: mention, reason: "'\(mention.text)' is also a common word: no place evidence (مدينة، في، قرب، near, a capital letter …) before it"))
                continue
            case .villageEvidence where !hasEvidenceWord(before: mention, tokens: tokens)
                    && !mention.placeIDs.contains(where: { id in places[id].map(isNearAnAnchor) ?? false }):
                rejected.append(RejectedMention(mention: mention, reason: "'\(mention.text)' is an everyday word that names only a village: a place only after منطقة، بلدة، قرية … or beside a place the article names within 30 km"))
                continue
            case .libyanContext where mainCountry != "LY":
                rejected.append(RejectedMention(mention: mention, reason: "'\(mention.text)' names Tripoli only in an article about Libya"))
                continue
            default:
                break
            }
            // After a noun that says a place's name follows ("بمنطقة سدادة", "بلدة سدادة"), the
            // name is one written without its article, as news often writes it there.
            if lacksItsArticle(mention, tokens: tokens, text: text), !hasEvidenceWord(before: mention, tokens: tokens) {
                rejected.append(RejectedMention(mention: mention, reason: "'\(mention.text)' is written without the article its place's name has (مائة is not الماية, مدينة not المدينة)"))
                continue
            }
            if isBulkCommonWordCandidate(mention, tokens: tokens, text: text), !hasEvidenceWord(before: mention, tokens: tokens) {
                rejected.append(RejectedMention(mention: mention, reason: "'\(mention.text)' names only a place from a bulk source and may be a common word (المدينة, السبعة): a place only after مدينة، منطقة، بلدة، في …"))
                continue
            }
            let choice: Choice
            if let known = choices.first(where: { $0.placeIDs == mention.placeIDs }) {
                choice = known.choice
            } else {
                let candidates = mention.placeIDs.compactMap { places[$0] }.map { place in
                    Candidate(placeID: place.id, score: score(place, weights: weights, total: total)
                              + (mention.placeIDs.count > 1 && isNearAnAnchor(place) ? 0.1 : 0))
                }.sorted { ($0.score, $1.placeID) > ($1.score, $0.placeID) }
                choice = Choice(candidates: candidates, place: candidates.first.flatMap { places[$0.placeID] })
                choices.append((mention.placeIDs, choice))
            }
            let candidates = choice.candidates
            guard let best = candidates.first, let place = choice.place else { continue }
            let reason: String
            if candidates.count == 1 {
                reason = "the only place named '\(mention.text)'"
            } else {
                reason = "\(candidates.count) places are named '\(mention.text)'; the text points to \(mainCountry ?? "no one country"), so \(place.nameEnglish) (\(place.countryCode))"
            }
            resolved.append(ResolvedPlace(mention: mention, place: place, score: best.score,
                                          candidates: candidates, reason: reason))
        }
        return TextResolution(resolved: resolved, rejected: rejected, countryWeights: weights, mainCountry: mainCountry)
    }

    /// The places a list of namesakes' ids names, scored and best first, and the best place.
    private struct Choice {
        var candidates: [Candidate]
        var place: Place?
    }

    /// The country of the place of `id`, read where the place is held: `places[id]?.countryCode`
    /// copied the whole place out first (its every string and array retained and released).
    func countryCode(ofPlace id: String) -> String? {
        places.index(forKey: id).map { places.values[$0].countryCode }
    }

    /// Unambiguous place names count 1 for their country, cue words (حفتر، الوفاق، Hezbollah)
    /// 1 for theirs.
    func countryWeights(found: [Mention], countryCues: [PhraseMatch<String>]) -> [String: Double] {
        var weights: [String: Double] = [:]
        for mention in found {
            // The one country all the mention's places are in, if they are in one (no set made
            // for each mention).
            var country: String?
            var oneCountry = true
            for id in mention.placeIDs {
                guard let code = countryCode(ofPlace: id) else { continue }
                if let known = country, known != code { oneCountry = false; break }
                country = code
            }
            if oneCountry, let country { weights[country, default: 0] += 1 }
        }
        for cue in countryCues {
            for country in cue.payloads { weights[country, default: 0] += 1 }
        }
        return weights
    }

    func score(_ place: Place, weights: [String: Double], total: Double) -> Double {
        let share = total > 0 ? (weights[place.countryCode] ?? 0) / total : (place.isLibyan ? 1 : 0)
        let size = min(1, Double(place.population ?? 0) / 1_000_000)
        // A town over the district or country of the same name ("تونس": Tunis, not Tunisia).
        let specific = [.country, .district, .region].contains(place.kind) ? 0.0 : 0.02
        let value = 0.3 + 0.55 * share + 0.08 * size + (place.isLibyan ? 0.05 : 0) + specific
        return (value * 1000).rounded() / 1000
    }

    /// One Arabic word, a name with the article (المدينة "the city", السبعة "the seven"), that
    /// names only places no curator has seen (OpenStreetMap's villages and hamlets): such names
    /// are common words as often as they are places.
    func isBulkCommonWordCandidate(_ mention: Mention, tokens: [Token], text: TextIndexes) -> Bool {
        mention.tokenCount == 1 && tokens[mention.firstToken].script == .arabic
            && mention.placeIDs.allSatisfy { text.bulkArticleWordPlaces.contains($0) || places.index(forKey: $0) == nil }
    }

    /// An Arabic name written with the article (الماية، الكفرة) is written with it in the text
    /// too; the same letters without it are another word (مائة "hundred", مدينة "city").
    func lacksItsArticle(_ mention: Mention, tokens: [Token], text: TextIndexes) -> Bool {
        let articleOnlyKeys = text.articleOnlyKeys
        guard mention.tokenCount == 1, tokens[mention.firstToken].script == .arabic,
              mention.placeIDs.allSatisfy({ articleOnlyKeys[$0] != nil }) else { return false }
        // The word without و/ف, then without ب/ك/ل: one of them is the name as written.
        let folded = tokens[mention.firstToken].folded
        var stems: [Letters.SubSequence] = [folded[...]]
        if let first = folded.first, first == "\u{0648}" || first == "\u{0641}", folded.count > 3 { stems.append(folded.dropFirst()) }
        for stem in stems where stem.count > 3 {
            if let first = stem.first, first == "\u{0628}" || first == "\u{0643}" || first == "\u{0644}" { stems.append(stem.dropFirst()) }
        }
        let alef: Unicode.Scalar = "\u{0627}", lam: Unicode.Scalar = "\u{0644}"
        if stems.contains(where: { ($0.first == alef || $0.first == lam) && $0.dropFirst().first == lam }) { return false }
        // Compared as keys, as the place's names were (ة and ه, hamza forms folded alike). The
        // stems are folded Arabic letters already, which tokenise as one Arabic word: its key
        // is theirs (each stem was a string tokenised anew).
        let stemKeys = Set(stems.map { Normalizer.arabicKey($0) })
        // Every name of the place with these letters has the article.
        return mention.placeIDs.allSatisfy { id in
            !(articleOnlyKeys[id] ?? []).isDisjoint(with: stemKeys)
        }
    }

    /// A noun that says a place's name follows (مدينة، منطقة، بلدة، حي …) right before it.
    func hasEvidenceWord(before mention: Mention, tokens: [Token]) -> Bool {
        guard mention.firstToken > 0 else { return false }
        return Self.isListed(tokens[mention.firstToken - 1], in: rules.nameEvidenceKeys, words: rules.nameEvidenceWords)
    }

    /// Whether `word`, or `word` after the proclitics written onto it (وفي، ومدينة، لمدينة، وبمنطقة:
    /// a conjunction, then a preposition), is one of `keys`; `words` holds the same keys as
    /// letters, asked of the word's letters without a string made of them.
    static func isListed(_ word: Token, in keys: Set<String>, words: LetterSet) -> Bool {
        if words.contains(word.folded) || keys.contains(word.key) { return true }
        guard word.script == .arabic else { return false }
        var letters = word.folded
        if let first = letters.first, first == "و" || first == "ف", letters.count > 2 {
            letters = letters.droppingFirst()
            if words.contains(letters) { return true }
        }
        guard let first = letters.first, first == "ب" || first == "ل" || first == "ك", letters.count > 2 else { return false }
        return words.contains(letters.droppingFirst())
    }

    /// A place-evidence word right before the name, a detached proclitic (بسرت "in Sirte"),
    /// or, in Latin script, a capital letter.
    func hasPlaceEvidence(_ mention: Mention, tokens: [Token]) -> Bool {
        let first = tokens[mention.firstToken]
        if first.script == .latin { return first.isCapitalised }
        if mention.detachedClitic { return true }
        guard mention.firstToken > 0 else { return false }
        return Self.isListed(tokens[mention.firstToken - 1], in: rules.evidenceKeys, words: rules.evidenceWords)
    }
}
