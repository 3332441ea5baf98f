import Foundation
import Gazetteer
import IncidentMapCore
import TextMatching

/// Finds the incidents an article reports: a trigger (اشتباكات، غارة، clashes …) and a Libyan
/// place in the same clause or sentence make an incident, dated from the sentence (or the last
/// date the article gave), with the sentence's actors and death toll.
///
/// ```swift
/// let extractor = try IncidentExtractor()
/// let incidents = extractor.extract(Article(text: text, published: try IncidentDate(parsing: "2019-04-09")))
/// ```
public struct IncidentExtractor: Sendable {
    public var gazetteer: Gazetteer { tables.gazetteer }
    public var lexicon: Lexicon { tables.lexicon }

    /// What extraction reads, held once: the extractor is copied wherever a rule's closure
    /// captures it, and a copy of the lexicon's indexes retained and released each of their
    /// arrays (a twentieth of extraction's time); a copy of this is one reference.
    private final class Tables: Sendable {
        let gazetteer: Gazetteer
        let lexicon: Lexicon
        /// The lexicon's phrase indexes walked as one: each word is looked up once for all of them.
        let lexiconPhrases: LexiconPhrases

        init(gazetteer: Gazetteer, lexicon: Lexicon) {
            self.gazetteer = gazetteer
            self.lexicon = lexicon
            lexiconPhrases = LexiconPhrases(lexicon, gazetteer: gazetteer)
        }
    }

    private let tables: Tables

    /// The word lists the sentence rules ask.
    var words: WordLists { tables.lexicon.words }

    public init(gazetteer: Gazetteer? = nil, lexicon: Lexicon? = nil) throws {
        tables = Tables(gazetteer: try gazetteer ?? Gazetteer.bundled(), lexicon: try lexicon ?? Lexicon.bundled())
    }

    /// The incidents of `article`, one per event, each with every sentence that tells it. With
    /// `includingNotHappened`, also the events the text denies, negates, plans, threatens, tells
    /// as background or totals, each with its ``EventStatus``, for review.
    ///
    /// `isCancelled` is asked before each sentence: once it says yes, extraction stops and
    /// returns nothing (a server whose client has gone need not finish a long article).
    public func extract(_ article: Article, includingNotHappened: Bool = false,
                        isCancelled: () -> Bool = { false }) -> [ExtractedIncident] {
        // The text is split into scalars once, here, for every stage, and its language read
        // once from them.
        let text = [Unicode.Scalar](scalarsOf: article.text)
        var article = article
        if article.declaredLanguage == nil { article.declaredLanguage = Article.detectedLanguage(of: text) }
        if text.count > Self.partLength {
            return extractInParts(article, text: text, includingNotHappened: includingNotHappened, isCancelled: isCancelled)
        }
        return extract(article, text: text, includingNotHappened: includingNotHappened, isCancelled: isCancelled)
    }

    /// The sentence an incident was read from, its trigger and place highlighted; where the place
    /// was named in another sentence (carried over, or the one "the city" refers to), that
    /// sentence too, with the place highlighted there: a highlight always lies inside its span.
    func evidence(sentence: Sentence, text sentenceText: String, trigger: Range<Int>, place: Mention,
                  sentences: [Sentence], scalars: [Unicode.Scalar], source: String?) -> [EvidenceSpan] {
        let placeHighlight = EvidenceSpan.Highlight(kind: .place, start: place.start, end: place.end)
        let triggerHighlight = EvidenceSpan.Highlight(kind: .trigger, start: trigger.lowerBound, end: trigger.upperBound)
        if sentence.start <= place.start && place.end <= sentence.end {
            return [EvidenceSpan(text: sentenceText, start: sentence.start, end: sentence.end, source: source,
                                 highlights: [placeHighlight, triggerHighlight].sorted { $0.start < $1.start })]
        }
        let triggerSpan = EvidenceSpan(text: sentenceText, start: sentence.start, end: sentence.end, source: source,
                                       highlights: [triggerHighlight])
        guard let other = sentences.first(where: { $0.start <= place.start && place.end <= $0.end }) else { return [triggerSpan] }
        let placeSpan = EvidenceSpan(text: String(scalars: scalars[other.start..<other.end]), start: other.start, end: other.end,
                                     source: source, highlights: [placeHighlight])
        return [placeSpan, triggerSpan].sorted { $0.start < $1.start }
    }

    /// Characters of one article read at once. An article longer than this (a whole book, a
    /// feed saved as one file) is read in parts, cut at line breaks: the tokens and matches of
    /// the whole text held at once took about 68 MB per MB of text (3.4 GB for 50 MB), a part's
    /// take a bounded amount. Paragraphs are far shorter than a part, so a cut falls between two.
    static let partLength = 200_000

    /// The article read part by part, each part's incidents with their offsets in the whole
    /// text, then the same event told in two parts merged as within one.
    func extractInParts(_ article: Article, text: [Unicode.Scalar], includingNotHappened: Bool,
                        isCancelled: () -> Bool) -> [ExtractedIncident] {
        let language = article.language
        var found: [ExtractedIncident] = []
        var start = 0
        while start < text.count {
            var end = min(text.count, start + Self.partLength)
            if end < text.count {
                // The last line break in the part's second half, else the last space: never a word cut in two.
                let floor = start + Self.partLength / 2
                if let cut = text[floor..<end].lastIndex(of: "\n") ?? text[floor..<end].lastIndex(of: " ") { end = cut + 1 }
            }
            var part = article
            part.text = ""  // read from `text`: a String copy of each part is not needed
            part.declaredLanguage = language
            for var incident in extract(part, text: Array(text[start..<end]), includingNotHappened: includingNotHappened,
                                        isCancelled: isCancelled) {
                for index in incident.evidence.indices {
                    incident.evidence[index].start += start
                    incident.evidence[index].end += start
                    for mark in incident.evidence[index].highlights.indices {
                        incident.evidence[index].highlights[mark].start += start
                        incident.evidence[index].highlights[mark].end += start
                    }
                }
                found.append(incident)
            }
            if isCancelled() { return [] }
            start = end
        }
        guard !includingNotHappened else { return found }
        return merged(found, foldingTellings: false)
    }

    func extract(_ article: Article, text: [Unicode.Scalar], includingNotHappened: Bool,
                 isCancelled: () -> Bool) -> [ExtractedIncident] {
        let tokens = Tokenizer.tokens(in: text)
        guard !tokens.isEmpty else { return [] }
        let lexiconMatches = tables.lexiconPhrases.matches(in: tokens)
        let cues = lexiconMatches.cues
        let noSplitBefore = Set(cues.filter { $0.payloads.contains(.noSplit) }.map { $0.firstToken + $0.tokenCount })
        let clauseStarts = Set(cues.filter { $0.payloads.contains(.clauseStart) }.map(\.firstToken)).subtracting(noSplitBefore)
        let sentences = Segmenter.sentences(scalars: text, tokens: tokens, clauseStarts: clauseStarts)
        // Libyan places below the country: "in Libya" locates nothing on a map.
        let actors = lexiconMatches.actors
        let resolved = gazetteer.resolve(text, tokens: tokens, names: lexiconMatches.names).resolved
        let dateRanges = lexiconMatches.dates.map { $0.firstToken..<($0.firstToken + $0.tokenCount) }
        let dateTokens = TokenMask(dateRanges, tokenCount: tokens.count)
        // Words that tell an event or its day: no seat's description runs across one.
        let toldTokens = TokenMask(lexiconMatches.triggers.map { $0.firstToken..<($0.firstToken + $0.tokenCount) } + dateRanges,
                                   tokenCount: tokens.count)
        let datelines = resolved.filter {
            isDateline($0, tokens: tokens, text: text) || isAgencyDateline($0, dates: dateTokens, tokens: tokens, text: text)
        }
        let cuePositions = CuePositions(cues)
        let actorTokens = TokenMask(actors.map { $0.firstToken..<($0.firstToken + $0.tokenCount) }, tokenCount: tokens.count)
        // A family name the article gives a person ("Prime Minister Fayez al-Sarraj") is that
        // person when it comes back alone ("with al-Sarraj declaring"), not the village so
        // named. Only below a town: a city after a capitalised word is mostly a headline's.
        var capitalisedAt: [String: [Int]] = [:]
        for (index, token) in tokens.enumerated() where token.script == .latin && token.isCapitalised {
            capitalisedAt[token.key, default: []].append(index)
        }
        // Answered once per name: a long text names the same place thousands of times.
        var familyNames: [String: Bool] = [:]
        func isFamilyName(_ place: ResolvedPlace) -> Bool {
            guard ![.city, .town].contains(place.place.kind), tokens[place.mention.firstToken].script == .latin else { return false }
            // A possessive has its word's key: al-Sarraj's is al-Sarraj.
            let key = tokens[place.mention.firstToken].key
            if let known = familyNames[key] { return known }
            let others = capitalisedAt[key] ?? []
            let answer = others.contains { isInPersonName(firstToken: $0, tokens: tokens, text: text) }
            familyNames[key] = answer
            return answer
        }
        let places = resolved
            .filter { $0.place.isLibyan && $0.place.kind != .country }
            .filter { place in !datelines.contains { $0.mention.start == place.mention.start } }
            .filter { !isInActorName($0, actors: actorTokens, cues: cuePositions, tokens: tokens, text: text) }
            .filter { !isFamilyName($0) }
            .filter { !isReferencePoint($0, cues: cuePositions) && !isSeat($0, cues: cuePositions, told: toldTokens, tokens: tokens) }
            .filter { !isNeverTheScene($0, tokens: tokens, text: text) }

        // Event words are read in the article's language: an Arabic article quoting an English
        // name ("Operation Flood") or the reverse does not report an event by it.
        let language = article.language
        let script: Script = language == "ar" ? .arabic : .latin
        // A homograph read as its noun by the word after it (أسر الضحايا) reports nothing.
        let triggers = lexiconMatches.triggers.filter {
            tokens[$0.firstToken].script == script && !readsAsNoun($0, tokens: tokens) && !namesALauncher($0, tokens: tokens)
        }
        let numbers = lexiconMatches.numbers
        let dateMatches = lexiconMatches.dates
        // "Today" and "on Monday" are read against the day the report was filed, where its
        // dateline gives one a day or two before the publication date.
        var dates = DateResolver(lexicon: lexicon, published: article.published)
        if let filed = datelineDay(resolved, tokens: tokens, text: text, matches: dateMatches, dates: dates) {
            dates.published = filed
        }
        // Date words inside a place's name (سوق الجمعة) or a dateline ("TRIPOLI, April 9 -", the
        // day the report was filed) date no event.
        let placeNames = TokenMask(places.map { $0.mention.firstToken..<($0.mention.firstToken + $0.mention.tokenCount) }
            + datelines.map { datelineTokens($0, tokens: tokens, text: text) }
            + pageStampTokens(dates: dateTokens, tokens: tokens), tokenCount: tokens.count)

        var found: [ExtractedIncident] = []
        // The sentence each of `found` was told in.
        var sentenceOfFound: [Int] = []
        // Events a sentence tells on a day it states but at no place it names or carries
        // ("The fighting began on Thursday night", a paragraph after the one that set it in
        // Tripoli): the day of an event told just before with no day of its own.
        var unplacedDays: [UnplacedTelling] = []
        // The types of the events told so far at no place, which a reference back may place.
        var unplacedTypes: Set<EventType> = []
        // The days the article states in sentences that name a place, with their sentences: the
        // day a sentence with no date of its own means for that place is the last stated before
        // it ("Clashes shook Gharyan on Sunday. … A drone struck a base there" is Sunday's, though
        // the lead said Gharyan was calm on Monday), else the first after it ("A drone strike on
        // Murzuq killed 43 … The LNA confirmed a strike late on Sunday on Murzuq").
        // The reason is written only for a day that is used: most are not.
        var statedDaysOfPlace: [String: [(sentence: Int, date: IncidentDate)]] = [:]
        var lastDate: ResolvedDate?
        var lastDateProblem: String?
        // The places of the paragraph's last sentence that named one: where a sentence that names
        // none is set ("Fighting broke out in Derna on Monday. An explosion killed seven.").
        var scene: [ResolvedPlace] = []
        // The last town the article set something in: what "the city" or المدينة refers to in a
        // later paragraph, where the scene no longer reaches.
        var lastTown: ResolvedPlace?
        // Villages and quarters more than 100 km from every other place the article names.
        let isolatedPlaceIDs = isolatedMinorPlaces(places)
        var lastFacility: ResolvedPlace?
        var lastLandmark: ResolvedPlace?
        var previousEnd = 0
        // The types of the events the sentences read so far told, and how many of `found` they cover.
        var typesTold: Set<EventType> = []
        var countedTold = 0
        // Each sentence's matches, found in one pass: filtering the whole article's lists for
        // every sentence grew with the square of a long text.
        let sentenceOf = sentenceIndexes(sentences, tokenCount: tokens.count)
        let cuesBySentence = grouped(cues, sentenceOf: sentenceOf, sentenceCount: sentences.count) { $0.firstToken }
        let placesBySentence = grouped(places, sentenceOf: sentenceOf, sentenceCount: sentences.count) { $0.mention.firstToken }
        let actorsBySentence = grouped(actors, sentenceOf: sentenceOf, sentenceCount: sentences.count) { $0.firstToken }
        let numbersBySentence = grouped(numbers, sentenceOf: sentenceOf, sentenceCount: sentences.count) { $0.firstToken }
        // With the killings told in two words apart, which no phrase finds.
        let triggersBySentence = grouped(triggers, sentenceOf: sentenceOf, sentenceCount: sentences.count) { $0.firstToken }
            .enumerated().map { index, found in withKillingsToldApart(found, in: sentences[index].tokens, tokens: tokens) }
        // The first tokens of the Libyan places a distance or a direction is measured from
        // ("60 km south of Ajdabiya", "west of the capital Tripoli"), by sentence.
        // Only the Libyan places the article's places leave out are asked (few: references,
        // datelines, actors' names).
        let placeStarts = Set(places.map(\.mention.start))
        // How often the article names each place (which end of a stretch it means).
        let timesNamed = places.reduce(into: [String: Int]()) { counts, place in counts[place.place.id, default: 0] += 1 }
        let measuredFromBySentence = grouped(resolved.filter { place in
            place.place.isLibyan && !placeStarts.contains(place.mention.start)
                && (isDistanceReference(place, tokens: tokens) || isCompassReference(place, tokens: tokens)
                || isArabicLocatedReference(place, tokens: tokens))
        }, sentenceOf: sentenceOf, sentenceCount: sentences.count) { $0.mention.firstToken }
        // Every place each sentence names, whatever its role: what a distance may locate.
        let resolvedMentionsBySentence = grouped(resolved.map(\.mention), sentenceOf: sentenceOf, sentenceCount: sentences.count) { $0.firstToken }
        // Places abroad ("arrested in Cairo"), datelines aside: a clause set there is not set in
        // the last sentence's Libyan town. Not where help or fighters came from ("recaptured with
        // help from Turkey").
        let foreignPlacesBySentence = grouped(resolved.filter { place in
            !place.place.isLibyan && !datelines.contains { $0.mention.start == place.mention.start }
                && !isOrigin(place, cues: cuePositions)
        }, sentenceOf: sentenceOf, sentenceCount: sentences.count) { $0.mention.firstToken }
        for (sentenceIndex, sentence) in sentences.enumerated() {
            if isCancelled() { return [] }
            // A paragraph sets its own scene; a headline's (the first line, unpunctuated) carries
            // into the lead under it ("Jets hit Libya's al-Watiya airbase ¶ Warplanes struck
            // overnight at an airbase …"), not into a bullet point of the summary under it.
            let gap = text[previousEnd..<sentence.start]
            if gap.contains("\n"), sentenceIndex > 1 || gap.contains(where: { scalar in
                (scalar != "\n" && Segmenter.endsSentence(scalar)) || Self.bullets.contains(scalar)
            }) { scene = [] }
            previousEnd = sentence.end
            // The sentence's own date, else the last one the article gave (less precise), else
            // the publication date (less precise still).
            var date: ResolvedDate?
            var dateProblem: String?
            let stated = dates.date(in: sentence, tokens: tokens, text: text, names: placeNames, matches: dateMatches)
            switch stated {
            case .resolved(let resolved):
                date = resolved
                // The date a later sentence that states none carries over is the last event's:
                // a day given to a speech, a warning or a video ("Yesterday the president went
                // on television to warn …") sets no time for what follows.
                if !triggersBySentence[sentenceIndex].isEmpty {
                    lastDate = resolved
                    lastDateProblem = nil
                }
            case .unresolvable(let phrase):
                dateProblem = "'\(phrase)' needs the publication date: pass --published YYYY-MM-DD"
                lastDate = nil
                lastDateProblem = dateProblem
            case .none, .reported:
                if let lastDate {
                    date = ResolvedDate(date: lastDate.date, precision: .week,
                                        reason: "not stated in the sentence; the article's last date, \(lastDate.date)",
                                        isCarriedOver: true)
                } else if let problem = lastDateProblem {
                    dateProblem = problem
                } else if case .reported(let reported) = stated {
                    date = reported
                } else if let published = article.published {
                    date = ResolvedDate(date: published, precision: .week, reason: "not stated; the publication date",
                                        isCarriedOver: true, isPublicationDate: true)
                } else {
                    dateProblem = "no date in the text and no publication date: pass --published YYYY-MM-DD"
                }
            }

            // Told as history (long before the report, or a campaign running since then), not the
            // news it reports.
            var sentenceStatus = EventStatus.happened
            if let date, date.tellsHistory(publishedOn: article.published) { sentenceStatus = .background }
            // The date each clause's own time expression, or one fronted at the head of the
            // sentence, gives it where that is not the sentence's: read once per clause.
            var governingDates: [Int: ResolvedDate?] = [:]
            func governingDate(ofClause clause: Int) -> ResolvedDate? {
                if let known = governingDates[clause] { return known }
                let found = dates.governingDate(ofClause: sentence.clauses[clause], in: sentence, tokens: tokens, text: text,
                                                names: placeNames, matches: dateMatches)
                governingDates[clause] = found
                return found
            }
            let sentenceCues = cuesBySentence[sentenceIndex]
            // A clause may give its own, recent date ("On Sunday, clashes erupted …, the worst since 4 March").
            if sentenceStatus != .happened && !includingNotHappened && sentence.clauses.count == 1 { continue }
            // A denial covers what follows it and its own clause, not a clause before it that
            // reports what was confirmed ("confirmed a strike on Murzuq, but denied it had
            // targeted civilians").
            let denials = sentenceCues.filter { $0.payloads.contains(.denial) }
            // A negation covers the words it spans and the few after it ("دون قتال", "did not
            // clash"), not the whole sentence: "سيطرته على سرت بعد انسحاب … دون قتال".
            let negations = sentenceCues.filter { $0.payloads.contains(.negation) }
            func isNegated(_ trigger: PhraseMatch<Trigger>) -> Bool {
                negations.contains { ($0.firstToken...($0.firstToken + $0.tokenCount + 3)).contains(trigger.firstToken) }
            }
            // Planned, threatened, background and running totals are not events that happened.
            func status(of trigger: PhraseMatch<Trigger>, clause: Range<Int>, date: ResolvedDate?) -> EventStatus {
                if date?.tellsHistory(publishedOn: article.published) ?? false { return .background }
                if let date, !date.isCarriedOver, let published = article.published, date.date < published.adding(days: -3),
                   isPhotoCaption(sentence, tokens: tokens) { return .background }
                if denials.contains(where: { $0.firstToken < trigger.firstToken || clause.contains($0.firstToken) }) { return .denied }
                if isNegated(trigger) { return .negated }
                if let worded = statusFromWording(of: trigger, tokens: tokens, sentence: sentence.tokens,
                                                  statesItsDay: date.map { !$0.isCarriedOver } ?? false) { return worded }
                if let told = statusFromClause(of: trigger, cues: sentenceCues, tokens: tokens, sentence: sentence.tokens,
                                               statesItsDay: date.map { !$0.isCarriedOver } ?? false) { return told }
                for cue in sentenceCues where clause.contains(cue.firstToken) {
                    let leadsToTrigger = cue.firstToken < trigger.firstToken && trigger.firstToken - cue.firstToken <= 6
                    if cue.payloads.contains(.future), leadsToTrigger { return .planned }
                    if cue.payloads.contains(.cause), leadsToTrigger { return .background }
                    if cue.payloads.contains(.pastCause), leadsToTrigger,
                       tokens[clause.lowerBound..<cue.firstToken].contains(where: { words.contains($0, in: .pastPerfect) }) { return .background }
                    if cue.payloads.contains(.background) { return .background }
                    // A running total or a period covers the words around it, not a deal
                    // signed in the same clause ("signed … between the factions fighting over
                    // the last two weeks").
                    if cue.payloads.contains(.aggregate), abs(cue.firstToken - trigger.firstToken) <= 8 { return .aggregate }
                }
                if coversSeveralDays(near: trigger.firstToken, clause: clause, tokens: tokens) { return .aggregate }
                // A period fronted before a comma covers the whole sentence, as a fronted date
                // dates it: "For the past two years, fighting has raged in …".
                if let fronted = sentence.clauses.first, fronted.upperBound <= clause.lowerBound,
                   coversSeveralDays(near: fronted.upperBound - 1, clause: fronted, tokens: tokens) { return .aggregate }
                return .happened
            }
            let placesNamed = withoutFarNamesakes(choosingOverReferences(placesBySentence[sentenceIndex], tokens: tokens, text: text).filter {
                !isInReportingZone($0, cues: sentenceCues, sentence: sentence, tokens: tokens, text: text)
            }, tokens: tokens)
            let sentencePlaces = placesNamed.map { place in
                // "بمنطقة الناصرية" in an article set in Sabha, whose only namesake the gazetteer
                // holds is 600 km away: a quarter of the article's town that the gazetteer
                // lacks, so the town says where: the one the sentence names after it, not listed
                // beside it ("بوابة الستين، المدخل الشرقي لمدينة مصراته", not "the towns of Tobruk
                // and Labraq"), else the article's last.
                guard Self.minorKinds.contains(place.place.kind), isolatedPlaceIDs.contains(place.place.id),
                      let town = townLocating(place, among: placesNamed, tokens: tokens) ?? lastTown else { return place }
                var inTown = place
                inTown.place = town.place
                inTown.reason = "\(place.place.nameEnglish) is \(Int(Geodesic.distance(from: place.place.coordinate, to: town.place.coordinate) / 1000)) km from every other place the article names: a quarter of \(town.place.nameEnglish) the gazetteer lacks"
                return inTown
            }
            // The first day the article gives a place counts however it is told ("On 18 September,
            // the forces resumed their push in Sirte"); a later one only from a sentence that
            // tells an event, as for `lastDate` ("Calm returned to Gharyan on Monday" is no day
            // of the fighting there).
            if let date, !date.isCarriedOver, date.precision == .day, sentenceStatus == .happened {
                let tellsAnEvent = !triggersBySentence[sentenceIndex].isEmpty
                for place in sentencePlaces where statedDaysOfPlace[place.place.id]?.last?.sentence != sentenceIndex
                    && (tellsAnEvent || statedDaysOfPlace[place.place.id] == nil) {
                    statedDaysOfPlace[place.place.id, default: []].append((sentenceIndex, date.date))
                }
            }
            // Where people, vehicles or fire came from sets no scene and places no event.
            let originStarts = origins(sentencePlaces, cues: cuePositions, triggers: triggersBySentence[sentenceIndex])
            let placesHere = sentencePlaces.filter { !originStarts.contains($0.mention.firstToken) }
            let sceneBefore = scene
            if !placesHere.isEmpty { scene = locatedOnes(mostSpecific(placesHere, tokens: tokens), cues: cuePositions, tokens: tokens) }
            if scene.count == 1, let town = scene.first, [.city, .town, .village].contains(town.place.kind) { lastTown = town }
            if let facility = sentencePlaces.last(where: { Self.facilityKinds.contains($0.place.kind) }) { lastFacility = facility }
            if let landmark = sentencePlaces.last(where: { $0.place.kind == .landmark }) { lastLandmark = landmark }
            let referredTown = !placesHere.isEmpty ? nil
                : sentenceCues.contains { $0.payloads.contains(.landmarkAnaphor) } ? lastLandmark
                : sentenceCues.contains { $0.payloads.contains(.facilityAnaphor) } ? lastFacility
                : sentenceCues.contains { $0.payloads.contains(.anaphor) } ? lastTown : nil
            let measuredPlaces = measuredFromBySentence[sentenceIndex].compactMap {
                measuredPlace(from: $0, tokens: tokens, mentions: resolvedMentionsBySentence[sentenceIndex])
            }
            let sentenceActors = unique(actorsBySentence[sentenceIndex].flatMap(\.payloads))
            let fatalities = deathToll(numbersBySentence[sentenceIndex], tokens: tokens, sentence: sentence)
            let isAirborne = sentenceCues.contains { $0.payloads.contains(.air) }
            let nextIndex = sentenceIndex + 1
            let sentenceTriggers = typedByContext(
                triggersBySentence[sentenceIndex], tokens: tokens,
                aircraftAt: sentenceCues.filter { $0.payloads.contains(.air) }.map(\.firstToken),
                nextSentenceTellsAnAirStrike: nextIndex < sentences.count && triggersBySentence[nextIndex].isEmpty
                    && cuesBySentence[nextIndex].contains { $0.payloads.contains(.air) && $0.firstToken < sentences[nextIndex].tokens.lowerBound + 4 })

            // The types of the events told (not referred back to) in the sentences before.
            for incident in found[countedTold...] where incident.status == .happened && !incident.refersBack {
                typesTold.insert(incident.eventType)
            }
            countedTold = found.count
            let typesToldBefore = typesTold
            let crowdTriggerInSentence = sentenceTriggers.contains { trigger in
                trigger.payloads.contains { $0.eventType == .protests || $0.eventType == .riots }
            }
            // "… on Monday after their capture of Sirte": the place a taking told as a premise took
            // (the few words after it in its clause) is that taking's, history, and no other
            // event's of the sentence.
            let premiseSpans = sentenceTriggers.filter { isTakingToldAsAPremise($0, tokens: tokens, sentence: sentence.tokens) }.map { taking in
                let clauseEnd = sentence.clauses.first { $0.contains(taking.firstToken) }?.upperBound ?? sentence.tokens.upperBound
                return taking.firstToken..<min(clauseEnd, taking.firstToken + taking.tokenCount + 6)
            }
            // Made once: every incident of the sentence shares it.
            let sentenceText = sentenceTriggers.isEmpty ? "" : String(scalars: text[sentence.start..<sentence.end])
            let sentenceDate = date
            for trigger in sentenceTriggers {
                guard let clause = sentence.clauses.firstIndex(where: { $0.contains(trigger.firstToken) }),
                      let first = trigger.payloads.first,
                      let eventType = first.eventType else { continue }
                if first.subEventType == "Agreement", !sentenceCues.contains(where: { cue in
                    cue.payloads.contains(.concluded) && sentence.clauses[clause].contains(cue.firstToken)
                        && abs(cue.firstToken - trigger.firstToken) <= 8
                }) { continue }
                if isQuotedLabel(trigger, text: text) { continue }
                // A clause's own date over the sentence's ("Gunmen attacked Gharyan on Friday, and
                // shells fell on Tarhuna on Sunday"), or the one fronted at its head ("On Sunday, …").
                let clauseDate = governingDate(ofClause: clause)
                var date = dates.dayBeforeTheReport(for: trigger.firstToken, in: sentence, date: clauseDate ?? date, matches: dateMatches)
                    ?? clauseDate ?? date
                // "calm has prevailed in the city since Tuesday, after clashes erupted": what the
                // premise introduces came before the span the sentence dates, on a day it does not
                // state (a later sentence's, at its place, where one gives it).
                // Where the span is its own clause's and the sentence dates its event ("entered
                // the terminal on Friday …, after attacking forces that have held it since
                // September"), the premise came before that event, not before the span.
                if let since = date, since.isSince, !since.isCarriedOver, followsAPremiseWord(trigger, tokens: tokens, sentence: sentence.tokens) {
                    if let sentenceDate, !sentenceDate.isSince, !sentenceDate.isCarriedOver {
                        date = ResolvedDate(date: sentenceDate.date, precision: .week,
                                            reason: "before the event its sentence dates, \(sentenceDate.date)", isCarriedOver: true)
                    } else {
                        date = ResolvedDate(date: since.date, precision: .week,
                                            reason: "before the span from \(since.date) its sentence gives", isCarriedOver: true)
                    }
                }
                let eventStatus = status(of: trigger, clause: sentence.clauses[clause], date: date)
                if eventStatus != .happened && !includingNotHappened { continue }
                // Clashes between protesters and the police are the protest (or the riot) the
                // sentence tells, not a battle between armed groups, as ACLED codes them.
                if eventType == .battles, first.subEventType == "Armed clash", crowdTriggerInSentence { continue }
                // "explosions and sporadic gunfire continued": the blasts of a firefight, one battle.
                if eventType == .explosionsRemoteViolence, sentenceTriggers.contains(where: { other in
                    other.payloads.contains { $0.eventType == .battles && $0.subEventType == "Armed clash" }
                        && abs(other.firstToken - trigger.firstToken) <= 3
                        && tokens[min(other.firstToken, trigger.firstToken)..<max(other.firstToken, trigger.firstToken)]
                            .contains { words.contains($0, in: .coordinator) }
                }) { continue }
                if isWeaponOfAClash(trigger, among: sentenceTriggers, tokens: tokens) { continue }
                var kind = (eventType: eventType, subEventType: first.subEventType)
                if isFiredInAnExchange(trigger, tokens: tokens, sentence: sentence.tokens) { kind = (eventType: .battles, subEventType: "Armed clash") }
                // A crowd that attacks or storms ("هاجم متظاهرون", "protesters stormed") riots.
                if eventType == .protests, sentenceTriggers.contains(where: { other in
                    abs(other.firstToken - trigger.firstToken) <= 2 && other.firstToken != trigger.firstToken
                        && other.payloads.contains { $0.eventType == .battles || $0.eventType == .violenceAgainstCivilians }
                }) {
                    kind = (eventType: .riots, subEventType: "Violent demonstration")
                } else if eventType == .protests, kind.subEventType == "Peaceful protest", sentenceTriggers.contains(where: { other in
                    other.payloads.contains { $0.eventType == .battles && $0.subEventType == "Armed clash" }
                }) {
                    // Clashes with the police at a protest: intervention, or excessive force where people died.
                    kind.subEventType = fatalities > 0 ? "Excessive force against protesters" : "Protest with intervention"
                }
                // "set fire to the gate and abducted a guard" in the sentence of the attack: acts
                // of that attack, one event of its type as ACLED codes it (a crowd's are the crowd's).
                if Self.actsOfAnAttack.contains(kind.subEventType), !crowdTriggerInSentence,
                   let attack = battleTakingAct(trigger, subEventType: kind.subEventType, among: sentenceTriggers, isNegated: isNegated,
                                                abductsCivilians: takesCivilians(trigger, tokens: tokens, clause: sentence.clauses[clause]),
                                                isToldByAttackWords: { isAnAttackWord(String(scalars: text[$0.start..<$0.end])) }) {
                    kind = attack
                }
                if kind.subEventType == "Shelling/artillery/missile attack" && isAirborne {
                    kind.subEventType = "Air/drone strike"
                }
                var linked = listedWith(sentencePlaces.filter { place in
                    sentence.clauses[clause].contains(place.mention.firstToken)
                        && !premiseSpans.contains { $0.contains(place.mention.firstToken) && !$0.contains(trigger.firstToken) }
                }, in: sentencePlaces, tokens: tokens, text: text)
                // "هاجم مسلحون من تاجوراء سجنا": where the attackers came from is not where the
                // attack was; the sentence's other places are read instead, else the scene.
                if linked.allSatisfy({ originStarts.contains($0.mention.firstToken) }) { linked = [] }
                // "led crowds from Tajoura to Martyrs Square to demonstrate": a crowd is where it went.
                if kind.eventType == .protests || kind.eventType == .riots {
                    let destinations = linked.filter { cuePositions.has(.destination, endingBefore: $0.mention.firstToken, within: 0...0) }
                    if !destinations.isEmpty { linked = destinations }
                }
                linked = preferringPlacesInside(linked.isEmpty ? placesHere : linked, placesHere)
                linked = locatedOnes(mostSpecific(linked, tokens: tokens), cues: cuePositions, tokens: tokens)
                linked = oneEndOfEachStretch(linked, tokens: tokens, timesNamed: timesNamed)
                // "the square", "the airport", "the city" say which place; the scene is only the
                // last sentence's.
                let isSetAbroad = foreignPlacesBySentence[sentenceIndex].contains { sentence.clauses[clause].contains($0.mention.firstToken) }
                if linked.isEmpty, !isSetAbroad, let referredTown { linked = [referredTown] }
                // Else the point it measures (a town or a facility referred to is what a distance
                // describes: "the town, 80 km south of Tripoli"), where it gives a number and a direction ("two camps, 45
                // kilometers southwest of Sirte"): the one in the trigger's clause, else the nearest.
                if linked.isEmpty, !isSetAbroad, let measured = measuredPlaces.min(by: { one, other in
                    let inClause = (sentence.clauses[clause].contains(one.mention.firstToken), sentence.clauses[clause].contains(other.mention.firstToken))
                    if inClause.0 != inClause.1 { return inClause.0 }
                    return abs(one.mention.firstToken - trigger.firstToken) < abs(other.mention.firstToken - trigger.firstToken)
                }) { linked = [measured] }
                // "a suicide attack … in an area 60 km south of Ajdabiya": a sentence that measures
                // where it happened from a place says it was not there, nor in the last scene (a
                // bracket may part the place's clause from the trigger's).
                let isMeasuredFromAPlace = !measuredFromBySentence[sentenceIndex].isEmpty
                if linked.isEmpty, !isSetAbroad, !isMeasuredFromAPlace, sceneBefore.count == 1 { linked = sceneBefore }
                if linked.isEmpty, !isSetAbroad, !isMeasuredFromAPlace, let date, !date.isCarriedOver, date.precision == .day, eventStatus == .happened {
                    unplacedDays.append(UnplacedTelling(sentence: sentenceIndex, eventType: kind.eventType, date: date))
                }
                let refers = refersBack(trigger, among: placesHere, tokens: tokens, text: text)
                    || isNamedForItsToll(trigger, tokens: tokens, sentenceStart: sentence.tokens.lowerBound) || refersBackToTold(
                        trigger, eventType: kind.eventType, tokens: tokens, sentenceStart: sentence.tokens.lowerBound,
                        statesItsDay: date.map { !$0.isCarriedOver } ?? false, namesItsPlace: !placesHere.isEmpty,
                        toldBefore: typesToldBefore)
                // "Clashes rocked a coastal town in western Libya … ¶ … the clashes were centred in
                // Zawiya": an event told at no place the text names is placed by the first
                // reference back to it that names one, where no event of its type has a place yet.
                var placesAnUnplacedEvent = false
                if eventStatus == .happened, !isSetAbroad {
                    if linked.isEmpty, !refers { unplacedTypes.insert(kind.eventType) }
                    if !linked.isEmpty, refers, !typesToldBefore.contains(kind.eventType) {
                        placesAnUnplacedEvent = unplacedTypes.remove(kind.eventType) != nil
                    }
                }
                let days: [ResolvedDate?] = [date] + (date?.alsoOn ?? []).map { day in
                    ResolvedDate(date: day, precision: .day, reason: date!.reason)
                }
                for (resolved, date) in linked.flatMap({ resolved in days.map { (resolved, $0) } }) {
                    sentenceOfFound.append(sentenceIndex)
                    found.append(ExtractedIncident(
                        eventType: kind.eventType, subEventType: kind.subEventType, date: date, dateProblem: dateProblem,
                        place: resolved.place, geoPrecision: precision(of: resolved, cues: sentenceCues),
                        actor1: sentenceActors.first, actor2: sentenceActors.dropFirst().first, fatalities: fatalities,
                        triggerText: String(scalars: text[trigger.start..<trigger.end]),
                        evidence: evidence(sentence: sentence, text: sentenceText, trigger: trigger.start..<trigger.end, place: resolved.mention,
                                           sentences: sentences, scalars: text, source: article.source),
                        source: article.source, sourceURL: article.url, language: language,
                        refersBack: refers && !placesAnUnplacedEvent,
                        status: eventStatus))
                }
            }
        }
        datingByLaterTellings(&found, toldIn: sentenceOfFound, laterDays: unplacedDays)
        for index in found.indices where found[index].date?.isCarriedOver ?? false {
            // Still carried over: it folds into a stated incident as before, now on the right day.
            if let days = statedDaysOfPlace[found[index].place.id],
               let stated = (days.last { $0.sentence < sentenceOfFound[index] } ?? days.first)?.date {
                found[index].date = ResolvedDate(date: stated, precision: .day,
                                                 reason: "the day the article gives for \(found[index].place.nameEnglish): \(stated)", isCarriedOver: true)
            }
        }
        let leadEnd = sentences.count > 1 ? sentences[1].end : (sentences.first?.end ?? 0)
        let happened = foldedIntoTheBodysEvents(merged(found.filter { $0.status == .happened }), leadEnd: leadEnd)
        guard includingNotHappened else { return happened.filter { !$0.refersBack } }
        // For review: what happened, then what did not, merged by place, type, day and status.
        let notHappened = merged(found.filter { $0.status != .happened }, foldingTellings: false)
        return happened.map { incident in
            var shown = incident
            if incident.refersBack { shown.status = .referredBack }
            return shown
        } + notHappened
    }

    /// Drops a place when a place inside it is named right beside it ("مطار معيتيقة بطرابلس":
    /// the airport, not the city too; the same event at both on one day is folded later), but
    /// not when the two are listed together ("وادي الربيع والكايخ وقصر بن غشير": each is a
    /// place of its own).
    /// Names each place once.
    /// `linked` and the places listed after them with a comma or "and", which a comma may have
    /// put in the next clause ("bombed Gharyan, Tarhuna and Zliten", "غريان، ترهونة وزليتن").
    func listedWith(_ linked: [ResolvedPlace], in places: [ResolvedPlace], tokens: [Token], text: [Unicode.Scalar]) -> [ResolvedPlace] {
        guard !linked.isEmpty, places.count > linked.count else { return linked }
        var result = linked
        let ordered = places.sorted { $0.mention.firstToken < $1.mention.firstToken }
        for (previous, next) in zip(ordered, ordered.dropFirst()) where result.contains(where: { $0.mention.firstToken == previous.mention.firstToken })
            && !result.contains(where: { $0.mention.firstToken == next.mention.firstToken }) {
            let end = previous.mention.firstToken + previous.mention.tokenCount
            guard next.mention.firstToken >= end, next.mention.firstToken - end <= 1 else { continue }
            let between = tokens[end..<next.mention.firstToken]
            let gap = text[tokens[end - 1].end..<tokens[next.mention.firstToken].start]
            let isListed = (between.isEmpty && (gap.contains(",") || gap.contains("\u{060C}")))
                || (between.count == 1 && words.contains(between.first!, in: .and))
                || (between.isEmpty && isCoordinated(next, tokens: tokens))
            if isListed { result.append(next) }
        }
        return result
    }

    /// The town named right after `place` in its sentence that says where it is: at most four
    /// words between them, none of them "and" (a town listed beside it is another place).
    func townLocating(_ place: ResolvedPlace, among places: [ResolvedPlace], tokens: [Token]) -> ResolvedPlace? {
        let end = place.mention.firstToken + place.mention.tokenCount
        guard let town = places.first(where: { [.city, .town].contains($0.place.kind) && $0.mention.firstToken >= end }),
              town.mention.firstToken - end <= 4,
              !tokens[end..<town.mention.firstToken].contains(where: { words.contains($0, in: .and) }) else { return nil }
        return town
    }

    /// Places whose names many towns share (a quarter, a village, "the airport road",
    /// "Martyrs' Square"): one far from every other place an article names is most likely the
    /// article's town's own, which the gazetteer lacks.
    static let minorKinds: Set<PlaceKind> = [.village, .neighbourhood, .road, .landmark]

    /// The ids of villages, quarters, roads and landmarks more than 100 km from every other place
    /// the text names (towns and cities among them): namesakes of a place the gazetteer does not
    /// hold. Over the distinct places, which the gazetteer bounds.
    func isolatedMinorPlaces(_ places: [ResolvedPlace]) -> Set<String> {
        // Most articles name no minor place: nothing to ask (nor places to copy).
        guard places.contains(where: { Self.minorKinds.contains($0.place.kind) }),
              places.contains(where: { [.city, .town].contains($0.place.kind) }) else { return [] }
        // Each place once, read by index.
        var firstMention: [String: Int] = [:]
        for index in places.indices where firstMention[places[index].place.id] == nil { firstMention[places[index].place.id] = index }
        let distinct = Array(firstMention.values)
        return Set(distinct.filter { minor in
            Self.minorKinds.contains(places[minor].place.kind) && distinct.allSatisfy { other in
                other == minor || !Geodesic.isWithin(100_000, from: places[minor].place.coordinate, to: places[other].place.coordinate)
            }
        }.map { places[$0].place.id })
    }

    /// For each token, the index of the sentence it is in (-1 between sentences).
    func sentenceIndexes(_ sentences: [Sentence], tokenCount: Int) -> [Int] {
        var indexes = [Int](repeating: -1, count: tokenCount)
        for (index, sentence) in sentences.enumerated() {
            for token in sentence.tokens where token < tokenCount { indexes[token] = index }
        }
        return indexes
    }

    /// `items` split by the sentence their first token is in, in their order.
    func grouped<Item>(_ items: [Item], sentenceOf: [Int], sentenceCount: Int, firstToken: (Item) -> Int) -> [[Item]] {
        var groups = [[Item]](repeating: [], count: sentenceCount)
        for item in items {
            let token = firstToken(item)
            guard token >= 0, token < sentenceOf.count, sentenceOf[token] >= 0 else { continue }
            groups[sentenceOf[token]].append(item)
        }
        return groups
    }

    /// "the al-Qala residential area of Murzuq", "حي القلعة بمرزق": a place said to be in a
    /// town, whose namesake the gazetteer found far from that town, is one the gazetteer does
    /// not hold; the town says where instead.
    func withoutFarNamesakes(_ places: [ResolvedPlace], tokens: [Token]) -> [ResolvedPlace] {
        guard places.count > 1 else { return places }
        return places.filter { part in
            !places.contains { town in
                guard [.city, .town].contains(town.place.kind), ![.city, .town, .district, .region, .country].contains(part.place.kind),
                      !isCoordinated(town, tokens: tokens) else { return false }
                let end = part.mention.firstToken + part.mention.tokenCount
                guard (0...3).contains(town.mention.firstToken - end) else { return false }
                let said = tokens[end..<town.mention.firstToken].contains { words.contains($0, in: .partOf) }
                    || (town.mention.firstToken == end && town.mention.detachedClitic && tokens[end].folded.first == "\u{0628}")
                return said && !Geodesic.isWithin(nearbyRadius(of: part.place), from: part.place.coordinate, to: town.place.coordinate)
            }
        }
    }

    func mostSpecific(_ places: [ResolvedPlace], tokens: [Token]) -> [ResolvedPlace] {
        // One place (most clauses) has no parent or area beside it to drop.
        guard places.count > 1 else { return places }
        var dropped = Set<String>()
        // Looked up by id and read by index: a loop over every pair of places, copying each,
        // was most of the time on a long list of names.
        var indexesOfID: [String: [Int]] = [:]
        for index in places.indices { indexesOfID[places[index].place.id, default: []].append(index) }
        let areas = places.indices.filter { [.district, .region].contains(places[$0].place.kind) && !isCoordinated(places[$0], tokens: tokens) }
        for child in places.indices {
            let childEnd = places[child].mention.firstToken + places[child].mention.tokenCount
            var parent = places[child].place.parentID
            var depth = 0
            while let id = parent, depth < 5 {
                for ancestor in indexesOfID[id] ?? [] where !isCoordinated(places[ancestor], tokens: tokens) {
                    let gap = places[ancestor].mention.firstToken - childEnd
                    if (0...4).contains(gap) { dropped.insert(id) }
                }
                parent = gazetteer.parentID(of: id)
                depth += 1
            }
            // "بوابة الفقها بمنطقة الجفرة", "Fuqaha, in the Jufra district": a district or a
            // region right after a more specific place says where that place is.
            for area in areas where places[child].place.kind.specificity > places[area].place.kind.specificity {
                let gap = places[area].mention.firstToken - childEnd
                if (0...2).contains(gap) { dropped.insert(places[area].place.id) }
            }
        }
        // Every mention is kept: which of a place's mentions is introduced as where something
        // happened is read next (`locatedOnes`), which then names each place once.
        return places.filter { !dropped.contains($0.place.id) }
    }

    /// A city or a district named in the trigger's clause, and places inside it named elsewhere
    /// in the sentence ("… in Benghazi, around Benina airport in the city's south-east"): the places
    /// inside it say where, the city only which city.
    func preferringPlacesInside(_ linked: [ResolvedPlace], _ sentencePlaces: [ResolvedPlace]) -> [ResolvedPlace] {
        // A district (shabiya) holds the places whose admin1 it is.
        func isInside(_ place: ResolvedPlace, _ city: ResolvedPlace) -> Bool {
            guard place.place.id != city.place.id, place.place.kind.specificity > city.place.kind.specificity else { return false }
            if city.place.kind == .district { return place.place.admin1 != nil && place.place.admin1 == city.place.admin1 }
            return isAncestor(city.place.id, of: place.place)
                || Geodesic.isWithin(nearbyRadius(of: place.place), from: place.place.coordinate, to: city.place.coordinate)
        }
        func isContainer(_ place: ResolvedPlace) -> Bool { place.place.kind == .city || place.place.kind == .district }
        let cities = linked.filter(isContainer)
        let inside = sentencePlaces.filter { place in cities.contains { isInside(place, $0) } }
        guard !inside.isEmpty else { return linked }
        let kept = linked.filter { city in !(isContainer(city) && inside.contains { isInside($0, city) }) }
        var seen = Set(kept.map(\.place.id))
        return kept + inside.filter { seen.insert($0.place.id).inserted }
    }

    /// How far from a city a place is still "of" it: a district within 25 km, an air base or an
    /// oil port named after the city's region within 35 km (Tamanhint air base near Sabha).
    func nearbyRadius(of place: Place) -> Double {
        [.airport, .airBase, .militaryBase, .camp, .port, .oilFacility].contains(place.kind) ? 35_000 : 25_000
    }

    /// The place is part of an actor's name: inside an actor the lexicon knows ("سرايا الدفاع عن
    /// بنغازي"), right after a word that begins one (كتيبة، ثوار), or right before a word that ends
    /// one ("Benghazi Defence Brigades", "Misrata-led", "Zintan militias").
    func isInActorName(_ place: ResolvedPlace, actors: TokenMask, cues: CuePositions,
                       tokens: [Token], text: [Unicode.Scalar]) -> Bool {
        let first = place.mention.firstToken, end = first + place.mention.tokenCount
        if (first..<end).contains(where: actors.contains) { return !isLandNamedForItsPeople(place, actors: actors, tokens: tokens) }
        if isInPersonName(place, tokens: tokens, text: text) { return true }
        if let body = cues.ending(before: first, within: 0...0).first(where: { $0.payloads.contains(.actorBefore) }) {
            // "في مبنى مجلس النواب بطبرق": the body's building, in the town its ب names, is a
            // place things happen to.
            let isBuilding = body.firstToken > 0 && words.contains(tokens[body.firstToken - 1], in: .building)
            let isIn = place.mention.detachedClitic && tokens[first].folded.first == "\u{0628}"
            if !(isBuilding && isIn) { return true }
        }
        return cues.starting(at: end).contains { cue in
            guard cue.payloads.contains(.actorAfter) else { return false }
            // Joined by a space or a hyphen only: "in Tripoli, forces …" is a place and a subject.
            let gap = text[tokens[end - 1].end..<tokens[cue.firstToken].start]
            return !gap.isEmpty && gap.allSatisfy { $0 == " " || $0 == "-" }
        }
    }

    /// A place a distance is measured from, or a road leads to: "80 km south of Tripoli",
    /// "(80 كلم) جنوب طرابلس", "على طريق طرابلس" (a place whose own name starts with the cue,
    /// such as طريق المطار, is not one).
    func isReferencePoint(_ place: ResolvedPlace, cues: CuePositions) -> Bool {
        cues.has(.reference, endingBefore: place.mention.firstToken, within: 0...2)
    }

    /// The seat of a government or a parliament named a few words before: "the internationally
    /// recognised government in Tripoli".
    func isSeat(_ place: ResolvedPlace, cues: CuePositions, told: TokenMask, tokens: [Token]) -> Bool {
        let first = place.mention.firstToken
        guard first > 0 else { return false }
        let words = self.words, previous = tokens[first - 1]
        let introduced = words.contains(previous, in: .seatIntroducer)
            || (words.contains(previous, in: .capital) && first > 1 && words.contains(tokens[first - 2], in: .capitalIntroducer))
        guard introduced || (place.mention.detachedClitic && tokens[first].folded.first == "\u{0628}") else { return false }
        // The body's building is a place things happen to ("اقتحم متظاهرون مقر مجلس النواب في
        // طبرق", "stormed the parliament building in Tobruk").
        return cues.ending(before: first, within: 0...5).contains { cue in
            let end = cue.firstToken + cue.tokenCount
            guard cue.payloads.contains(.seat) else { return false }
            let afterBuilding = cue.firstToken > 0 && words.contains(tokens[cue.firstToken - 1], in: .building)
            // "Government forces shelled positions in Gharyan", "قوات الحكومة يوم الجمعة مواقع في
            // غريان": an event word or a day between tells what the forces did, and where.
            return !afterBuilding && !tokens[end..<first].contains { words.contains($0, in: .building) }
                && !(end..<first).contains(where: told.contains)
        }
    }

    /// Where fighters or fire came from ("from Misrata", "القادمة من مدينة مصراتة"), unless a
    /// word between says whither or who reports ("from Misrata advanced to Sirte"); a locative
    /// between is part of the name's introduction (مدينة).
    func isOrigin(_ place: ResolvedPlace, cues: CuePositions) -> Bool {
        let first = place.mention.firstToken
        return cues.ending(before: first, within: 0...4).contains { cue in
            cue.payloads.contains(.origin) && !((cue.firstToken + cue.tokenCount)..<first).contains { token in
                cues.starting(at: token).contains { $0.payloads.contains(.destination) || $0.payloads.contains(.reporting) }
            }
        }
    }

    /// A cue at `token` that says where, whither or who reports (في، in, to, إلى, said).
    func isPlaceCue(at token: Int, cues: CuePositions) -> Bool {
        cues.starting(at: token).contains { cue in
            cue.payloads.contains(.locative) || cue.payloads.contains(.destination) || cue.payloads.contains(.reporting)
        }
    }

    /// The first tokens of the sentence's places that are origins: each right after an origin
    /// cue, and each listed after an origin before a trigger, a reporting verb or a word that
    /// says where or whither ("came not just from Tripoli, but outlying towns including Zintan
    /// and Zawia"; "من مصراتة وزليتن").
    func origins(_ places: [ResolvedPlace], cues: CuePositions, triggers: [PhraseMatch<Trigger>]) -> Set<Int> {
        var result = Set<Int>()
        var originEnd: Int?
        let triggerStarts = Set(triggers.map(\.firstToken))
        for place in places.sorted(by: { $0.mention.firstToken < $1.mention.firstToken }) {
            let first = place.mention.firstToken
            var isOrigin = isOrigin(place, cues: cues)
            if !isOrigin, let end = originEnd, (0...6).contains(first - end) {
                isOrigin = !(end..<first).contains { triggerStarts.contains($0) || isPlaceCue(at: $0, cues: cues) }
            }
            if isOrigin { result.insert(first) }
            originEnd = isOrigin ? first + place.mention.tokenCount : nil
        }
        return result
    }

    static let facilityKinds: Set<PlaceKind> = [.airport, .airBase, .militaryBase, .port, .oilFacility]

    /// Marks that begin a bullet point of a summary: * • ‣ ▪ –.
    static let bullets: Set<Unicode.Scalar> = ["*", "\u{2022}", "\u{2023}", "\u{25AA}", "\u{2013}"]

    /// Sub-events that are part of an attack or a clash told in the same sentence: what the
    /// attackers burned, looted, took or who they seized, and their withdrawal after it.
    static let actsOfAnAttack: Set<String> = ["Looting/property destruction", "Arrests", "Abduction/forced disappearance",
                                              "Non-violent transfer of territory"]

    /// The attack or clash nearest `trigger` among the sentence's triggers, not negated ("did
    /// not clash"): what an act told beside it belongs to. Only an armed clash: a town taken
    /// ("after the withdrawal of its forces") changed hands, and shrines wrecked with bombs
    /// were destroyed, not bombed.
    func nearestAttack(to trigger: PhraseMatch<Trigger>, among triggers: [PhraseMatch<Trigger>],
                       isNegated: (PhraseMatch<Trigger>) -> Bool) -> (eventType: EventType, subEventType: String)? {
        let attacks = triggers.filter { other in
            other.firstToken != trigger.firstToken && !isNegated(other) && other.payloads.first.map { reading in
                reading.eventType == .battles && reading.subEventType == "Armed clash"
            } ?? false
        }
        return attacks.min { abs($0.firstToken - trigger.firstToken) < abs($1.firstToken - trigger.firstToken) }
            .map { _ in (EventType.battles, "Armed clash") }
    }

    /// An English trigger after a determiner that points back ("the attack", "this strike",
    /// "that assault"): the event was told before. Arabic writes new events with the article
    /// too (وقعت الاشتباكات), so only a demonstrative counts there (هذا الهجوم، هذه الغارة).
    /// Not where what it struck follows ("the shelling of Gharyan", see
    /// ``namesItsTarget(_:among:tokens:)``).
    /// A day's possessive points back as "the" does ("no claim of responsibility for today's
    /// attack", "Sunday's bombing"), unless the place of the event follows ("Today's clashes in
    /// Misrata demonstrate …" tells where they were).
    func refersBack(_ trigger: PhraseMatch<Trigger>, among places: [ResolvedPlace], tokens: [Token], text: [Unicode.Scalar]) -> Bool {
        guard trigger.firstToken > 0 else { return false }
        let before = tokens[trigger.firstToken - 1]
        if words.contains(before, in: .pointingBack) { return !namesItsTarget(trigger, among: places, tokens: tokens) }
        guard words.contains(before, in: .dayPossessive), Self.isPossessive(before, text: text) else { return false }
        return !namesItsTarget(trigger, among: places, tokens: tokens, introducers: PlaceFrameWords.targetOrScene)
    }

    /// "the shelling of Gharyan", "the attack on Mitiga airport": the determiner is the one a
    /// noun takes before what it struck, not one that points back.
    func namesItsTarget(_ trigger: PhraseMatch<Trigger>, among places: [ResolvedPlace], tokens: [Token],
                        introducers: LetterSet = PlaceFrameWords.targetOf) -> Bool {
        let end = trigger.firstToken + trigger.tokenCount
        guard end < tokens.count, introducers.contains(tokens[end].folded) else { return false }
        return places.contains { place in
            let start = place.mention.firstToken
            return start > end && start - end <= 2 && tokens[(end + 1)..<start].allSatisfy { $0.folded == PlaceFrameWords.the }
        }
    }

    /// A mention of an event already told, in a sentence that gives it no day of its own: in
    /// Arabic a trigger with the article (وقال مصدر إن التفجير نفذته سيارة) once an event of its
    /// type was told, in a sentence that names no place where it was (تواصل الاشتباكات قرب
    /// العزيزية sets the fighting in a place of its own); in English one or two lower-case words between the determiner and the
    /// trigger ("the recent attack", "the deadly blast") once any event was. A sentence that
    /// states its day tells the event anew (وقعت الاشتباكات أمس), and the first telling is new.
    /// The determiner and the words between it and the trigger are looked for in the trigger's own
    /// sentence only ("…to warn the militias. Shells fell on …" has no "the … shells").
    func refersBackToTold(_ trigger: PhraseMatch<Trigger>, eventType: EventType, tokens: [Token], sentenceStart: Int,
                          statesItsDay: Bool, namesItsPlace: Bool, toldBefore: Set<EventType>) -> Bool {
        guard !statesItsDay, !toldBefore.isEmpty else { return false }
        let word = tokens[trigger.firstToken]
        if word.script == .arabic { return !namesItsPlace && toldBefore.contains(eventType) && hasArabicArticle(word) }
        for gap in 1...2 where trigger.firstToken - gap - 1 >= sentenceStart {
            let between = tokens[(trigger.firstToken - gap)..<trigger.firstToken]
            guard between.allSatisfy({ $0.script == .latin && !$0.isCapitalised }) else { return false }
            let determiner = tokens[trigger.firstToken - gap - 1]
            // "said that heavy clashes …": that a complementiser, not a determiner.
            if words.contains(determiner, in: .pointingBack), !words.contains(determiner, in: .that) { return true }
        }
        return false
    }

    /// The word begins with the article ال, after one proclitic (والتفجير، بالهجوم) or as لل.
    func hasArabicArticle(_ token: Token) -> Bool {
        let letters = token.folded
        let alef: Unicode.Scalar = "\u{0627}", lam: Unicode.Scalar = "\u{0644}"
        func articleAt(_ index: Int) -> Bool { letters.count > index + 3 && letters[index] == alef && letters[index + 1] == lam }
        if articleAt(0) { return true }
        guard letters.count > 4, ["\u{0648}", "\u{0641}", "\u{0628}", "\u{0643}", lam].contains(letters[0]) else { return false }
        return articleAt(1) || (letters[0] == lam && letters[1] == lam)
    }

    /// A photo's caption, its credit in the sentence or just after it ("… on May 20, 2017. / AFP
    /// PHOTO / …", "(file photo) Fighters fire …", "REUTERS/…"): an event it dates days before the
    /// report is what a file picture shows, not the news.
    func isPhotoCaption(_ sentence: Sentence, tokens: [Token]) -> Bool {
        let end = min(tokens.count, sentence.tokens.upperBound + 4)
        let start = max(0, sentence.tokens.lowerBound - 3)
        return (start..<end).contains { index in
            words.contains(tokens[index], in: .photo) && (max(0, index - 2)..<min(tokens.count, index + 3)).contains { other in
                other != index && words.contains(tokens[other], in: .photoCredit)
            }
        }
    }

    /// A trigger word alone in quotation marks ("وصف أحد الحراس الواقعة بأنها “اعتقال”", called
    /// it an "arrest") is what someone called an event, not an event of its own.
    func isQuotedLabel(_ trigger: PhraseMatch<Trigger>, text: [Unicode.Scalar]) -> Bool {
        var before = trigger.start, after = trigger.end
        while before > 0, text[before - 1] == " " { before -= 1 }
        while after < text.count, text[after] == " " { after += 1 }
        return before > 0 && after < text.count && Self.quotationMarks.contains(text[before - 1])
            && Self.quotationMarks.contains(text[after])
    }

    static let quotationMarks: Set<Unicode.Scalar> = ["\"", "\u{201C}", "\u{201D}", "\u{00AB}", "\u{00BB}", "\u{2018}", "\u{2019}", "'"]

    /// A period of several days, weeks or months near the trigger ("a bombardment in the last 13
    /// days", "خلال الأيام العشرة الماضية"): what the clause tells adds up that period, not one event.
    func coversSeveralDays(near trigger: Int, clause: Range<Int>, tokens: [Token]) -> Bool {
        let window = max(clause.lowerBound, trigger - 8)..<min(clause.upperBound, trigger + 9)
        let words = self.words
        // One look-up per word of the window for both openings; the rest only where one is.
        let openings = WordList.periodLast.bit | WordList.arabicPeriodWithin.bit
        guard window.contains(where: { words.lists(of: tokens[$0]) & openings != 0 }) else { return false }
        for index in window where words.contains(tokens[index], in: .periodLast) {
            guard index + 2 < window.upperBound, index > window.lowerBound,
                  words.contains(tokens[index - 1], in: .periodDeterminer) else { continue }
            let count = tokens[index + 1].script == .digits ? Int(tokens[index + 1].key) : words.count(tokens[index + 1])
            guard let count, count >= 3 || !words.contains(tokens[index + 2], in: .periodDay) else { continue }
            if words.contains(tokens[index + 2], in: .period) { return true }
        }
        // خلال الأيام الماضية، خلال الـ13 يوما الماضية
        for index in window where words.contains(tokens[index], in: .arabicPeriodWithin) && index + 2 < window.upperBound {
            let span = tokens[(index + 1)...min(index + 4, window.upperBound - 1)]
            if span.contains(where: { words.contains($0, in: .arabicPeriod) }),
               span.contains(where: { words.contains($0, in: .arabicPeriodPast) }) { return true }
        }
        return false
    }


    /// In Latin script, a name right after a capitalised word that is not where a sentence
    /// starts ("Fayez al-Sarraj", "Basit Igtet") is the end of a person's or a body's name,
    /// unless the line capitalises every word (a headline: "Forces Recapture Tripoli Airport").
    func isInPersonName(_ place: ResolvedPlace, tokens: [Token], text: [Unicode.Scalar]) -> Bool {
        isInPersonName(firstToken: place.mention.firstToken, tokens: tokens, text: text)
    }

    /// Whether the name that starts at token `first` follows a capitalised word inside a line
    /// that is not a headline: a person's name.
    func isInPersonName(firstToken first: Int, tokens: [Token], text: [Unicode.Scalar]) -> Bool {
        guard first > 0, tokens[first].script == .latin else { return false }
        let previous = tokens[first - 1]
        guard previous.script == .latin, previous.isCapitalised, previous.folded.count >= 3,
              !words.contains(previous, in: .capitalisedFunction) else { return false }
        // A given name runs straight into the family name: a comma lists places ("at Saddada,
        // al-Shuwayrif"), and a possessive owns one ("Tripoli's Mitiga airport").
        let gap = text[previous.end..<tokens[first].start]
        guard gap.allSatisfy({ $0 == " " }) else { return false }
        let ending = text[max(previous.start, previous.end - 2)..<previous.end]
        if ending.count == 2, ["'", "\u{2019}"].contains(ending.first!), ending.last == "s" { return false }
        // Where the previous word starts a sentence or a line, it is capitalised for that.
        var before = previous.start
        while before > 0, text[before - 1] == " " || text[before - 1] == "\"" || text[before - 1] == "\u{201C}" { before -= 1 }
        if before == 0 || [".", "!", "?", "\n", ":", "-", "\u{2013}", "\u{2014}"].contains(text[before - 1]) { return false }
        // A headline capitalises its words: look at the words of the line around the name, up
        // to twenty on each side (a headline is short; a long line is not scanned whole for
        // every name).
        var low = first, high = first
        while low > 0, first - low < 20, !text[tokens[low - 1].end..<tokens[low].start].contains("\n") { low -= 1 }
        while high + 1 < tokens.count, high - first < 20, !text[tokens[high].end..<tokens[high + 1].start].contains("\n") { high += 1 }
        let lineTokens = tokens[low...high].filter { $0.script == .latin && $0.folded.count >= 4 }
        let capitalised = lineTokens.filter(\.isCapitalised).count
        return lineTokens.isEmpty || Double(capitalised) / Double(lineTokens.count) < 0.6
    }


    /// The place is joined to the one before it by "and" (و، and, or).
    func isCoordinated(_ place: ResolvedPlace, tokens: [Token]) -> Bool {
        let first = tokens[place.mention.firstToken]
        if place.mention.detachedClitic, first.folded.first == "\u{0648}" { return true }
        guard place.mention.firstToken > 0 else { return false }
        let previous = tokens[place.mention.firstToken - 1]
        // "ومنطقة قصر بن غشير": the و is on the word that introduces the name.
        if previous.script == .arabic, previous.folded.count >= 4, previous.folded.first == "\u{0648}" { return true }
        return words.contains(previous, in: .coordinator)
    }

    /// Each place once: its first mention that is introduced as where something happened (a
    /// town named first in an actor's name, "فرسان جنزور", and later "بجنزور", counts as
    /// introduced), else its first.
    func locatedOnes(_ places: [ResolvedPlace], cues: CuePositions, tokens: [Token]) -> [ResolvedPlace] {
        guard places.count > 1 else { return places }
        var seen = Set<String>()
        return introducedOnes(places, cues: cues, tokens: tokens).filter { seen.insert($0.place.id).inserted }
    }

    /// Where several places are named and only some are introduced as where something happened
    /// (في، in, at, near — or a ب written on the name), those; a place listed with one of them
    /// ("في وادي الربيع والكايخ") counts as introduced too.
    func introducedOnes(_ places: [ResolvedPlace], cues: CuePositions, tokens: [Token]) -> [ResolvedPlace] {
        guard places.count > 1 else { return places }
        // Where fire or fighters came from is not where the event was, if another place is named.
        let notOrigins = places.filter { !isOrigin($0, cues: cues) }
        if !notOrigins.isEmpty && notOrigins.count < places.count { return introducedOnes(notOrigins, cues: cues, tokens: tokens) }
        var located: [Bool] = []
        for (index, place) in places.enumerated() {
            let start = place.mention.firstToken
            let introduced = cues.has(.locative, endingBefore: start, within: 0...1)
                || (place.mention.detachedClitic && tokens[start].folded.first == "\u{0628}")
            let listed = index > 0 && located[index - 1] && isCoordinated(place, tokens: tokens)
            located.append(introduced || listed)
        }
        guard located.contains(true), located.contains(false) else { return places }
        return zip(places, located).filter(\.1).map(\.0)
    }

    /// A Latin word written with "'s": "Tripoli's".
    static func isPossessive(_ token: Token, text: [Unicode.Scalar]) -> Bool {
        token.script == .latin && token.end - token.start >= 3 && text[token.end - 1] == "s"
            && ["'", "\u{2019}"].contains(text[token.end - 2])
    }

    /// A place between a reporting verb and its clause (قال … في طرابلس … إن) is where a
    /// statement was made, not where the event was.
    func isInReportingZone(_ place: ResolvedPlace, cues: [PhraseMatch<Cue>], sentence: Sentence,
                           tokens: [Token], text: [Unicode.Scalar]) -> Bool {
        guard let verb = cues.last(where: { $0.payloads.contains(.reporting) && $0.firstToken < place.mention.firstToken }) else { return false }
        let words = self.words
        // A verb of several words may end past the place's start, and a place may run past the
        // sentence's end (a name split by a line break): no zone then.
        let verbEnd = verb.firstToken + verb.tokenCount, placeEnd = place.mention.firstToken + place.mention.tokenCount
        guard verbEnd <= place.mention.firstToken, placeEnd <= sentence.tokens.upperBound else { return false }
        let between = tokens[verbEnd..<place.mention.firstToken]
        guard !between.contains(where: { words.contains($0, in: .complementiser) }) else { return false }
        let after = tokens[placeEnd..<sentence.tokens.upperBound]
        return after.contains { words.contains($0, in: .complementiser) }
    }

    func precision(of place: ResolvedPlace, cues: [PhraseMatch<Cue>]) -> GeoPrecision {
        switch place.place.kind {
        case .country, .district, .region: return .largerArea
        default: break
        }
        if Self.isMeasured(place.place) { return .nearPlace }
        let isNear = cues.contains { cue in
            cue.payloads.contains(.near) && cue.firstToken + cue.tokenCount <= place.mention.firstToken
                && place.mention.firstToken - (cue.firstToken + cue.tokenCount) <= 2
        }
        return isNear ? .nearPlace : .place
    }

    /// The largest death toll the sentence states ("مقتل 4"، "أربعة قتلى"، "killed 12").
    func deathToll(_ matches: [PhraseMatch<NumberWord>], tokens: [Token], sentence: Sentence) -> Int {
        var numbersAt: [Int: Int] = [:]
        for index in sentence.tokens where tokens[index].script == .digits {
            if let value = Int(tokens[index].key), value < 10_000 { numbersAt[index] = value }
        }
        for match in matches {
            for case .number(let value) in match.payloads { numbersAt[match.firstToken] = value }
        }
        var toll = 0
        for match in matches {
            for word in match.payloads {
                switch word {
                case .killedBefore:
                    let next = match.firstToken + match.tokenCount
                    // One word may stand before the number ("killed some 12", مقتل نحو 12), but not
                    // "and": "killed and 20 wounded" counts the wounded.
                    let skipsAnd = next < sentence.tokens.upperBound && words.contains(tokens[next], in: .and)
                    if let value = numbersAt[next] ?? (skipsAnd ? nil : numbersAt[next + 1]) { toll = max(toll, value) }
                case .killedAfter:
                    if let value = numbersAt[match.firstToken - 1] ?? numbersAt[match.firstToken - 2] {
                        toll = max(toll, value)
                        continue
                    }
                    // "12 people were killed", "three soldiers have been killed", "ثلاثة أشخاص
                    // مصرعهم": who died and the auxiliary stand between the number and the word.
                    var index = match.firstToken - 1
                    while index > sentence.tokens.lowerBound, match.firstToken - index <= 4,
                          words.contains(tokens[index], in: .tollFiller) { index -= 1 }
                    if index < match.firstToken - 1, let value = numbersAt[index] { toll = max(toll, value) }
                case .number:
                    break
                }
            }
        }
        return toll
    }

    /// How severe the response a protest's sub-event type says it met: peaceful, intervention,
    /// excessive force.
    static func protestSeverity(_ subEventType: String) -> Int {
        switch subEventType {
        case "Excessive force against protesters": return 2
        case "Protest with intervention": return 1
        default: return 0
        }
    }

    func unique(_ actors: [String]) -> [String] {
        var seen = Set<String>()
        return actors.filter { seen.insert($0).inserted }
    }

    /// One incident per event: the same type at the same place on the same day, told in
    /// several sentences, becomes one incident with every sentence as evidence.
    func merged(_ incidents: [ExtractedIncident], foldingTellings: Bool = true) -> [ExtractedIncident] {
        var groupOf: [ExtractedIncident.MergeGroup: Int] = [:]
        var groups: [[ExtractedIncident]] = []
        for incident in incidents {
            let key = incident.mergeGroup
            if let index = groupOf[key] {
                groups[index].append(incident)
            } else {
                groupOf[key] = groups.count
                groups.append([incident])
            }
        }
        let incidents = groups.map { group in
            var merged = group[0]
            // Told once (most events): what the rules below make of one telling.
            if group.count == 1 {
                if merged.actor2 == merged.actor1 { merged.actor2 = nil }
                if merged.evidence.count > 1 {
                    var spans: [EvidenceSpan] = []
                    appendEvidence(contentsOf: merged.evidence, to: &spans)
                    merged.evidence = spans
                }
                return merged
            }
            // The sub-event type most sentences give; the first on a tie. A protest one telling
            // says was met with force was met with force, however many others call it peaceful
            // (ACLED codes the protest by the most severe response it met).
            let counts = Dictionary(grouping: group, by: \.subEventType).mapValues(\.count)
            merged.subEventType = group.map(\.subEventType).max { counts[$0]! < counts[$1]! } ?? merged.subEventType
            if merged.eventType == .protests,
               let severest = group.map(\.subEventType).max(by: { Self.protestSeverity($0) < Self.protestSeverity($1) }),
               Self.protestSeverity(severest) > Self.protestSeverity(merged.subEventType) {
                merged.subEventType = severest
            }
            // A date a sentence states over one carried over to it, then the most precise.
            merged.date = group.compactMap(\.date).min {
                ($0.isCarriedOver ? 1 : 0, $0.precision.rawValue) < ($1.isCarriedOver ? 1 : 0, $1.precision.rawValue)
            } ?? merged.date
            merged.geoPrecision = group.map(\.geoPrecision).min { $0.rawValue < $1.rawValue } ?? merged.geoPrecision
            merged.fatalities = group.map(\.fatalities).max() ?? 0
            merged.actor1 = group.compactMap(\.actor1).first
            merged.actor2 = group.compactMap(\.actor2).first { $0 != merged.actor1 }
            var spans: [EvidenceSpan] = []
            appendEvidence(contentsOf: group.flatMap(\.evidence), to: &spans)
            merged.evidence = spans
            // An event only ever referred back to ("the attack …") was told elsewhere, at
            // another place or as background: no incident of its own.
            merged.refersBack = group.allSatisfy(\.refersBack)
            return merged
        }
        guard foldingTellings else { return incidents }
        let (told, referredBack) = placedByReferences(incidents.filter { !$0.refersBack }, incidents.filter(\.refersBack))
        let folded = foldedIntoOneLocation(foldedIntoSpecificPlaces(foldedIntoStatedDates(datedByTheirCity(told))))
        return foldedIntoTheirEvents(foldedIntoRiots(foldedIntoCrowds(foldedIntoBattles(folded)))) + referredBack
    }

    /// "مقتل 20 شخصاً في اشتباكات بطرابلس" over an article whose body tells yesterday's clashes in
    /// the Nafusa mountains: an event that only the headline and the lead tell, on no day they
    /// state, is the body's event of that type under a looser name, not one more at the
    /// headline's place on the publication day. It joins the first event of its kind the article
    /// dates, which keeps its place and day. `leadEnd` is where the lead (the first two
    /// sentences, a headline and the sentence under it) ends.
    func foldedIntoTheBodysEvents(_ incidents: [ExtractedIncident], leadEnd: Int) -> [ExtractedIncident] {
        folding(incidents, from: { all, index in
            let incident = all[index]
            guard incident.date?.isPublicationDate ?? false, !incident.refersBack,
                  incident.evidence.allSatisfy({ $0.start < leadEnd }) else { return nil }
            return FoldKey(eventType: incident.eventType)
        }, into: { all, index in
            all[index].date?.isCarriedOver == false && !all[index].refersBack ? FoldKey(eventType: all[index].eventType) : nil
        }) { all, index, dated in
            all[index].place.id != all[dated].place.id
        }
    }

    /// An event told at a city and referred back to at a place inside it, the same type on the
    /// same day ("clashes in Tripoli … الاشتباكات تجري في محيط مطار طرابلس"): the reference
    /// says where in the city the event was, and the event keeps that place and both tellings.
    func placedByReferences(_ told: [ExtractedIncident], _ referredBack: [ExtractedIncident])
        -> (told: [ExtractedIncident], referredBack: [ExtractedIncident]) {
        var told = told, unplaced: [ExtractedIncident] = []
        for reference in referredBack {
            // "The drone strike took place in the town of Tarhouna, southeast of Tripoli": a
            // reference that says where the event took place moves it out of the city the
            // headline placed it near, however far.
            let statesWhere = statesWhereItTookPlace(reference)
            guard reference.place.kind != .city, let index = told.firstIndex(where: { event in
                event.place.kind == .city && event.place.id != reference.place.id && event.eventType == reference.eventType
                    && event.date?.date == reference.date?.date && (statesWhere || isSameArea(event.place, reference.place))
            }) else {
                unplaced.append(reference)
                continue
            }
            told[index].place = reference.place
            told[index].geoPrecision = reference.geoPrecision
            appendEvidence(contentsOf: reference.evidence, to: &told[index].evidence)
        }
        return (told, unplaced)
    }

    /// Whether a sentence of `incident` says where an event took place: a verb of taking place
    /// (`took-place` in `Data/lexicons/words.tsv`: occurred, happened, "took place", وقع، جرى)
    /// right before "in" or "at" (في, or ب written on the next word).
    func statesWhereItTookPlace(_ incident: ExtractedIncident) -> Bool {
        incident.evidence.contains { span in
            let tokens = Tokenizer.tokens(in: span.text)
            return tokens.indices.dropLast().contains { index in
                guard words.contains(tokens[index], in: .tookPlace) else { return false }
                let next = tokens[index + 1]
                return PlaceFrameWords.locative.contains(next.folded) || isArabicIn(next)
                    || (next.script == .arabic && next.folded.first == "\u{0628}" && next.folded.count > 3)
            }
        }
    }

    /// A killing that a sentence with no day of its own tells beside a battle whose day is
    /// stated, at the same place, is part of that battle as ACLED codes it ("the militants
    /// beheaded the victims" after the attack on the gate).
    func foldedIntoBattles(_ incidents: [ExtractedIncident]) -> [ExtractedIncident] {
        // Read in place, by index: binding the incidents to names copied them for every pair.
        folding(incidents, from: { all, index in
            all[index].eventType == .violenceAgainstCivilians && all[index].date?.isCarriedOver == true
                ? FoldKey(day: all[index].date?.date, placeID: all[index].place.id) : nil
        }, into: { all, index in
            all[index].eventType == .battles && all[index].date?.isCarriedOver == false
                ? FoldKey(day: all[index].date?.date, placeID: all[index].place.id) : nil
        }) { all, index, battle in
            all[battle].eventType == .battles && all[index].eventType == .violenceAgainstCivilians
                && all[index].place.id == all[battle].place.id && all[index].date?.date == all[battle].date?.date
                && (all[index].date?.isCarriedOver ?? false) && !(all[battle].date?.isCarriedOver ?? true)
        }
    }

    /// Clashes at the place and on the day of a protest or a riot are that crowd's: rioters
    /// storming a base, police firing at demonstrators ("قتلوا في مواجهات" between protesters and
    /// the security forces) are not a battle between armed groups. A riot takes the fire and the
    /// blasts too (RPGs in a firefight with rioters); a protest only the clashes at its own place
    /// (a battle elsewhere in the city is an event of its own).
    func foldedIntoCrowds(_ incidents: [ExtractedIncident]) -> [ExtractedIncident] {
        folding(incidents, from: { all, index in
            (all[index].eventType == .battles || all[index].eventType == .explosionsRemoteViolence) && all[index].date != nil
                ? FoldKey(day: all[index].date?.date) : nil
        }, into: { all, index in
            (all[index].eventType == .riots || all[index].eventType == .protests) && all[index].date != nil
                ? FoldKey(day: all[index].date?.date) : nil
        }) { all, index, crowd in
            guard all[index].date != nil, all[index].date?.date == all[crowd].date?.date else { return false }
            switch all[crowd].eventType {
            case .riots:
                return (all[index].eventType == .battles || all[index].eventType == .explosionsRemoteViolence)
                    && isSameArea(all[index].place, all[crowd].place)
            case .protests:
                return all[index].eventType == .battles && all[index].subEventType == "Armed clash"
                    && all[index].place.id == all[crowd].place.id
            default:
                return false
            }
        }
    }

    /// A protest and a riot at the same place on the same day are one crowd: when it turned
    /// violent, ACLED codes the event as a riot; what the crowd burned or looted is part of it.
    func foldedIntoRiots(_ incidents: [ExtractedIncident]) -> [ExtractedIncident] {
        folding(incidents, from: { all, index in
            all[index].eventType == .protests || all[index].subEventType == "Looting/property destruction"
                ? FoldKey(day: all[index].date?.date) : nil
        }, into: { all, index in
            all[index].eventType == .riots ? FoldKey(day: all[index].date?.date) : nil
        }) { all, index, riot in
            (all[index].eventType == .protests || all[index].subEventType == "Looting/property destruction")
                && all[riot].eventType == .riots && all[riot].date?.date == all[index].date?.date
                && isSameArea(all[index].place, all[riot].place)
        }
    }

    /// Folds each incident that `belongs` says is part of another into the first such one: its
    /// evidence and its toll join that incident, which keeps its own place, type and day.
    /// `belongs` reads the incidents by index: handing it whole incidents for every pair copied
    /// them (a sixth of extraction's time on long texts).
    ///
    /// Only the pairs a rule can join are asked: `from` gives the key of an incident that may be
    /// folded (`nil`: it may not), `into` that of one that may take it, and `belongs` is asked
    /// only of the incidents whose keys agree, in their order; every rule's keys say what
    /// `belongs` requires of both (the day, the type, the place). Each rule used to ask every
    /// pair of an article's incidents, most of them of types it never joins.
    /// The keys are read by index, like `belongs`: an incident handed to a closure was copied
    /// (a retain of each of its strings and arrays) for every incident and rule.
    func folding(_ incidents: [ExtractedIncident], from: (_ incidents: [ExtractedIncident], _ index: Int) -> FoldKey?,
                 into: (_ incidents: [ExtractedIncident], _ index: Int) -> FoldKey?,
                 where belongs: (_ incidents: [ExtractedIncident], _ index: Int, _ into: Int) -> Bool) -> [ExtractedIncident] {
        // The takers in their order, searched by comparing keys: an article's incidents are a
        // handful, and a dictionary of keys hashed each key's day and place id (`Hasher`'s
        // seeding and finalising) for every incident and rule, a twentieth of extraction.
        var takers: [(key: FoldKey, index: Int)] = []
        for index in incidents.indices {
            if let key = into(incidents, index) { takers.append((key, index)) }
        }
        guard !takers.isEmpty else { return incidents }
        var folded: [(index: Int, target: Int)] = []
        var removed = [Bool](repeating: false, count: incidents.count)
        for index in incidents.indices {
            guard let key = from(incidents, index), let target = takers.first(where: {
                $0.key == key && $0.index != index && !removed[$0.index] && belongs(incidents, index, $0.index)
            })?.index else { continue }
            removed[index] = true
            folded.append((index, target))
        }
        // Nothing folded (most rules, most articles): the incidents as they are, not a copy.
        guard !folded.isEmpty else { return incidents }
        var result = incidents
        for (index, target) in folded {
            appendEvidence(contentsOf: result[index].evidence, to: &result[target].evidence)
            result[target].fatalities = max(result[target].fatalities, result[index].fatalities)
        }
        return result.indices.filter { !removed[$0] }.map { result[$0] }
    }

    /// What a folding rule requires two incidents to share (see ``folding(_:from:into:where:)``).
    struct FoldKey: Hashable {
        var day: IncidentDate?
        var eventType: EventType?
        var placeID: String?
    }

    /// A sentence that states no date and tells an event of the same type at the same place as
    /// one that does, or at the city the other's place is in (a headline, a lead, a later
    /// mention), tells that event: it is evidence for it, not an event of its own on the
    /// publication date.
    func foldedIntoStatedDates(_ incidents: [ExtractedIncident]) -> [ExtractedIncident] {
        folding(incidents, from: { all, index in
            all[index].date?.isCarriedOver == true ? FoldKey(eventType: all[index].eventType) : nil
        }, into: { all, index in
            all[index].date?.isCarriedOver == false ? FoldKey(eventType: all[index].eventType) : nil
        }) { all, index, stated in
            all[index].eventType == all[stated].eventType
                && (all[index].date?.isCarriedOver ?? false) && !(all[stated].date?.isCarriedOver ?? true)
                && (all[index].place.id == all[stated].place.id
                    || (all[index].place.kind == .city && isSameArea(all[index].place, all[stated].place)))
        }
    }

    /// A place inside a city with no date before it in the article takes the day a sentence states for the
    /// same type of event at the city ("two attacks at Ganfouda and Abu Sneib, west of
    /// Benghazi … an attack on Benghazi yesterday, Sunday"): the specific place then keeps the
    /// event, on that day.
    func datedByTheirCity(_ incidents: [ExtractedIncident]) -> [ExtractedIncident] {
        var result = incidents
        for index in result.indices where (result[index].date?.isPublicationDate ?? false) && result[index].place.kind != .city {
            guard let stated = incidents.first(where: { city in
                city.place.kind == .city && city.eventType == result[index].eventType && !(city.date?.isCarriedOver ?? true)
                    && isSameArea(city.place, result[index].place)
            }), let day = stated.date else { continue }
            result[index].date = ResolvedDate(date: day.date, precision: day.precision,
                                              reason: "the day the article gives for \(stated.place.nameEnglish): \(day.date)")
        }
        return result
    }

    /// The same type on the same day at a city and at a place inside it or on its outskirts
    /// (Tripoli and Mitiga; Tripoli and its old airport) is one event: the specific place keeps
    /// it, with the other's evidence.
    func foldedIntoSpecificPlaces(_ incidents: [ExtractedIncident]) -> [ExtractedIncident] {
        folding(incidents, from: { all, index in
            all[index].place.kind == .city ? FoldKey(day: all[index].date?.date, eventType: all[index].eventType) : nil
        }, into: { all, index in
            FoldKey(day: all[index].date?.date, eventType: all[index].eventType)
        }) { all, index, inside in
            all[index].eventType == all[inside].eventType && all[index].place.kind == .city
                && all[inside].place.id != all[index].place.id
                && all[inside].date?.date == all[index].date?.date && isSameArea(all[index].place, all[inside].place)
        }
    }

    /// The same place, or a city and a place inside it (by the gazetteer's hierarchy, or within
    /// 25 km of the city).
    func isSameArea(_ one: Place, _ other: Place) -> Bool {
        if one.id == other.id { return true }
        if isAncestor(one.id, of: other) || isAncestor(other.id, of: one) { return true }
        guard one.kind == .city || other.kind == .city else { return false }
        return Geodesic.isWithin(25_000, from: one.coordinate, to: other.coordinate)
    }
}

/// The article's cues by the token they start and end at, for the questions put to a place's
/// neighbourhood ("is a reference cue two words before it?"): asking every place against every
/// cue of the article grew with the square of a long text.
struct CuePositions {
    // By token index, not in dictionaries keyed by it: the rules ask around every place and
    // trigger, and each question of a dictionary ran `Hasher` on the index.
    private let endingAt: TokenIndexed<PhraseMatch<Cue>>
    private let startingAt: TokenIndexed<PhraseMatch<Cue>>

    init(_ cues: [PhraseMatch<Cue>]) {
        endingAt = TokenIndexed(cues) { $0.firstToken + $0.tokenCount }
        startingAt = TokenIndexed(cues) { $0.firstToken }
    }

    /// The cues that end `distance` tokens before `token` (0: right before it), nearest first.
    func ending(before token: Int, within distance: ClosedRange<Int>) -> [PhraseMatch<Cue>] {
        distance.flatMap { endingAt[token - $0] }
    }

    /// Whether a cue of `kind` ends `distance` tokens before `token`.
    func has(_ kind: Cue, endingBefore token: Int, within distance: ClosedRange<Int>) -> Bool {
        distance.contains { gap in endingAt[token - gap].contains { $0.payloads.contains(kind) } }
    }

    /// The cues that start at `token`.
    func starting(at token: Int) -> ArraySlice<PhraseMatch<Cue>> { startingAt[token] }
}

/// Items grouped by a token index, in the order given within each index: the items of token
/// `t` are `items[offsets[t]..<offsets[t + 1]]`, found without hashing.
struct TokenIndexed<Item> {
    private var offsets: [Int] = [0]
    private var items: [Item] = []

    init(_ all: [Item], token: (Item) -> Int) {
        let tokens = all.map(token)
        guard let last = tokens.max(), last >= 0 else { return }
        var counts = [Int](repeating: 0, count: last + 2)
        for token in tokens where token >= 0 { counts[token + 1] += 1 }
        for index in 1..<counts.count { counts[index] += counts[index - 1] }
        offsets = counts
        // Placed by a stable counting sort: each token's items keep their order.
        var order = [Int](repeating: 0, count: counts[counts.count - 1])
        var next = counts
        for (index, token) in tokens.enumerated() where token >= 0 {
            order[next[token]] = index
            next[token] += 1
        }
        items = order.map { all[$0] }
    }

    subscript(token: Int) -> ArraySlice<Item> {
        guard token >= 0, token + 1 < offsets.count else { return [] }
        return items[offsets[token]..<offsets[token + 1]]
    }
}
