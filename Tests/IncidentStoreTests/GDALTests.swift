import Foundation
import IncidentMapCore
import Testing
import TestSupport
import GeoJSON
@testable import IncidentStore

/// GDAL must read the store and every export as it is, with the store's feature count.
/// Skipped, saying why, where `ogrinfo` is not installed (Scripts/setup installs gdal-bin).
@Suite struct GDALTests {
    static let ogrinfo = OGRInfo.path

    static func run(_ arguments: [String]) throws -> String { try OGRInfo.run(arguments) }

    @Test(.enabled(if: ogrinfo != nil, "ogrinfo (gdal-bin) is not installed: run Scripts/setup"))
    func gdalReadsTheStoreAndEveryExport() throws {
        let folder = try TemporaryFolder()
        let store = try StoreFixtures.store(in: folder)
        _ = try store.ingest { batch in
            for n in 0..<25 {
                try batch.add(StoreFixtures.incident("G\(n)", 32 + Double(n) / 50, 13 + Double(n) / 40,
                                                     type: n % 2 == 0 ? .battles : .protests))
            }
        }
        let summary = try Self.run(["-so", store.path, "incidents"])
        #expect(summary.contains("Geometry: Point"), "\(summary)")
        #expect(summary.contains("Feature Count: 25"), "\(summary)")
        #expect(summary.contains("ID[\"EPSG\",4326]"), "\(summary)")

        for format in [OutputFormat.geojson, .geojsonseq, .csv] {
            let path = folder.path + "/export." + format.rawValue
            let writer = format.writer(to: try ByteSink(path: path))
            try writer.begin(extraColumns: [])
            try store.forEachIncident { try writer.write($0, extra: []) }
            try writer.finish()
            var arguments = ["-so", "-al", path]
            if format == .csv { arguments += ["-oo", "X_POSSIBLE_NAMES=longitude", "-oo", "Y_POSSIBLE_NAMES=latitude"] }
            let report = try Self.run(arguments)
            #expect(report.contains("Feature Count: 25"), "\(format): \(report)")
            #expect(report.contains("Geometry: Point"), "\(format): \(report)")
        }
    }
}
