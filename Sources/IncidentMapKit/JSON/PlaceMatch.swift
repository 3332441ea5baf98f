import Gazetteer
import IncidentMapCore

/// A place a gazetteer search found, as `gazetteer search --format json` and the API's
/// `/gazetteer/search` give it: the place, its score and the name that matched.
public struct PlaceMatch: Codable, Hashable, Sendable {
    public var id: String
    public var nameEnglish: String
    public var nameArabic: String?
    /// Every name: English, Arabic, then the variants.
    public var names: [String]
    public var kind: String
    public var admin1: String?
    public var latitude: Double
    public var longitude: Double
    public var country: String
    public var population: Int?
    /// From 0 to 1: 1 is one of the place's own names.
    public var score: Double
    public var matchedName: String
    public var sourceIDs: [String]
    public var source: String

    enum CodingKeys: String, CodingKey {
        case id, names, kind, admin1, latitude, longitude, country, population, score, source
        case nameEnglish = "name_en"
        case nameArabic = "name_ar"
        case matchedName = "matched_name"
        case sourceIDs = "source_ids"
    }

    public init(_ result: SearchResult) {
        let place = result.place
        id = place.id
        nameEnglish = place.nameEnglish
        nameArabic = place.nameArabic
        names = place.names
        kind = place.kind.rawValue
        admin1 = place.admin1
        latitude = place.coordinate.latitude
        longitude = place.coordinate.longitude
        country = place.countryCode
        population = place.population
        score = result.score
        matchedName = result.matchedName
        sourceIDs = place.sourceIDs
        source = place.source
    }
}
