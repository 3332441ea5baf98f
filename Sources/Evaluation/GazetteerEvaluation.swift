import Foundation
import Gazetteer
import IncidentMapCore

/// The gazetteer measured: how many places and spellings it holds by kind and by source, and how
/// many of the places real articles report incidents at it finds in their text.
enum GazetteerEvaluation {
    struct Case: Decodable {
        struct Expectation: Decodable {
            var near: [Double]
            var km: Double
            var place: String
        }
        var id: String
        var text: String
        var expect: [Expectation]
    }

    static func report(casesPath: String) throws -> String {
        let gazetteer = try Gazetteer.bundled()
        let libyan = gazetteer.places.values.filter { $0.isLibyan && $0.kind != .country }
        var lines = ["gazetteer: \(libyan.count) Libyan places, \(libyan.reduce(0) { $0 + $1.names.count }) spellings; "
                     + "\(gazetteer.places.count - libyan.count) foreign places and Libya itself"]
        let byKind = Dictionary(grouping: libyan, by: \.kind.rawValue).mapValues(\.count)
        lines.append("distinct names indexed once folded, with the forms the spelling rules make: \(gazetteer.nameCount)")
        lines.append("by kind: " + byKind.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        var bySource: [String: Int] = [:]
        for place in libyan {
            let sources = Set(place.sourceIDs.map { id -> String in
                id.hasPrefix("GeoNames ") ? "GeoNames" : id.hasPrefix("OSM ") ? "OpenStreetMap" : "curated"
            })
            for source in sources { bySource[source, default: 0] += 1 }
            if sources.count > 1 { bySource["joined from several sources", default: 0] += 1 }
        }
        lines.append("by source (a place may have several): " + bySource.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))

        guard FileManager.default.fileExists(atPath: casesPath) else {
            lines.append("real articles: \(casesPath) is absent, so the hit rate is not measured")
            return lines.joined(separator: "\n")
        }
        let cases = try JSONDecoder().decode([Case].self, from: Data(contentsOf: URL(fileURLWithPath: casesPath)))
        // Each expected place once per article: is a place within 10 km of it (or the analyst's
        // radius, if smaller) named in the text and found?
        var total = 0, found = 0
        var misses: [String] = []
        for article in cases {
            let resolved = gazetteer.resolve(article.text).resolved.filter { $0.place.isLibyan }
            var seen = Set<String>()
            for expectation in article.expect where expectation.near.count == 2 && seen.insert(expectation.place).inserted {
                total += 1
                let radius = min(10, expectation.km) * 1000
                let target = try Coordinate(latitude: expectation.near[0], longitude: expectation.near[1])
                if resolved.contains(where: { Geodesic.distance(from: $0.place.coordinate, to: target) <= radius }) {
                    found += 1
                } else {
                    misses.append("\(article.id) \(expectation.place)")
                }
            }
        }
        let rate = total == 0 ? 0 : Double(found) / Double(total)
        lines.append(String(format: "real articles: %d of %d expected places found in their text within 10 km (%.2f)", found, total, rate))
        if !misses.isEmpty { lines.append("not found: " + misses.joined(separator: "; ")) }
        return lines.joined(separator: "\n")
    }
}
