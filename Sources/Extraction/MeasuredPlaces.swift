import Foundation
import Gazetteer
import IncidentMapCore
import TextMatching

/// The point a text measures from a place: "destroying two camps, 45 kilometers southwest of
/// Sirte", "هجوم على نقطة تفتيش على بعد 60 كيلومترا جنوبي مدينة اجدابيا". Where a sentence names
/// no place of its own and locates its event only by a distance and a direction from a town,
/// ACLED's coders put the event there, not at the town (which is tens of kilometres off and
/// where nothing happened); the rules that keep the town from being the scene are
/// ``IncidentExtractor/isDistanceReference(_:tokens:)``'s.
///
/// The point is the place the geodesic from the town reaches after the distance, leaving at the
/// direction's bearing (PROJ's `geod_direct`, through ``Geodesic/destination(from:azimuth:metres:)``);
/// its place has an id of its own (`2210554@45km225`), so that two distances from one town are two
/// places, and is coded ``GeoPrecision/nearPlace``. It has no parent: an event told at the town
/// itself that day stays an event of its own (a headline's "in Sirte" and the body's "45 km
/// southwest of Sirte" are one strike, but in the unseen real articles a town's event and one
/// measured from it were more often two). `gazetteer refresh` leaves its incidents where they
/// are: the point is the text's measure, which no gazetteer place moves.
extension IncidentExtractor {
    /// The place `reference` measures: `nil` unless a number, a unit and a direction stand
    /// before it ("45 kilometers southwest of", "(630 كيلومتراً) شرق", "80km south-east of the
    /// Libyan capital"), and the distance is one a report would give (up to 1,500 km).
    /// A place of `mentions` (the article's, references and all) that ends a few words before the
    /// number is the place the distance locates ("Zuwara, a Berber town about 120 km west of
    /// Tripoli", "سكان زنتان، 145 كيلومترا جنوب غربي العاصمة"): `nil` then, as the sentence's
    /// event is at that place, or at none the measure gives.
    func measuredPlace(from reference: ResolvedPlace, tokens: [Token], mentions: [Mention]) -> ResolvedPlace? {
        let unitIndex = tokenBeforeDirection(reference, tokens: tokens)
        guard unitIndex >= 0, let bearing = Self.bearing(of: tokens[(unitIndex + 1)..<reference.mention.firstToken]),
              let (kilometres, numberIndex) = distanceInKilometres(endingAt: unitIndex, tokens: tokens),
              kilometres >= 1, kilometres <= 1_500,
              !mentions.contains(where: { mention in
                  let end = mention.firstToken + mention.tokenCount
                  return end <= numberIndex && numberIndex - end <= Self.appositionReach
              }) else { return nil }
        let town = reference.place
        let point = Geodesic.destination(from: town.coordinate, azimuth: bearing.degrees, metres: kilometres * 1_000)
        // To a millionth of a degree (about 0.1 m), as the gazetteer writes its points: the measure
        // in the text is good to a kilometre at best.
        func rounded(_ degrees: Double) -> Double { (degrees * 1_000_000).rounded() / 1_000_000 }
        guard let coordinate = try? Coordinate(latitude: rounded(point.latitude), longitude: rounded(point.longitude)) else { return nil }
        let distance = String(Int(kilometres.rounded()))
        // Near enough to be the town's outskirts, the point is in its district; further off, the
        // district is not known.
        let isNearTown = kilometres <= Self.outskirtsKilometres
        var measured = reference
        measured.place = Place(
            id: "\(town.id)@\(distance)km\(Int(bearing.degrees))", kind: .other,
            nameEnglish: "\(distance) km \(bearing.english) of \(town.nameEnglish)",
            nameArabic: town.nameArabic.map { "\(distance) كم \(bearing.arabic) \($0)" },
            admin1: isNearTown ? town.admin1 : nil, parentID: nil, coordinate: coordinate,
            countryCode: town.countryCode,
            source: "\(distance) km at \(Int(bearing.degrees))° from \(town.nameEnglish) (\(town.source)), as the text measures it",
            sourceIDs: [])
        measured.reason = "measured from \(town.nameEnglish): \(distance) km \(bearing.english) of it"
        return measured
    }

    /// How many words may stand between a place and the distance that locates it: "Derna, a
    /// coastal city about 300 kilometers east of Benghazi".
    static let appositionReach = 5

    /// Up to this distance a measured point is on a town's outskirts, in its district.
    static let outskirtsKilometres = 50.0

    /// Whether `place` is a point measured from a town (see ``measuredPlace(from:tokens:)``).
    static func isMeasured(_ place: Place) -> Bool {
        place.kind == .other && place.id.contains("@") && place.sourceIDs == [place.id]
    }

    /// The distance a number and a unit give, the unit at `unitIndex`: "45 kilometers", "80km",
    /// "مائة كلم"; of "45 kilometers (30 miles)", the first. In kilometres, with the index of
    /// the number's token.
    func distanceInKilometres(endingAt unitIndex: Int, tokens: [Token]) -> (kilometres: Double, numberIndex: Int)? {
        let unit = tokens[unitIndex]
        // "80km", "45kms": the tokenizer runs digits into the Latin word after them.
        if unit.script == .latin, let joined = Self.numberAndUnit(unit.folded) {
            return firstMeasure(before: unitIndex, tokens: tokens) ?? (joined, unitIndex)
        }
        guard words.contains(unit, in: .distanceUnit), unitIndex > 0,
              let number = Self.number(tokens[unitIndex - 1]) else { return nil }
        return firstMeasure(before: unitIndex - 1, tokens: tokens) ?? (number * Self.kilometres(perUnit: unit.folded), unitIndex - 1)
    }

    /// The measure right before the one that starts at `index`, which then gives it again in
    /// other units: "45 kilometers (30 miles)", "90km (55 miles)".
    func firstMeasure(before index: Int, tokens: [Token]) -> (kilometres: Double, numberIndex: Int)? {
        guard index >= 1 else { return nil }
        let unit = tokens[index - 1]
        if unit.script == .latin, let joined = Self.numberAndUnit(unit.folded) { return (joined, index - 1) }
        guard index >= 2, words.contains(unit, in: .distanceUnit), let number = Self.number(tokens[index - 2]) else { return nil }
        return (number * Self.kilometres(perUnit: unit.folded), index - 2)
    }

    /// Kilometres in one of a unit: a mile is 1.609344 km; every other unit the lexicon lists is
    /// a kilometre.
    static func kilometres(perUnit unit: Letters) -> Double {
        mileWords.contains(unit) ? 1.609344 : 1
    }

    static let mileWords = PlaceFrameWords.folded(["mile", "miles", "ميل", "ميلا", "أميال"])

    /// "80km", "45kms", "30miles": the number and the unit written as one word.
    static func numberAndUnit(_ letters: Letters) -> Double? {
        let scalars = Array(letters)
        guard let firstLetter = scalars.firstIndex(where: { !("0"..."9").contains($0) }), firstLetter > 0,
              let number = Double(String(String.UnicodeScalarView(scalars[..<firstLetter]))) else { return nil }
        let unit = String(String.UnicodeScalarView(scalars[firstLetter...]))
        switch unit {
        case "km", "kms": return number
        case "mile", "miles": return number * 1.609344
        default: return nil
        }
    }

    /// A number written in digits ("45", "٦٠"), or one of the round Arabic numbers reports
    /// write in words (مائة، مئتي، ألف).
    static func number(_ token: Token) -> Double? {
        if token.script == .digits { return Double(String(String.UnicodeScalarView(Array(token.folded)))) }
        return numberWords[token.folded]
    }

    static let numberWords: LetterTable<Double> = {
        var words = LetterTable<Double>()
        for (spellings, value) in [(["مائة", "مئة", "مائه", "مئه"], 100.0), (["مئتي", "مائتي", "مئتين", "مائتين"], 200),
                                   (["ألف", "الف"], 1_000)] {
            for folded in PlaceFrameWords.foldedWords(spellings) { words.update(folded, default: value) { _ in } }
        }
        return words
    }()

    /// A compass bearing a text gives, in degrees clockwise from north, with its English and
    /// Arabic words.
    struct Bearing: Equatable {
        var degrees: Double
        var english: String
        var arabic: String
    }

    /// The bearing the direction words between a distance and its place give: "southwest",
    /// "south-west", "south east", "جنوب غرب", "جنوبي", "إلى الغرب من", "الجنوب الغربي". `nil`
    /// where there is none, or where they contradict each other ("north … south").
    static func bearing(of words: ArraySlice<Token>) -> Bearing? {
        var northSouth = 0, eastWest = 0
        for word in words {
            guard let (north, east) = compassParts[word.folded] ?? compassParts[stripped(word)] else { continue }
            if north != 0 {
                guard northSouth == 0 || northSouth == north else { return nil }
                northSouth = north
            }
            if east != 0 {
                guard eastWest == 0 || eastWest == east else { return nil }
                eastWest = east
            }
        }
        guard northSouth != 0 || eastWest != 0 else { return nil }
        let names: [Int: (english: String, arabic: String)] = [
            0: ("north", "شمال"), 45: ("north-east", "شمال شرق"), 90: ("east", "شرق"), 135: ("south-east", "جنوب شرق"),
            180: ("south", "جنوب"), 225: ("south-west", "جنوب غرب"), 270: ("west", "غرب"), 315: ("north-west", "شمال غرب"),
        ]
        var degrees = atan2(Double(eastWest), Double(northSouth)) * 180 / .pi
        if degrees < 0 { degrees += 360 }
        let rounded = Int(degrees.rounded())
        guard let name = names[rounded] else { return nil }
        return Bearing(degrees: Double(rounded), english: name.english, arabic: name.arabic)
    }

    /// Each compass word's north (+1) or south (-1) part and east (+1) or west (-1) part.
    static let compassParts: LetterTable<(Int, Int)> = {
        var parts = LetterTable<(Int, Int)>()
        let table: [([String], (Int, Int))] = [
            (["north", "شمال", "شمالي", "الشمال", "الشمالي", "الشمالية", "بشمال"], (1, 0)),
            (["south", "جنوب", "جنوبي", "الجنوب", "الجنوبي", "الجنوبية", "بجنوب"], (-1, 0)),
            (["east", "شرق", "شرقي", "الشرق", "الشرقي", "الشرقية", "بشرق"], (0, 1)),
            (["west", "غرب", "غربي", "الغرب", "الغربي", "الغربية", "بغرب"], (0, -1)),
            (["northeast"], (1, 1)), (["northwest"], (1, -1)), (["southeast"], (-1, 1)), (["southwest"], (-1, -1)),
        ]
        for (spellings, value) in table {
            for folded in PlaceFrameWords.foldedWords(spellings) { parts.update(folded, default: value) { _ in } }
        }
        return parts
    }()
}
