import Foundation

/// A named place: a Libyan town, neighbourhood, airport or base, or a foreign place that
/// Libyan news mentions (kept so that it is recognised, never mapped as a Libyan one).
///
/// ```swift
/// let mitiga = gazetteer.place(id: "ly-mitiga")
/// mitiga?.names   // ["Mitiga", "معيتيقة", "Mitiga International Airport", …]
/// ```
public struct Place: Hashable, Sendable {
    /// A stable id: the GeoNames id where one exists, otherwise a curated slug (`ly-mitiga`).
    public var id: String
    public var kind: PlaceKind
    public var nameEnglish: String
    public var nameArabic: String?
    /// Other spellings, in any script.
    public var variants: [String]
    /// The Libyan district (shaʿbiyah) it lies in; for foreign places, the country's name.
    public var admin1: String?
    /// The id of the place it is part of (a neighbourhood's city).
    public var parentID: String?
    public var coordinate: Coordinate
    public var population: Int?
    /// ISO 3166-1 alpha-2 country code: `LY` for Libya.
    public var countryCode: String
    /// Where the coordinate came from: `GeoNames 2210247`, a page, or how it was placed by hand.
    public var source: String

    public init(id: String, kind: PlaceKind, nameEnglish: String, nameArabic: String? = nil,
                variants: [String] = [], admin1: String? = nil, parentID: String? = nil,
                coordinate: Coordinate, population: Int? = nil, countryCode: String = "LY", source: String) {
        self.id = id
        self.kind = kind
        self.nameEnglish = nameEnglish
        self.nameArabic = nameArabic
        self.variants = variants
        self.admin1 = admin1
        self.parentID = parentID
        self.coordinate = coordinate
        self.population = population
        self.countryCode = countryCode
        self.source = source
    }

    /// True for places in Libya.
    public var isLibyan: Bool { countryCode == "LY" }

    /// Every name the place is known by: English, Arabic, then the variants.
    public var names: [String] {
        var names = [nameEnglish]
        if let nameArabic { names.append(nameArabic) }
        for variant in variants where !names.contains(variant) { names.append(variant) }
        return names
    }
}

/// What kind of place a ``Place`` is.
public enum PlaceKind: String, CaseIterable, Sendable, Codable {
    case country, district, region, city, town, village, neighbourhood
    case airport
    case militaryBase = "military-base"
    case road, junction, wadi, other

    /// Reads a GeoNames feature class and code (`P`/`PPLX`, `S`/`AIRP` …), and, where the code
    /// is empty, the population.
    public init(geoNamesClass featureClass: String, code: String, population: Int?) {
        switch (featureClass, code) {
        case ("P", "PPLX"), ("P", "PPLL"): self = .neighbourhood
        case ("P", "PPLC"), ("P", "PPLA"): self = .city
        case ("P", _):
            let people = population ?? 0
            self = people >= 100_000 ? .city : people >= 10_000 ? .town : .village
        case ("S", "AIRP"), ("S", "AIRF"), ("S", "AIRH"): self = .airport
        case ("S", "AIRB"), ("S", "MILB"), ("S", "INSM"), ("S", "CMP"): self = .militaryBase
        case ("R", "RD"), ("R", "RDA"), ("R", "ST"): self = .road
        case ("R", "RDJCT"): self = .junction
        case ("H", "WAD"), ("H", "WADS"), ("H", "WADX"): self = .wadi
        case ("A", "ADM1"), ("A", "ADM2"): self = .district
        case ("A", "PCLI"): self = .country
        case ("L", _): self = .region
        default: self = .other
        }
    }
}
