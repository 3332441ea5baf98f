import Foundation
import IncidentMapCore
import IncidentMapKit
import Testing
import TestSupport

/// The commands on a PostGIS store (a database of the test run's throwaway cluster) against the
/// same commands on a SpatiaLite file: the same data in gives the same bytes out, the same
/// errors, and GDAL sees the table as the point layer it is on SpatiaLite.
@Suite struct PostGISCommandTests {
    /// The ingest time is the only column that may differ between two ingests (they run a
    /// second apart or not): it is blanked before comparing.
    static func withoutIngestTimes(_ text: String) -> String {
        text.replacingOccurrences(of: #"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"#, with: "INGESTED", options: .regularExpression)
    }

    /// Mitiga airport, and points 10 km from it give or take a few decimetres along eight
    /// azimuths: which side of the radius each falls must be the same on both stores.
    static let centre = try! Coordinate(latitude: 32.8942, longitude: 13.2761)

    static func boundaryFile(in folder: TemporaryFolder) throws -> String {
        var lines = ["event_id_cnty,event_date,event_type,latitude,longitude"]
        for (number, azimuth) in [0.0, 37, 90, 143, 180, 222, 270, 333].enumerated() {
            for (step, offset) in [-0.4, -0.1, 0, 0.1, 0.4].enumerated() {
                let point = Geodesic.destination(from: centre, azimuth: azimuth, metres: 10_000 + offset)
                lines.append("EDGE\(number)-\(step),2019-04-\(10 + step),Battles,\(point.latitude),\(point.longitude)")
            }
        }
        return try folder.write("edge.csv", lines.joined(separator: "\n") + "\n")
    }

    /// Ingests `files` into a new SpatiaLite file and a new PostGIS database.
    static func bothStores(with files: [String], in folder: TemporaryFolder) async throws -> [String] {
        let stores = [folder.path + "/store.sqlite", try ThrowawayPostgres.shared().makeDatabase()]
        for store in stores {
            let ingest = await InProcessCommandTests.run(["ingest"] + files + ["--db", store])
            #expect(ingest.status == 0, "\(store): \(ingest.message)")
        }
        return stores
    }

    @Test func exportAndNearGiveTheSameBytesOnBothStores() async throws {
        let folder = try TemporaryFolder()
        let stores = try await Self.bothStores(with: [CommandLineTests.sample, try Self.boundaryFile(in: folder)], in: folder)
        for format in ["geojson", "geojsonseq", "csv"] {
            var exports: [String] = []
            for (index, store) in stores.enumerated() {
                let out = folder.path + "/export-\(index).\(format)"
                let export = await InProcessCommandTests.run(["export", "--db", store, "--format", format, "--out", out])
                #expect(export.status == 0, "\(store): \(export.message)")
                exports.append(Self.withoutIngestTimes(try String(contentsOfFile: out, encoding: .utf8)))
            }
            #expect(exports[0].count > 1_000)
            #expect(exports[0] == exports[1], "\(format) differs between SpatiaLite and PostGIS")
        }
        // The table in-process; JSON from the built binary, which writes it to standard output.
        var tables: [[String]] = []
        var documents: [String] = []
        for store in stores {
            let near = await InProcessCommandTests.run(["near", "32.8942,13.2761", "--db", store, "--radius", "10km"])
            #expect(near.status == 0, "\(store): \(near.message)")
            tables.append(near.output)
            let json = try CommandRunner(folder: folder.path).run(["near", "32.8942,13.2761", "--db", store, "--radius", "10km",
                                                                   "--format", "json"])
            #expect(json.status == 0, "\(store): \(json.errors)")
            documents.append(Self.withoutIngestTimes(json.output))
        }
        #expect(tables[0] == tables[1])
        #expect(documents[0] == documents[1])
        // The edge points inside are those Karney's distance puts inside: 8 azimuths × 3 offsets
        // of -0.4, -0.1 and (at most) 0 m, decided the same way on both stores.
        let inside = documents[1].components(separatedBy: "\"EDGE").count - 1
        #expect((16...24).contains(inside), "\(documents[1])")
        #expect(tables[1].joined().components(separatedBy: "EDGE").count - 1 == inside)
    }

    @Test func postGISGeographyDistancesAreKarneysToo() async throws {
        let folder = try TemporaryFolder()
        let url = try ThrowawayPostgres.shared().makeDatabase()
        let ingest = await InProcessCommandTests.run(["ingest", try Self.boundaryFile(in: folder), "--db", url])
        #expect(ingest.status == 0, "\(ingest.message)")
        let database = String(url.split(separator: "/").last!)
        let rows = try ThrowawayPostgres.shared().psql(database, """
            SELECT latitude, longitude, ST_Distance(geom::geography,
                   ST_SetSRID(ST_MakePoint(\(Self.centre.longitude), \(Self.centre.latitude)), 4326)::geography)
            FROM incidents
            """).split(separator: "\n")
        #expect(rows.count == 40)
        var largest = 0.0
        for row in rows {
            let values = row.split(separator: "|").compactMap { Double($0) }
            let karney = Geodesic.distance(from: Self.centre, to: try Coordinate(latitude: values[0], longitude: values[1]))
            largest = max(largest, abs(karney - values[2]))
        }
        // PostGIS measures geography on the spheroid with GeographicLib's algorithm: within a
        // micrometre of PROJ's, far inside the issue's half metre.
        #expect(largest < 1e-6, "PostGIS and PROJ differ by \(largest) m")
    }

    @Test func aFailedFileNamesItsLineAndLeavesNoStoreOnPostGIS() async throws {
        let folder = try TemporaryFolder()
        let bad = try folder.write("bad.csv", "event_date,event_type,latitude,longitude\n2019-04-08,Battles,32.9,13.2\n2019-04-09,Battles,95,13.2\n")
        let url = try ThrowawayPostgres.shared().makeDatabase()
        let outcome = await InProcessCommandTests.run(["ingest", bad, "--db", url])
        #expect(outcome.status == 1)
        #expect(outcome.errors.first?.hasPrefix("\(bad):3: latitude 95.0 is outside -90…90") == true, "\(outcome.errors)")
        #expect(outcome.errors.contains("\(bad): nothing of this file was stored"))
        #expect(outcome.errors.contains("\(url): removed again, as nothing was stored in it"))
        #expect(!StoreLocation(url).exists)

        // Into a store that holds incidents: the bad file adds nothing, the store stays.
        let good = await InProcessCommandTests.run(["ingest", CommandLineTests.sample, "--db", url])
        #expect(good.status == 0, "\(good.message)")
        let again = await InProcessCommandTests.run(["ingest", bad, "--db", url])
        #expect(again.status == 1)
        let stats = await InProcessCommandTests.run(["stats", "--db", url])
        #expect(stats.output.dropFirst().first == "incidents:  14", "\(stats.output)")
    }

    @Test func readingCommandsOnAnEmptyDatabaseSayThereIsNoStore() async throws {
        let url = try ThrowawayPostgres.shared().makeDatabase()
        let outcome = await InProcessCommandTests.run(["stats", "--db", url])
        #expect(outcome.status == 1)
        #expect(outcome.message.contains("no incident store in \(url)"), "\(outcome.message)")
    }

    @Test(.enabled(if: OGRInfo.path != nil, "ogrinfo (gdal-bin) is not installed: run Scripts/setup"))
    func gdalSeesAPointLayerInEPSG4326() async throws {
        let cluster = try ThrowawayPostgres.shared()
        let url = try cluster.makeDatabase()
        let ingest = await InProcessCommandTests.run(["ingest", CommandLineTests.sample, "--db", url])
        #expect(ingest.status == 0, "\(ingest.message)")
        let database = String(url.split(separator: "/").last!)
        let report = try OGRInfo.run(["-so", "PG:host=127.0.0.1 port=\(cluster.port) user=postgres dbname=\(database)",
                                        "incidents"])
        #expect(report.contains("Geometry: Point"), "\(report)")
        #expect(report.contains("Feature Count: 14"), "\(report)")
        #expect(report.contains("ID[\"EPSG\",4326]"), "\(report)")
    }

    @Test func readingCommandsGiveTheSameAnswersOnAHotStandbyAndWritesAreRefused() async throws {
        let primary = try ThrowawayPostgres.shared()
        let url = try primary.makeDatabase()
        let replica = try ThrowawayPostgres(replicaOf: primary)
        defer { replica.stop() }
        let ingest = await InProcessCommandTests.run(["ingest", CommandLineTests.sample, "--db", url])
        #expect(ingest.status == 0, "\(ingest.message)")
        try replica.waitForReplay(of: primary)
        let replicaURL = replica.url(database: String(url.split(separator: "/").last!))
        let folder = try TemporaryFolder()
        for arguments in [["stats"], ["near", "Mitiga", "--radius", "10km"], ["stats", "--by", "week,type"]] {
            let onPrimary = await InProcessCommandTests.run(arguments + ["--db", url])
            let onReplica = await InProcessCommandTests.run(arguments + ["--db", replicaURL])
            #expect(onReplica.status == 0, "\(arguments): \(onReplica.message)")
            #expect(onReplica.output.map { $0.replacingOccurrences(of: replicaURL, with: url) } == onPrimary.output, "\(arguments)")
        }
        for (index, store) in [url, replicaURL].enumerated() {
            let export = await InProcessCommandTests.run(["export", "--db", store, "--format", "csv", "--out", folder.path + "/\(index).csv"])
            #expect(export.status == 0, "\(export.message)")
        }
        #expect(try String(contentsOfFile: folder.path + "/0.csv", encoding: .utf8)
            == String(contentsOfFile: folder.path + "/1.csv", encoding: .utf8))
        let write = await InProcessCommandTests.run(["ingest", try Self.boundaryFile(in: folder), "--db", replicaURL])
        #expect(write.status == 1)
        #expect(write.errors.contains { $0.contains("is a read-only server (a hot standby): point writing commands at the primary") },
                "\(write.errors)")
    }
}
