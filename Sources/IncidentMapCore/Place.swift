import Foundation

/// A named place: a Libyan town, neighbourhood, airport or base, or a foreign place that
/// Libyan news mentions (kept so that it is recognised, never mapped as a Libyan one).
///
/// ```swift
/// let mitiga = gazetteer.place(id: "ly-mitiga")
/// mitiga?.names   // ["Mitiga International Airport", "مطار معيتيقة الدولي", "Mitiga", "Mitiga airport", …]
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
    /// The ids of this place in every source it was merged from (`GeoNames 2210247`,
    /// `OSM node 1699640925`, `ly-mitiga` …): one place, however many sources hold it.
    public var sourceIDs: [String]

    public init(id: String, kind: PlaceKind, nameEnglish: String, nameArabic: String? = nil,
                variants: [String] = [], admin1: String? = nil, parentID: String? = nil,
                coordinate: Coordinate, population: Int? = nil, countryCode: String = "LY", source: String,
                sourceIDs: [String] = []) {
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
        self.sourceIDs = sourceIDs.isEmpty ? [id] : sourceIDs
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
    case airBase = "air-base"
    case militaryBase = "military-base"
    case port
    case oilFacility = "oil-facility"
    case camp, landmark, road, junction, bridge, wadi, crossing, other

    /// Places people live in, from a city down to a city's district: a settlement of one
    /// source and a settlement of another with the same name close by are one place.
    public var isSettlement: Bool {
        switch self {
        case .city, .town, .village, .neighbourhood: return true
        default: return false
        }
    }

    /// How specific the place is, for choosing among places named in one clause: a district of
    /// a city or a facility (2) over a town (1) over a region (0).
    public var specificity: Int {
        switch self {
        case .country, .district, .region: return 0
        case .city, .town, .village, .wadi, .road: return 1
        default: return 2
        }
    }

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
        case ("S", "AIRB"): self = .airBase
        case ("S", "MILB"), ("S", "INSM"): self = .militaryBase
        case ("S", "CMP"), ("S", "CMPRF"): self = .camp
        case ("S", "PRT"), ("L", "PRT"), ("H", "HBR"): self = .port
        case ("S", "OILT"), ("S", "OILR"), ("S", "OILQ"), ("S", "OILW"), ("L", "OILF"), ("S", "PMPO"): self = .oilFacility
        case ("S", "BDG"): self = .bridge
        case ("S", "PSTB"): self = .crossing
        case ("S", "SQR"), ("S", "MNMT"), ("S", "PAL"), ("S", "HTL"), ("S", "HSP"), ("S", "PRN"), ("S", "MSQE"), ("S", "UNIV"): self = .landmark
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
