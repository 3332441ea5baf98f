import Gazetteer
import IncidentMapCore
import TextMatching

/// The role a place plays in its clause, where that role is not the scene: what a distance is
/// measured from, where a force withdrew to, which town a speaking body is of, which town a
/// quarter belongs to (`PlaceChoice.swift` reads the other frames, `Datelines.swift` where a
/// report was filed).
///
/// Libyan reports locate a village by a distance from a known town ("in Wishtata, 40 km south
/// of Sirte", "على بعد 30 كيلومترا إلى الغرب من طرابلس"), tell a withdrawal with the places the
/// force went towards ("انسحبت باتجاه مناطق العجيلات والجميل") and quote a town's council or
/// elders ("عميد بلدية زليتن", "مجلس حكماء وأعيان الزاوية"). ACLED's coders place the event where
/// it happened: none of these towns, where the text names that place. The words are
/// `Data/lexicons/words.tsv`'s.
extension IncidentExtractor {
    // MARK: - Never the scene

    /// "in Wishtata, 40 km south of Sirte", "some 25 km to the west of the capital",
    /// "تبعد نحو 25 كيلومترا إلى الغرب من طرابلس", "على بعد 45 كلم جنوب غرب بني وليد": a
    /// place after a unit of distance and nothing but the words of a direction is what the
    /// distance is measured from. (The cue for a unit right before a place reads two words; a
    /// direction told with its article and "to", or with two compass words, takes more.)
    func isDistanceReference(_ place: ResolvedPlace, tokens: [Token]) -> Bool {
        let index = tokenBeforeDirection(place, tokens: tokens)
        return index >= 0 && words.contains(tokens[index], in: .distanceUnit)
    }

    /// "إلى الغرب من طرابلس", "in Zuwara, to the west of Zawiya": a direction told with its
    /// article after "to" and before "of" measures from the place, as "west of" does; unlike "غرب
    /// طرابلس" it never names a part of the town. In English only in apposition to a place named
    /// right before "to": "fighting spread to the south of the city" is in the city.
    func isSideReference(_ place: ResolvedPlace, among places: [ResolvedPlace], tokens: [Token]) -> Bool {
        let start = tokenBeforeDirection(place, tokens: tokens) + 1
        let span = start..<place.mention.firstToken
        guard span.count >= 3, let to = span.first(where: { PlaceFrameWords.to.contains(tokens[$0].folded) }) else { return false }
        let hasSide = span.contains {
            words.contains(tokens[$0], in: .arabicSide) || PlaceFrameWords.compass.contains(tokens[$0].folded)
        }
        guard hasSide, span.contains(where: { tokens[$0].folded == PlaceFrameWords.of || PlaceFrameWords.from.contains(tokens[$0].folded) })
        else { return false }
        return tokens[to].script == .arabic || isAnotherPlace(than: place, among: places, endingBefore: to, within: 0...0)
    }

    /// The last token before `place` that is not a word of a direction or of the place's
    /// introduction ("to the south-west of the capital", "إلى الغرب من مدينة"), over at most
    /// seven of them; -1 at the text's start.
    func tokenBeforeDirection(_ place: ResolvedPlace, tokens: [Token]) -> Int {
        tokenBefore(place, atMost: 7, tokens: tokens, skipping: isDirectionWord)
    }

    /// A compass word, a direction with its article, or a word that joins a direction to its
    /// place ("of", من, "the capital", مدينة).
    func isDirectionWord(_ token: Token) -> Bool {
        words.contains(token, in: .directionFiller) || PlaceFrameWords.compass.contains(token.folded)
            || PlaceFrameWords.referenceFiller.contains(token.folded) || PlaceFrameWords.arabicFiller.contains(token.folded)
            || (token.script == .arabic && PlaceFrameWords.arabicCompass.contains(stripped(token)))
    }

    /// "انسحبت القوات من المدينة باتجاه مناطق العجيلات والجميل", "the fighters retreated towards
    /// Bani Walid": where a force withdrew or fled to, after a word of direction, is not where
    /// anything happened (the withdrawal is from the place it left).
    func isWhereAForceWithdrewTo(_ place: ResolvedPlace, tokens: [Token]) -> Bool {
        let first = place.mention.firstToken
        let window = max(0, first - 6)..<first
        guard let toward = window.last(where: { words.contains(tokens[$0], in: .toward) }) else { return false }
        let before = max(0, toward - 7)..<toward
        return before.contains { words.contains(tokens[$0], in: .withdrawal, detachedClitic: tokens[$0].script == .arabic) }
    }

    // MARK: - References where another place is named

    /// "قال عميد بلدية زليتن إن …", "المجلس البلدي مصراتة", "مجلس حكماء وأعيان الزاوية", "مصادر
    /// محلية في مدينة غريان", "the mayor of Zawiya", "the Misrata municipal council", "sources in
    /// Sabha": the town names the body or the source that speaks or acts, and is where the event
    /// was only where the sentence names no other place.
    func isSpeakingBodysTown(_ place: ResolvedPlace, tokens: [Token]) -> Bool {
        let end = place.mention.firstToken + place.mention.tokenCount
        let index = tokenBefore(place, atMost: 4, tokens: tokens, skipping: isBodyFiller)
        if index >= 0, words.contains(tokens[index], in: .speakingBody, detachedClitic: tokens[index].script == .arabic) { return true }
        // "Misrata residents said", but not "in Wadi al-Rabi and Espiaa, local residents reported":
        // the body follows its town with one space, no comma.
        return end < tokens.count && tokens[end].script == .latin && tokens[end].start - tokens[end - 1].end == 1
            && words.contains(tokens[end], in: .speakingBodyAfter)
    }

    /// "منطقة الحرشة التابعة لمدينة الزاوية", "قرية … التابعة لبلدية الشقيقة": the town a place
    /// named just before belongs to says where that place is; the event is at the place.
    func isTownItBelongsTo(_ place: ResolvedPlace, among places: [ResolvedPlace], tokens: [Token]) -> Bool {
        let index = tokenBefore(place, atMost: 2, tokens: tokens, skipping: isBodyFiller)
        guard index >= 0, words.contains(tokens[index], in: .belongsTo) else { return false }
        return isAnotherPlace(than: place, among: places, endingBefore: index, within: 0...1)
    }

    /// A word between a body or a town's belonging and its town ("بلدية مدينة", "council of the").
    func isBodyFiller(_ token: Token) -> Bool {
        PlaceFrameWords.locatorFiller.contains(token.folded) || words.contains(token, in: .speakingBodyFiller)
    }
}
