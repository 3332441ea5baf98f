import Foundation
import IncidentMapCore
import PostGISStore

/// Radius queries on a PostGIS store (Scripts/bench-postgis gives it the URL of the store it
/// filled): the benchmark's seeded queries, each timed alone, answered in full (the rows and
/// their distances, what `near` writes).
enum PostGISBench {
    static func radius(url: String, count: Int) throws {
        let store = try PostGISStore(url: url, mode: .mustExist)
        let queries = try StoreBench.queries(count: count)
        for (centre, radius) in queries.prefix(20) { try store.forEachRow(near: centre, within: radius, limit: nil) { _, _ in } }
        var timed: [(seconds: Double, hits: Int)] = []
        for (centre, radius) in queries {
            var hits = 0
            let seconds = try Timing.seconds { hits = try store.forEachRow(near: centre, within: radius, limit: nil) { _, _ in } }
            timed.append((seconds, hits))
        }
        let small = timed.filter { $0.hits <= 1000 }.map(\.seconds).sorted()
        func percentile(_ p: Double) -> Double { small.isEmpty ? 0 : small[min(small.count - 1, Int(Double(small.count) * p))] }
        let meanHits = Double(timed.reduce(0) { $0 + $1.hits }) / Double(max(1, timed.count))
        emit("| \(count) radius queries, 1–50 km, on PostGIS (total ms) | \(fmt(timed.reduce(0) { $0 + $1.seconds } * 1000)) |")
        emit("| radius query p50 / p95, ≤ 1000 hits (\(small.count) queries) (ms) | \(fmt(percentile(0.5) * 1000)) / \(fmt(percentile(0.95) * 1000)) |")
        // The fastest tenth is the least disturbed by other processes on a shared machine: the
        // nearest this run comes to the idle machine's figure.
        emit("| radius query p10, ≤ 1000 hits (ms) | \(fmt(percentile(0.1) * 1000)) |")
        emit("| radius query hits (mean) | \(fmt(meanHits)) |")
        try store.close()
    }
}
