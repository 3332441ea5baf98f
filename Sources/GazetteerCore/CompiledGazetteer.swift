import Foundation
import IncidentMapCore
import TextMatching

/// The built-in gazetteer as the build writes it, so that a command does not read, join and
/// fold the place files at every start: the places of `Gazetteer/` already joined
/// (`PlaceConflation`), the ids joined into others, and every spelling's `SearchKey`, in a
/// line-based text the binary carries and reads back in a few milliseconds.
///
/// `compile-gazetteer` (run by `EmbedResourcesPlugin`) makes it from the same files and code the
/// gazetteer used to join at start-up, and checks that it reads back to exactly what it wrote.
///
/// Each part is one line per record, fields separated by tabs, strings written with `\` escapes
/// for tab, line feed, carriage return, `|`, `#` and `\` (lists are joined with `|`; with no `#`
/// in it, a part goes into a Swift raw string `#"""…"""#` as it is):
/// - places, by id: `id kind name_en name_ar variants admin1 parent latitude longitude
///   population country source source_ids`, an empty field for a missing value;
/// - aliases: `joined_id kept_id`;
/// - search entries, in the order search has always read them: `place_id stable name plain
///   whole core consonants` (`SearchIndex`).
package struct CompiledGazetteer: Sendable {
    /// The joined places, sorted by id.
    package var places: [Place]
    /// Ids joined into another place → the id kept.
    package var aliases: [String: String]
    /// The search entries, as `encode(searchEntries:)` writes them.
    package var searchEntries: String

    /// Joins `layers` as the gazetteer does (`PlaceConflation`) and writes down what search
    /// compares names with.
    package init(layers: GazetteerLayers) {
        let conflation = PlaceConflation(layers: layers.lowestFirst)
        places = conflation.places.values.sorted { $0.id < $1.id }
        aliases = conflation.aliases
        let entries = SearchEntry.entries(of: places, rules: layers.rules, tokens: TokenCache(conflation.tokensByName))
        searchEntries = Self.encode(searchEntries: entries)
    }

    /// Reads the parts `encodedPlaces`, `encodedAliases` and `searchEntries` wrote.
    package init(places: String, aliases: String, searchEntries: String) throws(GazetteerError) {
        self.places = try Self.decodePlaces(places)
        self.aliases = try Self.decodeAliases(aliases)
        self.searchEntries = searchEntries
    }

    // MARK: Places and aliases

    static let part = "the compiled gazetteer"

    /// The places, one line each.
    package var encodedPlaces: String {
        let escaped = Self.escaped
        return places.map { place in
            [escaped(place.id), place.kind.rawValue, escaped(place.nameEnglish), escaped(place.nameArabic ?? ""),
             place.variants.map(escaped).joined(separator: "|"), escaped(place.admin1 ?? ""), escaped(place.parentID ?? ""),
             String(place.coordinate.latitude), String(place.coordinate.longitude), place.population.map(String.init) ?? "",
             escaped(place.countryCode), escaped(place.source), place.sourceIDs.map(escaped).joined(separator: "|")]
                .joined(separator: "\t")
        }.joined(separator: "\n")
    }

    /// The aliases, one line each, by joined id.
    package var encodedAliases: String {
        let escaped = Self.escaped
        return aliases.sorted { $0.key < $1.key }.map { escaped($0.key) + "\t" + escaped($0.value) }.joined(separator: "\n")
    }

    static func decodePlaces(_ text: String) throws(GazetteerError) -> [Place] {
        var places: [Place] = []
        let bytes = Array(text.utf8)
        try forEachLine(of: bytes, fieldCount: 13) { (line, fields) throws(GazetteerError) in
            func string(_ index: Int) -> String { unescaped(bytes[fields[index]]) }
            func optional(_ index: Int) -> String? { fields[index].isEmpty ? nil : string(index) }
            func list(_ index: Int) -> [String] {
                fields[index].isEmpty ? [] : bytes[fields[index]].split(separator: UInt8(ascii: "|"), omittingEmptySubsequences: false).map(unescaped)
            }
            guard let kind = PlaceKind(rawValue: string(1)),
                  let latitude = Double(string(7)), let longitude = Double(string(8)),
                  let coordinate = try? Coordinate(latitude: latitude, longitude: longitude) else {
                throw .badLine(file: part, line: line, reason: "a kind or coordinate the build would not have written: rebuild incidentmap")
            }
            places.append(Place(id: string(0), kind: kind, nameEnglish: string(2), nameArabic: optional(3), variants: list(4),
                                admin1: optional(5), parentID: optional(6), coordinate: coordinate,
                                population: optional(9).flatMap { Int($0) }, countryCode: string(10), source: string(11),
                                sourceIDs: list(12)))
        }
        return places
    }

    static func decodeAliases(_ text: String) throws(GazetteerError) -> [String: String] {
        var aliases: [String: String] = [:]
        let bytes = Array(text.utf8)
        try forEachLine(of: bytes, fieldCount: 2) { (_, fields) throws(GazetteerError) in
            aliases[unescaped(bytes[fields[0]])] = unescaped(bytes[fields[1]])
        }
        return aliases
    }

    // MARK: Search entries

    /// The search entries, one line each. `stable` is 1 when every key is its own canonical
    /// decomposition and needed no escape, so that keys equal as Swift strings (canonically
    /// equivalent) are equal byte for byte, and `SearchIndex` may find them by their bytes' hash;
    /// entries marked 0 are compared with every query.
    package static func encode(searchEntries entries: [SearchEntry]) -> String {
        entries.map { entry in
            let key = entry.key
            let keys = [key.plain, key.whole, key.core, key.consonants]
            let stable = keys.allSatisfy(isStable) && key.whole.split(separator: " ", omittingEmptySubsequences: false).map(String.init) == key.words
            return [escaped(entry.placeID), stable ? "1" : "0", escaped(entry.name)]
                .joined(separator: "\t") + "\t" + keys.map(escaped).joined(separator: "\t")
                + (stable ? "" : "\t" + key.words.map(escaped).joined(separator: "|"))
        }.joined(separator: "\n")
    }

    /// The key's bytes are all that canonical equality compares: it is its own decomposition
    /// (Normalizer's keys are, having lost their marks) and holds nothing `escaped(_:)` changes.
    static func isStable(_ key: String) -> Bool {
        if key.utf8.allSatisfy({ $0 < 0x80 }) { return escaped(key) == key }
        return escaped(key) == key && key.decomposedStringWithCanonicalMapping.utf8.elementsEqual(key.utf8)
    }

    /// Reads the search entry of one line, given its fields' byte ranges.
    static func searchEntry(bytes: [UInt8], fields: [Range<Int>]) -> SearchEntry {
        func string(_ index: Int) -> String { unescaped(bytes[fields[index]]) }
        let whole = string(4)
        let words = fields.count > 7
            ? (fields[7].isEmpty ? [] : bytes[fields[7]].split(separator: UInt8(ascii: "|"), omittingEmptySubsequences: false).map(unescaped))
            : whole.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        return SearchEntry(placeID: string(0), name: string(2),
                           key: SearchKey(plain: string(3), whole: whole, words: words, core: string(5), consonants: string(6)))
    }

    // MARK: Text

    /// `text` with `\`, tab, line feed, carriage return, `|` and `#` written as `\\`, `\t`, `\n`, `\r`,
    /// `\p`, `\h`.
    static func escaped(_ text: String) -> String {
        guard text.utf8.contains(where: { [0x5C, 0x09, 0x0A, 0x0D, 0x7C, 0x23].contains($0) }) else { return text }
        var result = ""
        for character in text.unicodeScalars {
            switch character {
            case "\\": result += "\\\\"
            case "\t": result += "\\t"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "|": result += "\\p"
            case "#": result += "\\h"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }

    static func unescaped(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.contains(0x5C) else { return String(decoding: bytes, as: UTF8.self) }
        var result: [UInt8] = []
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            guard byte == 0x5C, let next = iterator.next() else { result.append(byte); continue }
            switch next {
            case UInt8(ascii: "t"): result.append(0x09)
            case UInt8(ascii: "n"): result.append(0x0A)
            case UInt8(ascii: "r"): result.append(0x0D)
            case UInt8(ascii: "p"): result.append(0x7C)
            case UInt8(ascii: "h"): result.append(0x23)
            default: result.append(next)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// Calls `body` with each line's number and its tab-separated fields' byte ranges; a line with
    /// fewer than `fieldCount` fields is an error.
    static func forEachLine(of bytes: [UInt8], fieldCount: Int,
                            _ body: (Int, [Range<Int>]) throws(GazetteerError) -> Void) throws(GazetteerError) {
        var start = 0, line = 0
        var fields: [Range<Int>] = []
        while start < bytes.count {
            line += 1
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            fields.removeAll(keepingCapacity: true)
            var fieldStart = start
            for index in start..<end where bytes[index] == 0x09 {
                fields.append(fieldStart..<index)
                fieldStart = index + 1
            }
            fields.append(fieldStart..<end)
            guard fields.count >= fieldCount else {
                throw .badLine(file: part, line: line, reason: "\(fields.count) fields where \(fieldCount) were written: rebuild incidentmap")
            }
            try body(line, fields)
            start = end + 1
        }
    }
}
