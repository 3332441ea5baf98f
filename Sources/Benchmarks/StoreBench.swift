import Foundation
import IncidentMapCore
import IncidentStore
import TestSupport

/// Ingest, export and radius queries at one size, ours against GDAL's ogr2ogr and
/// SpatiaLite's SQL on the same data in the same run.
struct StoreBench {
    let size: Int
    let options: Options
    let incidentmap: String

    var label: String { size >= 1_000_000 ? "\(size / 1_000_000)M" : "\(size / 1000)k" }

    func path(_ name: String) -> String { options.work + "/\(label)-" + name }

    func row(_ measure: String, _ ours: String, _ reference: String, _ ratio: String, _ target: String) {
        emit("| \(label) | \(measure) | \(ours) | \(reference) | \(ratio) | \(target) |")
    }

    func remove(_ database: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: database + suffix) }
    }

    func run() throws {
        let jsonLines = path("incidents.jsonl"), geoJSONSeq = path("incidents.geojsonl")
        if !FileManager.default.fileExists(atPath: jsonLines) || !FileManager.default.fileExists(atPath: geoJSONSeq) {
            try Synthetic.write(count: size, seed: 20190404, jsonLines: jsonLines, geoJSONSeq: geoJSONSeq)
        }
        let ours = path("ours.sqlite"), reference = path("ogr.sqlite")

        var ourIngest: [Timing.Measurement] = [], ogrIngest: [Timing.Measurement] = []
        for _ in 0..<options.runs {
            remove(ours)
            ourIngest.append(try Timing.run(incidentmap, ["ingest", jsonLines, "--db", ours]))
            remove(reference)
            ogrIngest.append(try Timing.run("/usr/bin/ogr2ogr", ["-f", "SQLite", "-dsco", "SPATIALITE=YES", "-nln", "incidents", reference, geoJSONSeq]))
        }
        let ingestOurs = Timing.median(ourIngest.map(\.seconds)), ingestOgr = Timing.median(ogrIngest.map(\.seconds))
        row("ingest JSON Lines → SpatiaLite (s)", fmt(ingestOurs), fmt(ingestOgr) + " (ogr2ogr)", ratio(ingestOurs, ingestOgr), "≤ 0.25")
        row("ingest peak RSS (MB)", mb(ourIngest.map(\.peakKilobytes).max()!), mb(ogrIngest.map(\.peakKilobytes).max()!), "", "")

        var ourExport: [Timing.Measurement] = [], ogrExport: [Timing.Measurement] = []
        for _ in 0..<options.runs {
            ourExport.append(try Timing.run(incidentmap, ["export", "--format", "geojson", "--db", ours, "--out", path("ours.geojson")]))
            try? FileManager.default.removeItem(atPath: path("ogr.geojson"))
            ogrExport.append(try Timing.run("/usr/bin/ogr2ogr", ["-f", "GeoJSON", path("ogr.geojson"), ours, "incidents"]))
        }
        let exportOurs = Timing.median(ourExport.map(\.seconds)), exportOgr = Timing.median(ogrExport.map(\.seconds))
        row("export GeoJSON (s)", fmt(exportOurs), fmt(exportOgr) + " (ogr2ogr)", ratio(exportOurs, exportOgr), "≤ 0.25")
        row("export peak RSS (MB)", mb(ourExport.map(\.peakKilobytes).max()!), mb(ogrExport.map(\.peakKilobytes).max()!), "", "≤ 32 MB, flat")

        try radius(store: ours)
    }

    /// Runs `count` of the benchmark's radius queries on `store`, ours only; returns the seconds.
    static func radiusQueries(store path: String, count: Int) throws -> Double {
        let store = try IncidentStore(path: path, mode: .mustExist)
        let queries = try queries(count: count)
        return try Timing.seconds {
            for (centre, radius) in queries { _ = try store.nearbyRowIDs(near: centre, within: radius) }
        }
    }

    /// The radius queries: centres drawn like the incidents, radii from 1 to 50 km, seeded.
    static func queries(count: Int) throws -> [(Coordinate, Length)] {
        var generator = SeededGenerator(state: 7)
        return try (0..<count).map { _ in
            let point = Synthetic.point(&generator)
            return (try Coordinate(latitude: point.latitude, longitude: point.longitude),
                    Length(metres: Double.random(in: 1000...50_000, using: &generator)))
        }
    }

    func radius(store path: String) throws {
        let store = try IncidentStore(path: path, mode: .mustExist)
        let queries = try Self.queries(count: options.queries)
        // Warm both paths once.
        for (centre, radius) in queries.prefix(20) {
            _ = try store.nearbyRowIDs(near: centre, within: radius)
            _ = try store.spatiaLiteNearbyRowIDs(near: centre, within: radius)
        }
        var ours: [(seconds: Double, hits: Int)] = [], spatiaLite: [Double] = []
        var mismatches = 0
        for (centre, radius) in queries {
            var answer: [NearbyRowID] = [], reference: [Int64] = []
            ours.append((try Timing.seconds { answer = try store.nearbyRowIDs(near: centre, within: radius) }, 0))
            ours[ours.count - 1].hits = answer.count
            spatiaLite.append(try Timing.seconds { reference = try store.spatiaLiteNearbyRowIDs(near: centre, within: radius) })
            if answer.map(\.rowID).sorted() != reference { mismatches += 1 }
        }
        var scans: [Double] = []
        for (centre, radius) in queries.prefix(options.quick ? 2 : 5) {
            var scanned: [Int64] = []
            scans.append(try Timing.seconds { scanned = try store.spatiaLiteNearbyRowIDs(near: centre, within: radius, useIndex: false) })
            let answer = try store.nearbyRowIDs(near: centre, within: radius).map(\.rowID).sorted()
            if answer != scanned { mismatches += 1 }
        }
        let small = ours.filter { $0.hits <= 1000 }.map(\.seconds)
        let total = ours.reduce(0) { $0 + $1.seconds }, reference = spatiaLite.reduce(0, +)
        let meanHits = Double(ours.reduce(0) { $0 + $1.hits }) / Double(max(1, ours.count))
        row("\(queries.count) radius queries, 1–50 km (total ms)", fmt(total * 1000), fmt(reference * 1000) + " (SpatiaLite SQL)",
            ratio(total, reference), "≤ 0.1")
        row("radius query p50 / p95, ≤ 1000 hits (ms)", "\(fmt(percentile(small, 0.5) * 1000)) / \(fmt(percentile(small, 0.95) * 1000))",
            "\(fmt(percentile(spatiaLite, 0.5) * 1000)) / \(fmt(percentile(spatiaLite, 0.95) * 1000))", "", "p50 ≤ 1 ms")
        row("radius query hits (mean) / answers differing", fmt(meanHits), "\(mismatches) of \(queries.count + min(queries.count, options.quick ? 2 : 5))", "", "0 differing")
        row("full scan, SpatiaLite ST_Distance (ms per query)", "", fmt(Timing.median(scans) * 1000), "", "")
        try store.close()
    }

    func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
    }
}

func fmt(_ value: Double) -> String { value >= 100 ? String(format: "%.0f", value) : value >= 10 ? String(format: "%.1f", value) : String(format: "%.3f", value) }
func mb(_ kilobytes: Int) -> String { String(format: "%.1f", Double(kilobytes) / 1024) }
func ratio(_ ours: Double, _ reference: Double) -> String { reference > 0 ? String(format: "%.2f", ours / reference) : "" }
