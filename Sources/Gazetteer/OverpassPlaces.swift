import Foundation
import IncidentMapCore

/// Reads an OpenStreetMap Overpass API answer (`[out:json]`, nodes with `lat`/`lon`, ways and
/// relations with the `center` that `out center` gives) into places.
///
/// Every name tag in Arabic or Latin script becomes a spelling (`name`, `name:ar`, `name:en`,
/// `name:fr`, `name:it`, `alt_name`, `old_name`, `official_name`, `short_name`, `int_name` …);
/// names in other scripts are left out, since Libyan news is written in these two. The kind comes
/// from the tags (`place=*`, `aeroway=aerodrome`, `military=*`, `harbour`, oil facilities,
/// `waterway=wadi`, `barrier=border_control`, hospitals, police stations, courts, universities
/// and prisons …); elements with no name or no kind incidentmap
/// maps are skipped and counted.
///
/// ```swift
/// let file = try OverpassPlaces.read(contentsOf: "LY-places-overpass.json")
/// file.places.first?.id   // "osm-node-260714409"
/// ```
///
/// Data from OpenStreetMap is © OpenStreetMap contributors under the ODbL: a gazetteer built from
/// it must say so where it ships.
public enum OverpassPlaces {
    /// The places of an answer, and how many elements were left out.
    public struct Answer: Sendable {
        public var places: [Place]
        /// Elements that carry no Arabic or Latin name (for a hospital, police station, court,
        /// university or prison: no name that says which one it is).
        public var unnamed: Int
        /// Elements whose tags name no kind of place incidentmap keeps.
        public var otherKinds: Int
    }

    /// Reads the answer in the file at `path` (a local file: fetch a URL with `GeoNamesDownload`
    /// first).
    public static func read(contentsOf path: String) throws(GazetteerError) -> Answer {
        if let remote = GazetteerError.remoteLocation(path) { throw remote }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(file: path, reason: FileManager.default.fileExists(atPath: path) ? error.localizedDescription : "no such file")
        }
        return try read(data, file: path)
    }

    struct Envelope: Decodable {
        var elements: [Element]
    }

    struct Element: Decodable {
        struct Center: Decodable { var lat: Double; var lon: Double }
        var type: String?
        var id: Int64?
        var lat: Double?
        var lon: Double?
        var center: Center?
        var tags: [String: String]?
    }

    /// Parses an Overpass JSON answer.
    public static func read(_ data: Data, file: String) throws(GazetteerError) -> Answer {
        let envelope: Envelope
        do {
            envelope = try JSONDecoder().decode(Envelope.self, from: data)
        } catch let DecodingError.dataCorrupted(context) {
            throw .unreadable(file: file, reason: "not valid JSON (\(describe(context))): is it an Overpass answer in [out:json]?")
        } catch let DecodingError.keyNotFound(key, context) {
            throw .unreadable(file: file, reason: "\(path(context.codingPath + [key])) is missing: an Overpass [out:json] answer has an \"elements\" array")
        } catch let DecodingError.typeMismatch(_, context) {
            throw .unreadable(file: file, reason: "\(path(context.codingPath)) has the wrong type: \(context.debugDescription)")
        } catch let DecodingError.valueNotFound(_, context) {
            throw .unreadable(file: file, reason: "\(path(context.codingPath)) is null")
        } catch {
            throw .unreadable(file: file, reason: "\(error)")
        }
        var answer = Answer(places: [], unnamed: 0, otherKinds: 0)
        var seen = Set<String>()
        for (index, element) in envelope.elements.enumerated() {
            let label = "element \(index) (\(element.type ?? "?") \(element.id.map(String.init) ?? "without id"))"
            guard let type = element.type, ["node", "way", "relation"].contains(type), let id = element.id else {
                throw .unreadable(file: file, reason: "\(label): an element needs a type (node, way or relation) and an id")
            }
            let tags = element.tags ?? [:]
            guard let kind = kind(of: tags) else { answer.otherKinds += 1; continue }
            var names = self.names(in: tags)
            if let facility = tags["amenity"].flatMap({ Facility(rawValue: $0) }), kind == .landmark {
                names = (names.latin.filter(facility.isNamedBy), names.arabic.filter(facility.isNamedBy))
            }
            guard let english = names.latin.first ?? names.arabic.first else { answer.unnamed += 1; continue }
            guard let latitude = element.lat ?? element.center?.lat, let longitude = element.lon ?? element.center?.lon else {
                throw .unreadable(file: file, reason: "\(label): no lat/lon (ask Overpass for `out center` to get ways and relations)")
            }
            let coordinate: Coordinate
            do {
                coordinate = try Coordinate(latitude: latitude, longitude: longitude)
            } catch {
                throw .unreadable(file: file, reason: "\(label): \(error.description)")
            }
            let placeID = "osm-\(type)-\(id)"
            guard seen.insert(placeID).inserted else {
                throw .unreadable(file: file, reason: "\(label) appears twice")
            }
            let arabic = names.arabic.first
            let variants = (names.latin + names.arabic).filter { $0 != english && $0 != arabic }
            let population = tags["population"].flatMap { Int($0.filter(\.isNumber)) }
            var sourceIDs = ["OSM \(type) \(id)"]
            if let geonames = tags["geonames:id"], Int(geonames) != nil { sourceIDs.append("GeoNames \(geonames)") }
            answer.places.append(Place(
                id: placeID, kind: kind, nameEnglish: english, nameArabic: arabic, variants: variants,
                admin1: nil, parentID: nil, coordinate: coordinate, population: population,
                countryCode: (tags["addr:country"] ?? tags["is_in:country_code"]).flatMap { $0.count == 2 ? $0 : nil } ?? "LY",
                source: "OSM \(type) \(id) (© OpenStreetMap contributors, ODbL)",
                sourceIDs: sourceIDs))
        }
        return answer
    }

    /// The kind a place's tags give, or `nil` for an element incidentmap does not keep.
    static func kind(of tags: [String: String]) -> PlaceKind? {
        switch tags["place"] {
        case "city": return .city
        case "town": return .town
        case "village", "hamlet", "isolated_dwelling", "locality", "farm": return .village
        case "suburb", "neighbourhood", "quarter", "borough", "city_block": return .neighbourhood
        case "region", "state", "province", "county": return .region
        default: break
        }
        if tags["aeroway"] == "aerodrome" || tags["aeroway"] == "airport" {
            return tags["military"] != nil || tags["aerodrome:type"] == "military" ? .airBase : .airport
        }
        if tags["military"] != nil || tags["landuse"] == "military" { return .militaryBase }
        if tags["barrier"] == "border_control" { return .crossing }
        if tags["amenity"].flatMap(Facility.init(rawValue:)) != nil { return .landmark }
        if tags["waterway"] == "wadi" || tags["natural"] == "valley" || tags["intermittent"] == "yes" && tags["waterway"] != nil {
            return .wadi
        }
        if tags["harbour"] != nil || tags["landuse"] == "port" || tags["industrial"] == "port" || tags["seamark:type"] == "harbour" {
            return .port
        }
        if ["oil", "refinery", "oil_terminal", "fuel_depot"].contains(tags["industrial"] ?? "")
            || ["petroleum_well", "oil_well", "pumping_station"].contains(tags["man_made"] ?? "")
            || tags["landuse"] == "industrial" && (tags["product"] ?? "").contains("oil") {
            return .oilFacility
        }
        if tags["bridge"] == "yes" && tags["highway"] == nil || tags["man_made"] == "bridge" { return .bridge }
        if tags["boundary"] == "administrative" {
            return tags["admin_level"] == "4" ? .district : .region
        }
        return nil
    }

    /// The public buildings news names as the scene of an attack ("an attack on the Kirimiyah
    /// police station", "قصف مستشفى الخضراء", the bombing of a mosque, an attack on an embassy),
    /// kept as landmarks from their `amenity` tag, as the GeoNames reader keeps `S.HSP`, `S.PRN`,
    /// `S.UNIV` and `S.MSQE`.
    enum Facility: String {
        case hospital, police, courthouse, university, prison, embassy
        case placeOfWorship = "place_of_worship"

        /// Words that say what the building is, folded (lower case, Arabic article and
        /// prepositions off).
        var words: Set<String> {
            switch self {
            case .hospital: ["hospital", "clinic", "polyclinic", "medical", "مستشفى", "مستشفي", "مصحة", "مصحه", "عيادة", "عياده", "عيادات",
                             "مستوصف", "الطبي", "طبي", "الصحي", "صحي"]
            case .police: ["police", "security", "checkpoint", "gate", "شرطة", "شرطه", "امن", "أمن", "بوابة", "بوابه"]
            case .courthouse: ["court", "محكمة", "محكمه"]
            case .university: ["university", "جامعة", "جامعه"]
            case .prison: ["prison", "jail", "سجن"]
            case .embassy: ["embassy", "consulate", "سفارة", "سفاره", "قنصلية", "قنصليه"]
            // Not زاوية: a Sufi lodge's name is the name of the town or quarter around it
            // (Zawiyat al-Dahmani), which the gazetteer holds as that place.
            case .placeOfWorship: ["mosque", "masjid", "church", "cathedral", "shrine", "مسجد", "جامع", "كنيسة", "كنيسه", "ضريح"]
            }
        }

        /// Words of a facility's name that tell no one building from another ("Central Hospital",
        /// "مركز الشرطة", "Security Directorate").
        static let generic: Set<String> = [
            "of", "the", "and", "for", "al", "el", "general", "central", "main", "teaching", "new", "old", "public", "private",
            "station", "center", "centre", "department", "directorate", "security", "medical", "traffic", "specialized", "specialist",
            "clinic", "clinics", "complex", "office", "dental", "health", "gate", "checkpoint", "east", "west", "north", "south",
            "eastern", "western", "northern", "southern", "inspection", "military", "commissariat", "de", "du", "la", "le",
            "مركز", "مديرية", "مديريه", "قسم", "العام", "عام", "المركزي", "مركزي", "التعليمي", "تعليمي", "الجديد", "القديم",
            "التخصصي", "الخاص", "مكتب", "فرع", "مجمع", "اسنان", "أسنان", "الشرقية", "الغربية", "الشمالية", "الجنوبية", "الرئيسية",
            "بوابة", "عيادة", "عيادات", "الصحي", "الطبي", "مستوصف", "الأمن", "الامن", "أمن", "امن", "مستشفى", "مستشفي", "شرطة", "محكمة", "جامعة", "سجن",
            "grand", "great", "big", "ambassador", "resident", "affairs", "العتيق", "الكبير", "مسجد", "جامع", "الجامع",
        ]

        /// A name that says it names such a building and which one: a bare word ("البساتين", a
        /// district the hospital is named after) would take the district's mentions, and a bare
        /// kind ("Police Station") names every one of them.
        func isNamedBy(_ name: String) -> Bool {
            let tokens = name.lowercased().split { !$0.isLetter }.map { word -> String in
                var word = String(word)
                for prefix in ["بال", "لل", "ال", "ب", "ل"] where word.hasPrefix(prefix) && word.count > prefix.count + 2 {
                    word.removeFirst(prefix.count)
                    break
                }
                return word
            }
            let saysWhat = tokens.contains { token in words.contains(token) || words.contains("ال" + token) }
            let saysWhich = tokens.contains { token in
                token.count > 2 && !words.contains(token) && !Self.generic.contains(token) && !Self.generic.contains("ال" + token)
            }
            return saysWhat && saysWhich
        }
    }

    /// The element's names in Arabic and in Latin script, each once, `name:en` and `name` first.
    static func names(in tags: [String: String]) -> (latin: [String], arabic: [String]) {
        let preferred = ["name:en", "int_name", "name", "name:ar", "official_name", "name:fr", "name:it", "alt_name", "alt_name:en",
                         "alt_name:ar", "old_name", "old_name:ar", "old_name:en", "short_name", "loc_name", "official_name:ar",
                         "official_name:en", "name:de", "name:es"]
        let others = tags.keys.filter { key in
            !preferred.contains(key) && (key.hasPrefix("name:") || key.hasSuffix("_name") || key.contains("_name:"))
        }.sorted()
        var latin: [String] = [], arabic: [String] = []
        for key in preferred + others {
            // Several values in one tag are separated by ';'.
            // A value may hold a name in each script ("Brack Airport مطار براك"): each is kept.
            for raw in (tags[key] ?? "").split(separator: ";").flatMap(scriptRuns) {
                let name = raw.trimmingCharacters(in: .whitespaces)
                if GeoNamesDump.isArabicName(name), !arabic.contains(name) { arabic.append(name) }
                if isLatinPlaceName(name), !latin.contains(name) { latin.append(name) }
            }
        }
        return (latin, arabic)
    }

    /// A Latin-script name (OSM names may begin lower-case, "al Fataieh", and hold numbers,
    /// "Zella 74 Airport"), not too long.
    static func isLatinPlaceName(_ name: String) -> Bool {
        guard !name.isEmpty, name.count <= 50, name.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) else { return false }
        return name.unicodeScalars.allSatisfy(GeoNamesDump.isLatinNameScalar)
    }

    /// A tag value cut where it turns from Latin to Arabic script or back.
    static func scriptRuns(_ value: Substring) -> [Substring] {
        var runs: [Substring] = []
        var start = value.startIndex
        var current: Bool?  // true: Arabic
        for index in value.indices {
            guard let scalar = value[index].unicodeScalars.first, scalar.properties.isAlphabetic else { continue }
            let isArabic = (0x0600...0x06FF).contains(scalar.value)
            if let current, current != isArabic {
                runs.append(value[start..<index])
                start = index
            }
            current = isArabic
        }
        runs.append(value[start...])
        return runs
    }

    static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: ["."])
    }

    static func describe(_ context: DecodingError.Context) -> String {
        let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
        return [path(context.codingPath), underlying ?? context.debugDescription].filter { !$0.isEmpty }.joined(separator: ": ")
    }
}
