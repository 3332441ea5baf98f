import Foundation
import TestSupport

/// Synthetic incidents with ACLED's columns, spread as conflict data is: clustered around
/// towns, with a thin scatter across the country.
enum Synthetic {
    /// Towns and how much of the data clusters around each (coordinates: GeoNames, as in
    /// Gazetteer/geonames-LY-cities500.tsv).
    static let towns: [(name: String, latitude: Double, longitude: Double, weight: Double, spread: Double)] = [
        ("Tripoli", 32.88743, 13.18733, 30, 0.12), ("Benghazi", 32.11486, 20.06859, 18, 0.10),
        ("Misrata", 32.37535, 15.09254, 9, 0.08), ("Sirte", 31.20892, 16.58866, 8, 0.08),
        ("Sabha", 27.03766, 14.42832, 6, 0.08), ("Derna", 32.76700, 22.63667, 6, 0.06),
        ("Zawiya", 32.75222, 12.72778, 5, 0.05), ("Gharyan", 32.17222, 13.02028, 4, 0.05),
        ("Tarhuna", 32.43501, 13.63320, 3, 0.05), ("Ajdabiya", 30.75545, 20.22625, 3, 0.06),
        ("Tobruk", 32.08361, 23.97639, 2, 0.05), ("Murzuq", 25.91551, 13.91840, 2, 0.05),
    ]
    static let types: [(type: String, sub: String, weight: Double)] = [
        ("Battles", "Armed clash", 35), ("Explosions/Remote violence", "Shelling/artillery/missile attack", 20),
        ("Explosions/Remote violence", "Air/drone strike", 12), ("Violence against civilians", "Attack", 8),
        ("Violence against civilians", "Abduction/forced disappearance", 5), ("Protests", "Peaceful protest", 10),
        ("Riots", "Violent demonstration", 3), ("Strategic developments", "Arrests", 7),
    ]
    static let actors = ["Military Forces of Libya (2016-) Government of National Accord",
                         "Military Forces of Libya (2014-) Libyan National Army",
                         "Unidentified Armed Group (Libya)", "Protesters (Libya)", "Civilians (Libya)"]

    static func pick<T>(_ items: [T], weight: (T) -> Double, _ generator: inout SeededGenerator) -> T {
        let total = items.reduce(0) { $0 + weight($1) }
        var roll = Double.random(in: 0..<total, using: &generator)
        for item in items {
            roll -= weight(item)
            if roll < 0 { return item }
        }
        return items[items.count - 1]
    }

    /// A point drawn from the distribution: 90 % around towns, 10 % anywhere in Libya's box.
    static func point(_ generator: inout SeededGenerator) -> (latitude: Double, longitude: Double) {
        if Double.random(in: 0..<1, using: &generator) < 0.9 {
            let town = pick(towns, weight: \.weight, &generator)
            return (min(33.5, max(19.5, town.latitude + generator.gaussian() * town.spread)),
                    min(25.2, max(9.3, town.longitude + generator.gaussian() * town.spread)))
        }
        return (Double.random(in: 19.5...33.2, using: &generator), Double.random(in: 9.4...25.1, using: &generator))
    }

    /// Writes `count` incidents as JSON Lines (for incidentmap) and GeoJSONSeq (for ogr2ogr),
    /// with the same content.
    static func write(count: Int, seed: UInt64, jsonLines: String, geoJSONSeq: String) throws {
        var generator = SeededGenerator(state: seed)
        _ = FileManager.default.createFile(atPath: jsonLines, contents: nil)
        _ = FileManager.default.createFile(atPath: geoJSONSeq, contents: nil)
        guard let lines = FileHandle(forWritingAtPath: jsonLines), let features = FileHandle(forWritingAtPath: geoJSONSeq) else {
            throw BenchError("cannot write \(jsonLines)")
        }
        defer { try? lines.close(); try? features.close() }
        var lineBuffer = "", featureBuffer = ""
        for index in 0..<count {
            let (latitude, longitude) = point(&generator)
            let kind = pick(types, weight: \.weight, &generator)
            let day = Int.random(in: 0..<(14 * 365), using: &generator)
            let date = Calendar(identifier: .gregorian).date(byAdding: .day, value: day, to: Date(timeIntervalSince1970: 1_293_840_000))!
            let dateText = dateFormatter.string(from: date)
            let actor1 = actors[Int.random(in: 0..<actors.count, using: &generator)]
            let fatalities = Double.random(in: 0..<1, using: &generator) < 0.7 ? 0 : Int.random(in: 1...20, using: &generator)
            let latitudeText = String(format: "%.5f", latitude), longitudeText = String(format: "%.5f", longitude)
            let properties = """
                "event_id_cnty":"SYN\(index)","event_date":"\(dateText)","time_precision":1,"event_type":"\(kind.type)",\
                "sub_event_type":"\(kind.sub)","actor1":"\(actor1)","admin1":"Synthetic","location":"Near town \(index % 97)",\
                "latitude":\(latitudeText),"longitude":\(longitudeText),"geo_precision":1,"fatalities":\(fatalities),\
                "source":"incidentmap-bench","notes":"Synthetic incident \(index) for benchmarks \\"quoted\\", with commas"
                """
            lineBuffer += "{\(properties)}\n"
            featureBuffer += "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[\(longitudeText),\(latitudeText)]},\"properties\":{\(properties)}}\n"
            if lineBuffer.utf8.count > 1 << 20 {
                lines.write(Data(lineBuffer.utf8)); features.write(Data(featureBuffer.utf8))
                lineBuffer = ""; featureBuffer = ""
            }
        }
        lines.write(Data(lineBuffer.utf8)); features.write(Data(featureBuffer.utf8))
    }

    static let dateFormatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.locale = Locale(identifier: "en_US_POSIX")
        return formatter
    }()
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
