import Foundation
import IncidentMapCore

/// Reads and writes the gazetteer's place files: tab-separated, one place per line, a header
/// row naming the columns, `#` comment lines allowed.
///
/// Columns: `id kind name_en name_ar variants admin1 parent latitude longitude population
/// country source`; `variants` holds other spellings separated by `|`.
public enum PlaceFile {
    public static let columns = ["id", "kind", "name_en", "name_ar", "variants", "admin1", "parent",
                                 "latitude", "longitude", "population", "country", "source"]

    /// Parses the text of a place file named `file` (for messages).
    public static func places(fromText text: String, file: String) throws(GazetteerError) -> [Place] {
        var places: [Place] = []
        var seen = Set<String>()
        var sawHeader = false
        for (number, rawLine) in text.lines().enumerated() {
            let line = number + 1
            let content = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if content.isEmpty || content.hasPrefix("#") { continue }
            let fields = content.split(separator: "\t", omittingEmptySubsequences: false).map(trimmed)
            if !sawHeader {
                guard fields == columns else {
                    throw .badLine(file: file, line: line, reason: "the header must be: " + columns.joined(separator: " <tab> "))
                }
                sawHeader = true
                continue
            }
            let place = try parse(fields, file: file, line: line)
            guard seen.insert(place.id).inserted else {
                throw .badLine(file: file, line: line, reason: "id \(place.id) appears twice in this file")
            }
            places.append(place)
        }
        return places
    }

    static func parse(_ fields: [String], file: String, line: Int) throws(GazetteerError) -> Place {
        guard fields.count == columns.count else {
            throw .badLine(file: file, line: line, reason: "\(fields.count) columns where \(columns.count) are needed (tab-separated)")
        }
        func field(_ name: String) -> String? {
            let value = fields[columns.firstIndex(of: name)!]
            return value.isEmpty ? nil : value
        }
        guard let id = field("id") else { throw .badLine(file: file, line: line, reason: "missing id") }
        guard let kindName = field("kind"), let kind = PlaceKind(rawValue: kindName) else {
            throw .badLine(file: file, line: line, reason: "kind '\(field("kind") ?? "")' is not one of: "
                           + PlaceKind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        guard let nameEnglish = field("name_en") else { throw .badLine(file: file, line: line, reason: "missing name_en") }
        let coordinate = try coordinate(latitude: field("latitude") ?? "", longitude: field("longitude") ?? "",
                                        file: file, line: line)
        var population: Int?
        if let text = field("population") {
            guard let value = Int(text), value >= 0 else {
                throw .badLine(file: file, line: line, reason: "population '\(text)' must be a whole number")
            }
            population = value
        }
        guard let country = field("country"), country.count == 2 else {
            throw .badLine(file: file, line: line, reason: "country must be an ISO 3166 two-letter code (LY for Libya)")
        }
        guard let source = field("source") else {
            throw .badLine(file: file, line: line, reason: "missing source: say where the coordinate came from")
        }
        let variants = (field("variants") ?? "").split(separator: "|").map(trimmed).filter { !$0.isEmpty }
        return Place(id: id, kind: kind, nameEnglish: nameEnglish, nameArabic: field("name_ar"), variants: variants,
                     admin1: field("admin1"), parentID: field("parent"), coordinate: coordinate,
                     population: population, countryCode: country, source: source,
                     sourceIDs: sourceIDs(forID: id))
    }

    /// The source ids a place's id stands for: a GeoNames id (digits) or an OSM element
    /// (`osm-node-123`), so that the same place from another source is joined to it.
    public static func sourceIDs(forID id: String) -> [String] {
        if !id.isEmpty, id.allSatisfy(\.isASCII), id.allSatisfy(\.isNumber) { return ["GeoNames \(id)"] }
        let parts = id.split(separator: "-")
        if parts.count == 3, parts[0] == "osm", ["node", "way", "relation"].contains(parts[1]) {
            return ["OSM \(parts[1]) \(parts[2])"]
        }
        return [id]
    }

    /// `text` without spaces at either end (Foundation's `trimmingCharacters` bridges every field
    /// through NSString: a sixth of the gazetteer's start-up).
    static func trimmed(_ text: Substring) -> String {
        var slice = text
        while slice.first == " " { slice = slice.dropFirst() }
        while slice.last == " " { slice = slice.dropLast() }
        return String(slice)
    }

    /// Reads a coordinate from decimal-degree text, naming the file and line when it is wrong
    /// (place files and GeoNames dumps alike).
    package static func coordinate(latitude: String, longitude: String, file: String, line: Int) throws(GazetteerError) -> Coordinate {
        guard let latitudeValue = Double(latitude), let longitudeValue = Double(longitude) else {
            throw .badLine(file: file, line: line,
                           reason: "latitude '\(latitude)' and longitude '\(longitude)' must be decimal degrees")
        }
        do {
            return try Coordinate(latitude: latitudeValue, longitude: longitudeValue)
        } catch {
            throw .badLine(file: file, line: line, reason: error.description)
        }
    }

    /// One place as a line of a place file.
    public static func line(for place: Place) -> String {
        [place.id, place.kind.rawValue, place.nameEnglish, place.nameArabic ?? "",
         place.variants.joined(separator: "|"), place.admin1 ?? "", place.parentID ?? "",
         String(place.coordinate.latitude), String(place.coordinate.longitude),
         place.population.map(String.init) ?? "", place.countryCode, place.source]
            .map { $0.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ") }
            .joined(separator: "\t")
    }

    /// Merges `override` into `base`: the override's fields win, the variants of both are kept.
    public static func merge(_ base: Place, with override: Place) -> Place {
        var merged = override
        let known = Set(override.names)
        merged.variants = override.variants + base.names.filter { !known.contains($0) }
        if merged.population == nil { merged.population = base.population }
        if merged.admin1 == nil { merged.admin1 = base.admin1 }
        if merged.nameArabic == nil { merged.nameArabic = base.nameArabic }
        return merged
    }
}
