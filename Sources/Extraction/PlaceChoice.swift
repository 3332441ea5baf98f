import Gazetteer
import IncidentMapCore
import TextMatching

/// Which of a sentence's places is where its event happened, when the sentence also names a
/// place only to say where another one lies ("Wamis, south-west of Tripoli"), where someone
/// went or is held ("a flight to Misrata", "relatives detained in Tripoli"), whose official
/// speaks ("the mayor of Ajdabiya said") or what a quarter is named after (حي الزنتان in Derna).
///
/// ACLED codes the place where the event happened; a place the text uses as a reference point
/// is what a reader locates that place by, not the location. The rules read the few words
/// around each name and keep to the frames news writes in English and Arabic.
extension IncidentExtractor {
    /// A place that is never where the sentence's event happened: a direction's reference in
    /// English ("west of the capital Tripoli"), a run-in dateline, where people travel to, flee
    /// to or are held, a town a quarter is named after.
    func isNeverTheScene(_ place: ResolvedPlace, tokens: [Token], text: [Unicode.Scalar]) -> Bool {
        isCompassReference(place, tokens: tokens)
            || isRunInDateline(place, tokens: tokens, text: text)
            || isTravelDestination(place, tokens: tokens)
            || isWhereOthersAreHeld(place, tokens: tokens)
            || isNamesakeOfAQuarter(place, tokens: tokens, text: text)
            || isInJoinedDateline(place, tokens: tokens, text: text)
            || isArabicLocatedReference(place, tokens: tokens)
            || isCountryDateline(place, tokens: tokens, text: text)
            || isReceivingHospitalsTown(place, tokens: tokens)
            || isDistanceReference(place, tokens: tokens)
            || isWhereAForceWithdrewTo(place, tokens: tokens)
            || isBetweenLocator(place, tokens: tokens)
    }

    /// The sentence's places without those it names only as a reference for another of its
    /// places: an Arabic direction's ("ترهونة جنوب شرق العاصمة طرابلس"), a road's ends ("on the
    /// road between A and B"), a quoted official's seat, a pipeline's origin. Where the sentence
    /// names no other place, the reference is all it says, and stays (a road's first town only).
    func choosingOverReferences(_ places: [ResolvedPlace], tokens: [Token], text: [Unicode.Scalar]) -> [ResolvedPlace] {
        guard places.count > 1 else { return places }
        let ends = roadEnds(places, tokens: tokens)
        let references = Set(places.filter { place in
            isArabicDirectionReference(place, among: places, tokens: tokens) || isOfficialsSeat(place, tokens: tokens)
                || isPipelineOrigin(place, tokens: tokens) || isLocatorOfAnother(place, among: places, tokens: tokens, text: text)
                || isBodysSeat(place, tokens: tokens) || isSideReference(place, among: places, tokens: tokens)
                || isSpeakingBodysTown(place, tokens: tokens) || isTownItBelongsTo(place, among: places, tokens: tokens)
                || isSpeakersPlace(place, tokens: tokens) || isOwnerOfAnother(place, among: places, tokens: tokens, text: text)
        }.map(\.mention.firstToken)).union(ends)
        let kept = places.filter { !references.contains($0.mention.firstToken) }
        if !kept.isEmpty { return kept }
        guard let firstEnd = places.first(where: { ends.contains($0.mention.firstToken) }) else { return places }
        return [firstEnd]
    }

    // MARK: - Direction and distance

    /// "west of the capital Tripoli", "about 50 km south-west of Libya's capital, Tripoli": a
    /// compass word with "of", not after "the" ("in the south of Tripoli" is inside the city):
    /// the place says what the event's place is measured from. ACLED's coders locate the event
    /// at the place the text names, or leave it out; never at the reference, tens or hundreds of
    /// kilometres off.
    func isCompassReference(_ place: ResolvedPlace, tokens: [Token]) -> Bool {
        let index = tokenBefore(place, skipping: PlaceFrameWords.referenceFiller, atMost: 5, tokens: tokens)
        // The filler ends with "of" right after the compass word: "west of", "west of the city of".
        guard index >= 0, index + 1 < place.mention.firstToken, tokens[index + 1].folded == PlaceFrameWords.of,
              PlaceFrameWords.compass.contains(tokens[index].folded) else { return false }
        var before = index - 1
        while before >= 0, PlaceFrameWords.compass.contains(tokens[before].folded) { before -= 1 }
        return before < 0 || !PlaceFrameWords.insideIntroducer.contains(tokens[before].folded)
    }

    /// Arabic writes "south of Tripoli" and "southern Tripoli" alike (جنوب طرابلس): a direction
    /// word before a place makes it a reference only where it stands in apposition to a place
    /// named just before ("مدينة الزاوية، غرب العاصمة طرابلس").
    func isArabicDirectionReference(_ place: ResolvedPlace, among places: [ResolvedPlace], tokens: [Token]) -> Bool {
        guard let compassStart = arabicCompassStart(before: place, tokens: tokens) else { return false }
        // The place it locates ends at most six words before the direction ("ترهونة التي تبعد 88
        // كم جنوب شرق العاصمة"), or is a second direction of it ("غرب سرت وجنوب مصراتة").
        if isAnotherPlace(than: place, among: places, endingBefore: compassStart, within: 0...6) { return true }
        // "غرب مدينة درنة", "جنوب العاصمة طرابلس": a direction from the city, told with the word
        // for a city, measures from it; where the sentence names another place (the target,
        // or a place before it that the gazetteer does not know), that place is the scene.
        let cityNoun = (compassStart..<place.mention.firstToken).contains {
            PlaceFrameWords.arabicCityNoun.contains(tokens[$0].folded)
        }
        return cityNoun && places.contains { $0.place.id != place.place.id }
    }

    /// The first token of the compass words (with a proclitic و: "وجنوب") before `place`, over
    /// at most three words that name what the place is ("العاصمة الليبية", "مدينة"); `nil`
    /// where none stands there.
    func arabicCompassStart(before place: ResolvedPlace, tokens: [Token]) -> Int? {
        var index = tokenBefore(place, skipping: PlaceFrameWords.arabicFiller, atMost: 3, tokens: tokens)
        var compassStart: Int?
        while index >= 0, tokens[index].script == .arabic, PlaceFrameWords.arabicCompass.contains(stripped(tokens[index])) {
            compassStart = index
            index -= 1
        }
        return compassStart
    }

    /// "بوابة الوادي الواقعة جنوب مصراتة", "على طريق يقع غرب مدينة سرت": a direction after a word
    /// that says where something lies measures from the place; that place is where the reader
    /// finds the located one, never where the event was, whether the gazetteer knows the
    /// located one or not (then nothing is placed rather than the event moved to the reference,
    /// as the English "south of Misrata" is read).
    func isArabicLocatedReference(_ place: ResolvedPlace, tokens: [Token]) -> Bool {
        guard tokens[place.mention.firstToken].script == .arabic,
              let compassStart = arabicCompassStart(before: place, tokens: tokens), compassStart > 0 else { return false }
        return PlaceFrameWords.liesAt.contains(stripped(tokens[compassStart - 1]))
    }

    /// A stretch named by its two ends: "on the road between Sirte and Misrata", "الطريق بين
    /// مصراتة وسرت", "at the crossroads between the towns of A and B", "between Zawiya and
    /// Sabratha". Each pair's first tokens, near end first, and whether a road word stands before
    /// "between". Only "A and B" (or Arabic's joined و): "between A, B and C" lists places. The
    /// one rule that both ``roadEnds(_:tokens:)`` and ``oneEndOfEachStretch(_:tokens:timesNamed:)`` read.
    func stretches(_ places: [ResolvedPlace], tokens: [Token]) -> [(near: Int, far: Int, isRoad: Bool)] {
        var result: [(near: Int, far: Int, isRoad: Bool)] = []
        var farEnds = Set<Int>()
        let ordered = places.sorted { $0.mention.firstToken < $1.mention.firstToken }
        for (near, far) in zip(ordered, ordered.dropFirst()) where !farEnds.contains(near.mention.firstToken) {
            let nearEnd = near.mention.firstToken + near.mention.tokenCount
            let gap = far.mention.firstToken - nearEnd
            // "between the Libyan capital and the town of Zliten": words for a town may follow "and".
            let joined = gap == 0
                ? isCoordinated(far, tokens: tokens) || words.beginsWithClitic(tokens[far.mention.firstToken], in: .and)
                : gap >= 1 && gap <= 4 && words.contains(tokens[nearEnd], in: .and)
                    && ((nearEnd + 1)..<far.mention.firstToken).allSatisfy { PlaceFrameWords.referenceFiller.contains(stripped(tokens[$0])) }
            guard joined else { continue }
            // "between" up to three words before the near end ("between the towns of").
            let opening = max(0, near.mention.firstToken - 4)..<near.mention.firstToken
            guard let between = opening.last(where: {
                words.contains(tokens[$0], in: .between) || PlaceFrameWords.between.contains(stripped(tokens[$0]))
            }) else { continue }
            farEnds.insert(far.mention.firstToken)
            let isRoad = (max(0, between - 3)..<between).contains { PlaceFrameWords.road.contains(stripped(tokens[$0])) }
            result.append((near: near.mention.firstToken, far: far.mention.firstToken, isRoad: isRoad))
        }
        return result
    }

    /// The first tokens of both ends of each road named by its ends: both say where the road
    /// is, and are references where the sentence names another place.
    func roadEnds(_ places: [ResolvedPlace], tokens: [Token]) -> Set<Int> {
        Set(stretches(places, tokens: tokens).filter(\.isRoad).flatMap { [$0.near, $0.far] })
    }

    /// `places` with one end of each stretch named by its two ends: the event happened at one
    /// point between them, one event, not one at each town. It is kept at the end the article
    /// names more often (`timesNamed`, by place id: "an attack on a checkpoint between the capital
    /// and Zliten … the checkpoint in Zliten"), else at the first end named.
    func oneEndOfEachStretch(_ places: [ResolvedPlace], tokens: [Token], timesNamed: [String: Int]) -> [ResolvedPlace] {
        guard places.count > 1 else { return places }
        let byStart = Dictionary(places.map { ($0.mention.firstToken, $0.place.id) }, uniquingKeysWith: { first, _ in first })
        let dropped = Set(stretches(places, tokens: tokens).map { stretch in
            let near = byStart[stretch.near].flatMap { timesNamed[$0] } ?? 0
            let far = byStart[stretch.far].flatMap { timesNamed[$0] } ?? 0
            return far > near ? stretch.near : stretch.far
        })
        return places.filter { !dropped.contains($0.mention.firstToken) }
    }

    // MARK: - Places where the event was not

    /// "board a flight to Misrata", "were flown to hospitals in the capital Tripoli", "fled to
    /// their stronghold in Murzuk", "نقلوا إلى مستشفى في طرابلس": where people went after or
    /// away from the event.
    func isTravelDestination(_ place: ResolvedPlace, tokens: [Token]) -> Bool {
        let first = place.mention.firstToken
        let window = max(0, first - 7)..<first
        guard let to = window.last(where: { PlaceFrameWords.to.contains(stripped(tokens[$0])) || isArabicTo(tokens[$0]) }),
              to > 0 else { return false }
        // The verb right before "to" or two words before it, or three with its object between
        // where the place follows "to" at once ("forced officers to drive the vehicles to Brak
        // airbase").
        // "drove up to the checkpoint" came to it: the place where what follows happened.
        let reach = to + 1 == first ? 3 : 2
        if stripped(tokens[to - 1]) != PlaceFrameWords.up,
           (max(0, to - reach)..<to).contains(where: { PlaceFrameWords.travel.contains(stripped(tokens[$0])) }) { return true }
        // "on its way from Tunis to Tripoli", "في طريقها من تونس إلى طرابلس": the journey's end.
        let journey = max(0, to - 5)..<to
        guard ((to + 1)..<first).allSatisfy({ PlaceFrameWords.locatorFiller.contains(stripped(tokens[$0])) }),
              let from = journey.last(where: { PlaceFrameWords.from.contains(stripped(tokens[$0])) }), from > 0 else { return false }
        return PlaceFrameWords.way.contains(stripped(tokens[from - 1]))
    }

    /// "a militia from Wershefana, which lies between that town and Tripoli", "منطقة الهلال
    /// النفطي الواقعة بين بنغازي … وسرت": the two places a region is said to lie between tell the
    /// reader where it is; neither is where the event was. The place right after "between" (past
    /// a word for a town), or one joined to an earlier one by "and" a few words after it.
    func isBetweenLocator(_ place: ResolvedPlace, tokens: [Token]) -> Bool {
        let first = place.mention.firstToken
        let window = max(0, first - 8)..<first
        guard let between = window.last(where: { words.contains(tokens[$0], in: .between) }), between > 0,
              (max(0, between - 2)..<between).contains(where: { PlaceFrameWords.liesAt.contains(stripped(tokens[$0])) }) else { return false }
        if ((between + 1)..<first).allSatisfy({ PlaceFrameWords.locatorFiller.contains(stripped(tokens[$0])) }) { return true }
        return first - 1 > between && words.contains(tokens[first - 1], in: .and)
            || words.beginsWithClitic(tokens[first], in: .and)
    }

    /// "The BBC's Rana Jawad in the capital Tripoli says", "a resident in Zawiya told AFP": the
    /// place of the one who speaks, right before the reporting word; where the sentence names
    /// another place, the event is there.
    func isSpeakersPlace(_ place: ResolvedPlace, tokens: [Token]) -> Bool {
        let first = place.mention.firstToken, end = first + place.mention.tokenCount
        guard tokens[first].script == .latin, end < tokens.count else { return false }
        var before = first - 1
        while before >= 0, PlaceFrameWords.speakerFiller.contains(tokens[before].folded) { before -= 1 }
        guard before > 0, PlaceFrameWords.locative.contains(tokens[before].folded) else { return false }
        var after = end
        // "in the capital Tripoli says": the name after the word for it.
        while after < min(tokens.count, end + 2), tokens[after].script == .latin, tokens[after].isCapitalised { after += 1 }
        return after < tokens.count && PlaceFrameWords.says.contains(tokens[after].folded)
    }

    /// "relatives detained in Tripoli", "hostages held in Sabha", "ذويهم المحتجزين في طرابلس":
    /// where people are held, not where the event that tells of them happened.
    func isWhereOthersAreHeld(_ place: ResolvedPlace, tokens: [Token]) -> Bool {
        let first = place.mention.firstToken
        guard first >= 3, PlaceFrameWords.locative.contains(tokens[first - 1].folded) || isArabicIn(tokens[first - 1]),
              PlaceFrameWords.held.contains(stripped(tokens[first - 2])) else { return false }
        return PlaceFrameWords.heldPeople.contains(stripped(tokens[first - 3]))
    }

    /// "the mayor of Ajdabiya said", "آمر القطاع الحدودي في أجدابيا قوله": the place is an
    /// official's seat when a title stands a few words before it and a reporting word right after.
    func isOfficialsSeat(_ place: ResolvedPlace, tokens: [Token]) -> Bool {
        let first = place.mention.firstToken, end = first + place.mention.tokenCount
        guard first >= 2, end < tokens.count else { return false }
        let introducer = tokens[first - 1]
        guard PlaceFrameWords.seatOf.contains(introducer.folded) || isArabicIn(introducer)
                || (place.mention.detachedClitic && tokens[first].folded.first == "\u{0628}") else { return false }
        let titleWindow = max(0, first - 4)..<first
        guard titleWindow.contains(where: { PlaceFrameWords.title.contains(stripped(tokens[$0])) }) else { return false }
        let after = end..<min(tokens.count, end + 3)
        return after.contains { PlaceFrameWords.says.contains(stripped(tokens[$0])) }
    }

    /// "a pipeline running from the Amal field to Es Sider", "خط أنابيب ممتد من حقل آمال إلى
    /// ميناء السدرة": the field the pipeline starts from is not where it was hit.
    func isPipelineOrigin(_ place: ResolvedPlace, tokens: [Token]) -> Bool {
        let first = place.mention.firstToken
        let window = max(0, first - 4)..<first
        guard let from = window.last(where: { PlaceFrameWords.from.contains(stripped(tokens[$0])) }) else { return false }
        let pipeline = max(0, from - 4)..<from
        return pipeline.contains { PlaceFrameWords.pipeline.contains(stripped(tokens[$0])) }
    }

    /// "حي الزنتان" in Derna, "Misrata Street" in Tripoli: a town's name after a word for a
    /// quarter or a street (or before "Street", "Bridge", "Square") names the quarter, not the town. The gazetteer's
    /// row for the quarter, where it has one, is matched as the longer name before this is asked.
    func isNamesakeOfAQuarter(_ place: ResolvedPlace, tokens: [Token], text: [Unicode.Scalar]) -> Bool {
        guard [.city, .town, .village].contains(place.place.kind) else { return false }
        let first = place.mention.firstToken, end = first + place.mention.tokenCount
        if first > 0, PlaceFrameWords.quarter.contains(stripped(tokens[first - 1])) { return true }
        guard end < tokens.count, tokens[end].script == .latin, tokens[end].isCapitalised else { return false }
        return PlaceFrameWords.street.contains(tokens[end].folded)
    }

    // MARK: - Locators, seats and containers

    /// "in the town of Garabulli, near the capital", "مدينة ككلة المتاخمة لمدينة الزنتان": a place
    /// after a word of nearness that follows another place by at most two words locates that
    /// place for the reader; the event is at the place it locates (ACLED codes the named town,
    /// not the landmark it is told by). "clashes near Gharyan" alone is at Gharyan: the rule only
    /// reads places in apposition to another. A possessive owns what follows: "Tripoli's
    /// southern suburb of Ain Zara" is in Ain Zara.
    func isLocatorOfAnother(_ place: ResolvedPlace, among places: [ResolvedPlace], tokens: [Token], text: [Unicode.Scalar]) -> Bool {
        let index = tokenBefore(place, skipping: PlaceFrameWords.locatorFiller, atMost: 4, tokens: tokens)
        guard index >= 0, PlaceFrameWords.near.contains(stripped(tokens[index])) else { return false }
        if (max(0, index - 2)..<index).contains(where: { Self.isPossessive(tokens[$0], text: text) }) { return false }
        var nearStart = index
        // "close to", "next to", "بالقرب من": the word before the connector is the locator's.
        if nearStart > 0, PlaceFrameWords.near.contains(stripped(tokens[nearStart - 1])) { nearStart -= 1 }
        return isAnotherPlace(than: place, among: places, endingBefore: nearStart, within: 0...2)
    }

    /// "near Tripoli's southern city of Gharyan", "in Benghazi's district of Laithi": a place
    /// written with "'s" that owns another named after "of" says where that place is; the event
    /// is at the place it owns.
    func isOwnerOfAnother(_ place: ResolvedPlace, among places: [ResolvedPlace], tokens: [Token], text: [Unicode.Scalar]) -> Bool {
        let end = place.mention.firstToken + place.mention.tokenCount
        guard Self.isPossessive(tokens[end - 1], text: text) else { return false }
        return places.contains { other in
            let start = other.mention.firstToken
            return start > end + 1 && start - end <= 4 && tokens[start - 1].folded == PlaceFrameWords.of
                && tokens[end..<start].allSatisfy { $0.script == .latin }
        }
    }

    /// "المجلس الرئاسي الذي يتخذ من قاعدة بو ستة مقراً له", "a militia headquartered in Zawiya":
    /// where a body sits, told as its seat, not where the sentence's event happened.
    func isBodysSeat(_ place: ResolvedPlace, tokens: [Token]) -> Bool {
        let first = place.mention.firstToken, end = first + place.mention.tokenCount
        // "based in the town of", "المتمركز في مدينة", "المتمركزة بمدينة": a based word, then "in"
        // (a word of its own or ب on the place or on the word for a town), then the place.
        let named = tokenBefore(place, skipping: PlaceFrameWords.locatorFiller, atMost: 3, tokens: tokens)
        let inTown = named + 1 < first && tokens[named + 1].folded.first == "\u{0628}"
            || named + 1 == first && place.mention.detachedClitic && tokens[first].folded.first == "\u{0628}"
        if named >= 0, PlaceFrameWords.basedIn.contains(stripped(tokens[named])), inTown { return true }
        if named >= 1, PlaceFrameWords.locative.contains(tokens[named].folded) || isArabicIn(tokens[named]),
           PlaceFrameWords.basedIn.contains(stripped(tokens[named - 1])) { return true }
        let takes = max(0, first - 3)..<first
        guard takes.contains(where: { PlaceFrameWords.takesAsSeat.contains(stripped(tokens[$0])) }) else { return false }
        let seat = end..<min(tokens.count, end + 3)
        return seat.contains { PlaceFrameWords.seatNoun.contains(stripped(tokens[$0])) }
    }

    /// "استقبل قسم الطوارئ بمستشفى مصراتة المركزي القتلى", "وصول الجرحى إلى مستشفى طرابلس": a
    /// town that names the hospital the dead and wounded were brought to, in a sentence that
    /// says they were brought or received, is where they were treated, not where they were hit.
    /// (A hospital that is itself hit is named without a word of receiving.)
    func isReceivingHospitalsTown(_ place: ResolvedPlace, tokens: [Token]) -> Bool {
        let first = place.mention.firstToken, end = first + place.mention.tokenCount
        // The hospital itself ("بمستشفى الخضراء", "Al-Khadra Hospital"), where the wounded lie.
        let isHospital = [.landmark, .other].contains(place.place.kind)
            && ((first..<end).contains { PlaceFrameWords.hospital.contains(stripped(tokens[$0])) }
                || end < tokens.count && PlaceFrameWords.hospital.contains(tokens[end].folded))
        if isHospital {
            let around = max(0, first - 8)..<min(tokens.count, end + 6)
            return around.contains { PlaceFrameWords.receives.contains(stripped(tokens[$0])) || PlaceFrameWords.treated.contains(stripped(tokens[$0])) }
        }
        var hospital = first - 1
        while hospital >= 0, PlaceFrameWords.hospitalFiller.contains(stripped(tokens[hospital])) { hospital -= 1 }
        var after = end
        while after < min(tokens.count, end + 2), PlaceFrameWords.hospitalFiller.contains(tokens[after].folded) { after += 1 }
        let hospitalBefore = hospital >= 0 && PlaceFrameWords.hospital.contains(stripped(tokens[hospital]))
        let hospitalAfter = after < tokens.count && PlaceFrameWords.hospital.contains(tokens[after].folded)
        guard hospitalBefore || hospitalAfter else { return false }
        let around = max(0, first - 8)..<min(tokens.count, end + 6)
        if around.contains(where: { PlaceFrameWords.receives.contains(stripped(tokens[$0])) }) { return true }
        // "أعلن مستشفى مصراتة ارتفاع عدد القتلى", "Misrata hospital said", "according to Zawiya
        // hospital": the hospital tells the toll; its town is the teller's, not the event's.
        let hospitalSpan = (hospitalBefore ? hospital : first)...(hospitalAfter ? after : end - 1)
        let telling = max(0, hospitalSpan.lowerBound - 2)..<min(tokens.count, hospitalSpan.upperBound + 3)
        return telling.contains { !hospitalSpan.contains($0) && PlaceFrameWords.tells.contains(stripped(tokens[$0])) }
    }

    /// "clashes in Warshefana", "مناطق قبائل ورشفانة": a tribe's name that the actor lexicon
    /// reads as its militia is the tribe's land where a word for "in" or for an area stands
    /// right before it (or before the tribe's name it ends), and no word of the actor's
    /// follows it ("Warshefana fighters" stays an actor).
    func isLandNamedForItsPeople(_ place: ResolvedPlace, actors: TokenMask, tokens: [Token]) -> Bool {
        let first = place.mention.firstToken, end = first + place.mention.tokenCount
        guard !actors.contains(end) else { return false }
        if place.mention.detachedClitic, tokens[first].folded.first == "\u{0628}" || tokens[first].folded.first == "\u{0641}" { return true }
        var start = first
        while start > 0, actors.contains(start - 1), first - start < 3 { start -= 1 }
        guard start > 0 else { return false }
        let before = tokens[start - 1]
        return PlaceFrameWords.land.contains(stripped(before)) || PlaceFrameWords.locative.contains(before.folded) || isArabicIn(before)
    }

    /// The last token before `place` that is not one of `filler`, skipping at most `limit` of
    /// them; -1 at the text's start.
    func tokenBefore(_ place: ResolvedPlace, skipping filler: LetterSet, atMost limit: Int, tokens: [Token]) -> Int {
        tokenBefore(place, atMost: limit, tokens: tokens) { filler.contains($0.folded) }
    }

    /// The last token before `place` for which `isFiller` is false, over at most `limit` filler
    /// tokens; -1 at the text's start.
    func tokenBefore(_ place: ResolvedPlace, atMost limit: Int, tokens: [Token], skipping isFiller: (Token) -> Bool) -> Int {
        var index = place.mention.firstToken - 1
        var skipped = 0
        while index >= 0, skipped < limit, isFiller(tokens[index]) {
            index -= 1
            skipped += 1
        }
        return index
    }

    /// Another place of `places`, named before `place`, ends `gap` tokens before `token`: the
    /// place `place` stands in apposition to.
    func isAnotherPlace(than place: ResolvedPlace, among places: [ResolvedPlace], endingBefore token: Int,
                        within gap: ClosedRange<Int>) -> Bool {
        places.contains { other in
            let end = other.mention.firstToken + other.mention.tokenCount
            return other.mention.firstToken < place.mention.firstToken && other.place.id != place.place.id
                && gap.contains(token - end)
        }
    }

    // MARK: - Words

    /// An Arabic word without one proclitic و or ف (وقال، فرّوا), as the lists hold them.
    func stripped(_ token: Token) -> Letters { Self.stripped(token) }

    static func stripped(_ token: Token) -> Letters {
        let letters = token.folded
        guard token.script == .arabic, letters.count > 3, letters.first == "\u{0648}" || letters.first == "\u{0641}" else { return letters }
        return letters.droppingFirst()
    }

    /// إلى or الى.
    func isArabicTo(_ token: Token) -> Bool { PlaceFrameWords.to.contains(token.folded) }

    /// في, or a word with ب written on it is asked by the caller.
    func isArabicIn(_ token: Token) -> Bool { token.folded == PlaceFrameWords.arabicIn }
}

/// The words the place frames read, folded as text is (``Token/folded``). Kept beside the rules
/// that read them, not in the lexicon's word lists: each list serves one frame here.
enum PlaceFrameWords {
    static func folded(_ words: [String]) -> LetterSet { LetterSet(foldedWords(words)) }

    /// Each word's tokens, folded as text is.
    static func foldedWords(_ words: [String]) -> [Letters] { words.flatMap { Tokenizer.tokens(in: $0).map(\.folded) } }

    static let of = Tokenizer.tokens(in: "of")[0].folded
    static let the = Tokenizer.tokens(in: "the")[0].folded
    /// After an event's noun, before what it struck: "the shelling of Gharyan", "the attack on Mitiga".
    static let targetOf = folded(["of", "on"])
    /// Before the one who acted: "shot by protesters".
    static let by = Tokenizer.tokens(in: "by")[0].folded
    static let arabicIn = Tokenizer.tokens(in: "في")[0].folded
    static let compass = folded(["north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"])
    /// Words between "west of" and the place: "west of the Libyan capital Tripoli", "west of the city of Sirte".
    static let referenceFiller = folded(["of", "the", "capital", "libyan", "libyas", "libya's", "city", "town", "coastal", "port", "oasis"])
    /// Before a compass word: the place is around that part of the named one ("in the south of Tripoli").
    static let insideIntroducer = folded(["the", "far"])
    static let arabicCompass = folded(["غرب", "غربي", "شرق", "شرقي", "جنوب", "جنوبي", "شمال", "شمالي", "بغرب", "بشرق", "بجنوب", "بشمال"])
    static let arabicFiller = folded(["العاصمة", "الليبية", "مدينة", "لمدينة", "بلدة"])
    /// The word for a city or a town between a direction and the place: "غرب مدينة درنة".
    static let arabicCityNoun = folded(["العاصمة", "مدينة", "لمدينة", "بلدة", "لبلدة"])
    /// A word that says where something lies, before a direction: "الواقعة جنوب مصراتة".
    /// Also a point on the way between two places: "على منتصف المسافة بين سرت ومصراتة", "halfway between".
    static let liesAt = folded(["الواقعة", "الواقع", "الواقعين", "تقع", "يقع", "الكائنة", "الكائن", "المتواجدة", "المسافة", "منتصف",
                                "lies", "lie", "lying", "located", "situated", "sits", "halfway", "midway"])
    /// A way or a journey, before "from A to B": "في طريقها من تونس إلى طرابلس", "on its way from Tunis to Tripoli".
    static let way = folded(["way", "route", "journey", "طريقها", "طريقه", "طريقهم", "طريقهما", "رحلتها", "رحلته", "رحلتهم"])
    /// Before a place and a reporting word: where the one who speaks is ("the BBC's correspondent in Tripoli says").
    static let speakerFiller = folded(["the", "capital", "city", "town", "of", "libyan"])
    /// A word for an area before a tribe's name that names its land: "مناطق ورشفانة".
    static let land = folded(["area", "areas", "region", "منطقة", "مناطق", "بمنطقة", "بمناطق", "أراضي", "اراضي", "مدينة", "بلدة"])
    /// The country after a town in a dateline.
    static let country = folded(["libya", "ليبيا"])
    /// A hospital, before the town that names it ("بمستشفى مصراتة") or after it ("Misrata Hospital").
    static let hospital = folded(["مستشفى", "بمستشفى", "لمستشفى", "المستشفى", "مستشفيات", "hospital", "hospitals", "clinic",
                                  "centre", "center"])
    /// Between the word for a hospital and its town: "مستشفى طوارئ مصراتة", "مستشفى الحوادث".
    static let hospitalFiller = folded(["طوارئ", "الطوارئ", "الحوادث", "العام", "التعليمي", "المركزي", "central", "medical",
                                        "general", "teaching"]).union(arabicFiller)
    /// Words that say the wounded lie or are treated in a hospital: "في حالة خطيرة بمستشفى".
    static let treated = folded(["حالة", "حالتهم", "العلاج", "يتلقون", "يتلقى", "تتلقى", "يرقدون", "يرقد", "condition", "treatment", "recovering"])
    /// Words that say the dead or wounded were brought to, or received at, a hospital.
    static let receives = folded(["استقبل", "استقبلت", "يستقبل", "تستقبل", "استقبال", "وصول", "وصل", "وصلت", "نقل", "نقلت", "نقلوا",
                                  "أسعف", "أسعفوا", "إسعاف", "taken", "rushed", "admitted", "brought", "received", "treated", "transferred"])
    /// Words that say who tells what follows, before or after the teller: "أعلن مستشفى …",
    /// "the hospital said", "according to the hospital".
    static let tells = folded(["أعلن", "أعلنت", "قال", "قالت", "أفاد", "أفادت", "ذكر", "ذكرت", "أكد", "أكدت", "حسب", "بحسب", "وفق", "وفقا",
                               "said", "says", "announced", "reported", "according"])
    static let between = folded(["between", "بين"])
    static let road = folded(["road", "highway", "route", "crossroads", "junction", "طريق", "الطريق", "مفترق", "تقاطع", "الرابط", "الواصل", "الساحلي"])
    static let to = folded(["to", "for", "إلى", "الى"])
    /// A verb of travel or of leaving right before "to" (or one word before it: "fled back to").
    static let travel = folded(["flight", "flights", "flown", "fly", "flew", "bound", "evacuated", "transferred", "fled", "flee", "fleeing",
                                "escaped", "board", "went", "travelled", "traveled", "taken", "rushed", "admitted", "brought",
                                "drive", "drove", "driven", "sent", "headed", "heading", "رحلة", "متجهة", "متجها", "نقلوا", "نقل", "فروا", "هربوا", "فرّوا", "لاذوا"])
    static let locative = folded(["in", "at"])
    /// After an event named by its day ("Today's clashes in Misrata"): where it was, or what it struck.
    static let targetOrScene = folded(["of", "on", "in", "at"])
    static let up = Tokenizer.tokens(in: "up")[0].folded
    static let held = folded(["detained", "held", "imprisoned", "jailed", "المحتجزين", "المعتقلين", "المسجونين", "المحتجزون", "المعتقلون"])
    static let heldPeople = folded(["relatives", "hostages", "prisoners", "detainees", "kin", "sons", "brothers", "members",
                                    "ذويهم", "أقاربهم", "أقارب", "ذوي", "أبنائهم", "السجناء", "الرهائن"])
    static let seatOf = folded(["of", "for", "in"])
    static let title = folded(["mayor", "governor", "head", "chief", "commander", "spokesman", "spokesperson", "official", "member", "elder",
                               "آمر", "امر", "عميد", "رئيس", "مدير", "قائد", "مسؤول", "المتحدث", "الناطق", "عضو", "القطاع", "الحدودي"])
    static let says = folded(["said", "says", "told", "stated", "قوله", "قال", "قالت", "إن", "أن", "أكد", "صرح"])
    static let from = folded(["from", "من"])
    static let pipeline = folded(["pipeline", "pipelines", "أنابيب", "الأنابيب", "ممتد", "الممتد", "يمتد"])
    static let quarter = folded(["حي", "بحي", "لحي", "شارع", "بشارع"])
    /// Before them, in capitals, a town's name names a street, a bridge or a square of another
    /// town ("Misrata Street", "al-Khadra Bridge, Zawiyya").
    static let street = folded(["street", "st", "quarter", "road", "bridge", "square", "roundabout", "avenue"])
    /// Nearness, before a place that locates the one named just before it.
    static let near = folded(["near", "close", "next", "nearby", "neighbouring", "neighboring", "bordering", "adjacent", "outside",
                              "قرب", "بالقرب", "القريبة", "القريب", "المتاخمة", "المتاخم", "المجاورة", "المجاور", "المحاذية", "بمحاذاة",
                              // The outskirts a village lies on: "قرية الدياسير على مشارف غريان", "on the outskirts of".
                              "مشارف", "بمشارف", "ضواحي", "بضواحي", "خارج", "outskirts", "suburb", "suburbs"])
    /// Between a word of nearness and the place: "close to the capital, Tripoli", "القريبة من مدينة".
    static let locatorFiller = referenceFiller.union(arabicFiller).union(folded(["to", "من", "لمدينة", "للعاصمة", "العاصمة"]))
    /// "based in", "headquartered in" before a body's seat.
    static let basedIn = folded(["based", "headquartered", "stationed", "garrisoned", "المتمركز", "المتمركزة", "المتمركزين",
                                 "المتمركزون", "متمركز", "متمركزة", "متمركزين", "متمركزون", "المرابط", "المرابطة", "ومقرها", "مقرها", "ومقره", "مقره"])
    /// "يتخذ من … مقرا له": a body takes a place as its seat.
    static let takesAsSeat = folded(["يتخذ", "تتخذ", "اتخذ", "اتخذت", "يتخذون", "اتخذوا"])
    static let seatNoun = folded(["مقرا", "مقر", "مقرًا", "مقراً"])
}
