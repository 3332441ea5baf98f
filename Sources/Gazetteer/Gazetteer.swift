import Foundation
import IncidentMapCore
import TextMatching

/// The place names incidentmap knows: Libyan places in Arabic and Latin script with their
/// variants, and foreign places Libyan news names. It finds names in text, chooses among
/// namesakes from context, and searches names for a user.
///
/// ```swift
/// let gazetteer = try Gazetteer.bundled()
/// let places = gazetteer.resolve("غارة جوية تستهدف مطار معيتيقة بطرابلس")
/// gazetteer.search("Gasr Ben Gashir").first?.place.id   // "2219905"… the GeoNames id
/// ```
public final class Gazetteer: Sendable {
    /// Every place by id.
    public let places: [String: Place]
    let index: PhraseIndex<String>
    let rules: ContextRules
    /// Every (place id, name, normalised name) for search.
    let searchEntries: [(placeID: String, name: String, key: String)]

    /// Builds a gazetteer from places and context rules.
    public init(places: [Place], rules: ContextRules) {
        var byID: [String: Place] = [:]
        for place in places { byID[place.id] = byID[place.id].map { PlaceFile.merge($0, with: place) } ?? place }
        var index = PhraseIndex<String>()
        var entries: [(String, String, String)] = []
        for place in byID.values.sorted(by: { $0.id < $1.id }) {
            for name in place.names {
                let keys = Normalizer.keys(of: name)
                guard !keys.isEmpty, !rules.isIgnored(keys, for: place.id) else { continue }
                index.insert(keys: keys, payload: place.id)
                entries.append((place.id, name, keys.joined(separator: " ")))
            }
        }
        self.places = byID
        self.index = index
        self.rules = rules
        self.searchEntries = entries
    }

    /// The gazetteer built into incidentmap (the files of `Gazetteer/`), read once.
    public static func bundled() throws -> Gazetteer {
        let layers = try bundledLayers()
        return Gazetteer(places: layers.geoNames + layers.curated, rules: layers.rules)
    }

    /// The gazetteer in force once a GeoNames refresh has stored `imported` places: the
    /// built-in GeoNames places, then the imported ones (newer GeoNames wins over the built-in
    /// snapshot), then the curated places (curated wins over GeoNames where they disagree;
    /// names are pooled).
    public static func inForce(imported: [Place]) throws -> Gazetteer {
        let layers = try bundledLayers()
        return Gazetteer(places: layers.geoNames + imported + layers.curated, rules: layers.rules)
    }

    /// The built-in data in layers: places derived from GeoNames, curated places, rules.
    public static func bundledLayers() throws -> (geoNames: [Place], curated: [Place], rules: ContextRules) {
        try bundledResult.get()
    }

    private static let bundledResult: Result<(geoNames: [Place], curated: [Place], rules: ContextRules), GazetteerError> = {
        do throws(GazetteerError) {
            var geoNames: [Place] = [], curated: [Place] = []
            var rules = ContextRules()
            for file in EmbeddedResources.files.sorted(by: { $0.name < $1.name }) {
                let path = "Gazetteer/" + file.name
                if file.name == "context.tsv" {
                    rules = try ContextRules(text: file.text, file: path)
                } else if file.name.hasPrefix("geonames-") {
                    geoNames += try PlaceFile.places(fromText: file.text, file: path)
                } else if file.name.hasPrefix("places-") {
                    curated += try PlaceFile.places(fromText: file.text, file: path)
                }
            }
            return .success((geoNames, curated, rules))
        } catch {
            return .failure(error)
        }
    }()

    /// The Libyan districts (GeoNames admin1 code → English and Arabic names) from
    /// `Gazetteer/districts.tsv`.
    public static func districts() -> [String: (english: String, arabic: String)] {
        guard let file = EmbeddedResources.files.first(where: { $0.name == "districts.tsv" }) else { return [:] }
        var districts: [String: (String, String)] = [:]
        for line in file.text.split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("code") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if fields.count >= 3 { districts[fields[0]] = (fields[1], fields[2]) }
        }
        return districts
    }

    public func place(id: String) -> Place? { places[id] }

    /// How many distinct names are indexed.
    public var nameCount: Int { index.phraseCount }
}
